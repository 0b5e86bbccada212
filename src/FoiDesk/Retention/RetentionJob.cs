using FoiDesk.Operations;

namespace FoiDesk.Retention;

/// <summary>Weekly, Monday 06:30: lists the cases due for deletion for an admin (or deletes them when configured). Thin.</summary>
public sealed class RetentionJob(RetentionRuns runs) : IScheduledJob
{
    public const string Cron = "30 6 * * 1";

    public async Task RunAsync(JobRun run, CancellationToken ct) => await runs.WeeklyAsync(ct);
}
