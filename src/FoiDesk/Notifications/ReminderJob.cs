using FoiDesk.Deadlines;
using FoiDesk.Operations;

namespace FoiDesk.Notifications;

/// <summary>
/// The morning reminder run (07:30 Europe/London, Monday to Friday; the service itself does nothing on a UK
/// bank holiday). Thin; exceptions reach the job server. Idempotent, so a firing caught up later in the day,
/// or a second host, adds nothing twice. Once the rows are recorded, each person's are queued in the outbox as
/// one digest email (marked sent as they are queued).
/// </summary>
public sealed class ReminderJob(Reminders reminders, ReminderDigests digests) : IScheduledJob
{
    /// <summary>Cron: minute hour day-of-month month day-of-week, read in Europe/London.</summary>
    public const string Cron = "30 7 * * 1-5";

    public async Task RunAsync(JobRun run, CancellationToken ct)
    {
        await reminders.RunAsync(ct);
        await digests.DeliverAsync(ct);
    }
}
