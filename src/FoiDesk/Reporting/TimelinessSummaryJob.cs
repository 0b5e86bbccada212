using Quartz;

namespace FoiDesk.Reporting;

/// <summary>
/// Folds newly sent responses into the on-time summary every minute, so no page request pays for it. Thin;
/// exceptions reach Quartz. Idempotent (a watermark and a try-lock inside the service), so a second cluster
/// member or a caught-up misfire folds nothing twice.
/// </summary>
[DisallowConcurrentExecution]
public sealed class TimelinessSummaryJob(TimelinessSummary summary) : IJob
{
    public static readonly JobKey Key = new("timeliness-summary", "reporting");

    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await summary.RefreshAsync(cancellationToken);
}
