using Quartz;

namespace FoiDesk.Deadlines;

/// <summary>
/// Refreshes the holiday table from GOV.UK each morning before the reminders run. Scheduled only when
/// FoiDesk:Holidays:RefreshUrl is set. Thin: Quartz's job factory gives each execution its own scope.
/// </summary>
[DisallowConcurrentExecution]
public sealed class HolidayRefreshJob(HolidayRefresh refresh) : IJob
{
    public static readonly JobKey Key = new("holiday-refresh", "deadlines");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await refresh.RunAsync(cancellationToken);
}
