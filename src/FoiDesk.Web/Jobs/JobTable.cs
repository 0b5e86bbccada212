using FoiDesk.Deadlines;
using FoiDesk.Intake;
using FoiDesk.Notifications;
using FoiDesk.Operations;
using FoiDesk.Publication;
using FoiDesk.Replies;
using FoiDesk.Reporting;
using FoiDesk.SocialValue.Sync;
using FoiDesk.Web.Hosting;

namespace FoiDesk.Web.Jobs;

/// <summary>
/// Every job FoiDesk runs, in one table: what, when, and under which configuration. The job server registers
/// these at start-up (and removes a job whose configuration was taken away); nothing else schedules work.
/// Crons with six fields start with seconds. All are read in Europe/London, so 07:30 stays 07:30 on the wall
/// clock across the change to and from British Summer Time.
/// </summary>
public static class JobTable
{
    public const string Intake = "intake";
    public const string Outbox = "outbox";
    public const string Heartbeat = "heartbeat";
    public const string DisclosureLog = "disclosure-log";
    public const string TimelinessSummary = "timeliness-summary";
    public const string Reminders = "reminders";
    public const string HolidayRefresh = "holiday-refresh";
    public const string SocialValueSync = "social-value-sync";
    public const string Retention = "retention";

    public static IReadOnlyList<JobDefinition> For(FoiDeskOptions options) =>
    [
        new(Intake, typeof(IntakeJob), Every(options.IntakePollSeconds), true,
            "Reads new mail from the inbox (IMAP IDLE also starts a pass as soon as mail arrives)"),
        new(Outbox, typeof(OutboxJob), Every(10), true,
            "Sends due outbox entries (approving a letter also starts a pass at once)"),
        new(Heartbeat, typeof(HeartbeatJob), Every(options.HeartbeatSeconds), true,
            "Records that the job server is alive, for /health"),
        new(DisclosureLog, typeof(DisclosureLogJob), "*/15 * * * *", true,
            "Publishes responses chosen for the disclosure log (publishing a case also starts a run at once)"),
        new(TimelinessSummary, typeof(TimelinessSummaryJob), "* * * * *", true,
            "Folds newly sent responses into the on-time summary"),
        new(Reminders, typeof(ReminderJob), ReminderJob.Cron, true,
            "Working-day reminders at 07:30 (none on a UK bank holiday)"),
        new(HolidayRefresh, typeof(HolidayRefreshJob), HolidayRefreshJob.Cron, !string.IsNullOrWhiteSpace(options.Holidays.RefreshUrl),
            "Refreshes UK bank holidays from GOV.UK at 06:00 (only when FoiDesk:Holidays:RefreshUrl is set)"),
        new(SocialValueSync, typeof(MonitoringPlatformSyncJob), options.SocialValueSync.Cron, options.SocialValueSync.Configured,
            "Imports from the social value monitoring platform, all or nothing (only when FoiDesk:SocialValueSync is set)"),
        new(Retention, typeof(FoiDesk.Retention.RetentionJob), FoiDesk.Retention.RetentionJob.Cron, true,
            "Lists cases due for deletion under the retention schedule on Mondays at 06:30 (deletes them when FoiDesk:Retention:AutoDelete is set)"),
    ];

    public static JobDefinition Find(FoiDeskOptions options, string id) =>
        For(options).SingleOrDefault(j => j.Id == id) ?? throw new PermanentJobFailureException($"no job named '{id}' in the job table");

    /// <summary>
    /// A cron for "every N seconds", rounded down to a period that divides the minute or the hour evenly, so
    /// firings fall on the same second every minute and two hosts compute the same occurrences.
    /// </summary>
    public static string Every(int seconds)
    {
        int[] divisors = [1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30];
        if (seconds < 60)
        {
            var s = divisors.Last(d => d <= Math.Max(1, seconds));
            return s == 1 ? "* * * * * *" : $"*/{s} * * * * *";
        }

        if (seconds < 3600)
        {
            var m = divisors.Last(d => d <= seconds / 60);
            return m == 1 ? "0 * * * * *" : $"0 */{m} * * * *";
        }

        return "0 0 * * * *";
    }
}
