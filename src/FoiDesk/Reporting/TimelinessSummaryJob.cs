using FoiDesk.Operations;

namespace FoiDesk.Reporting;

/// <summary>
/// Folds newly sent responses into the on-time summary every minute, so no page request pays for it. Thin;
/// exceptions reach the job server. Idempotent (a watermark and a try-lock inside the service), so a second
/// host or a caught-up firing folds nothing twice.
/// </summary>
public sealed class TimelinessSummaryJob(TimelinessSummary summary) : IScheduledJob
{
    public async Task RunAsync(JobRun run, CancellationToken ct) =>
        await summary.RefreshAsync(ct);
}
