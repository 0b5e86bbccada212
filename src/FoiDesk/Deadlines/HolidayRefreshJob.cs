using FoiDesk.Operations;

namespace FoiDesk.Deadlines;

/// <summary>
/// Refreshes the holiday table from GOV.UK each morning before the reminders run. Scheduled only when
/// FoiDesk:Holidays:RefreshUrl is set. Thin; exceptions reach the job server.
/// </summary>
public sealed class HolidayRefreshJob(HolidayRefresh refresh) : IScheduledJob
{
    /// <summary>06:00 Europe/London every day, before the 07:30 reminders.</summary>
    public const string Cron = "0 6 * * *";

    public async Task RunAsync(JobRun run, CancellationToken ct) =>
        await refresh.RunAsync(ct);
}
