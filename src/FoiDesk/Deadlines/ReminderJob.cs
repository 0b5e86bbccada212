using Quartz;

namespace FoiDesk.Deadlines;

/// <summary>
/// The morning reminder run (07:30 Europe/London, Monday to Friday; the service itself does nothing on a UK
/// bank holiday). Thin: Quartz's job factory gives each execution its own scope; exceptions reach Quartz.
/// Idempotent, so a misfire caught up later in the day, or a second instance, adds nothing twice. Once the
/// rows are recorded, each person's are queued in the outbox as one digest email (marked sent as they are queued).
/// </summary>
[DisallowConcurrentExecution]
public sealed class ReminderJob(Reminders reminders, ReminderDigests digests) : IJob
{
    public static readonly JobKey Key = new("reminders", "deadlines");

    /// <summary>Quartz cron: seconds minutes hours day-of-month month day-of-week.</summary>
    public const string Cron = "0 30 7 ? * MON-FRI";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        await reminders.RunAsync(cancellationToken);
        await digests.DeliverAsync(cancellationToken);
    }
}
