using FoiDesk.Operations;

namespace FoiDesk.Intake;

/// <summary>Polls the configured mailbox. Thin: the runner does the work; exceptions reach the job server.</summary>
public sealed class IntakeJob(IntakeRunner runner, IMailSource source, MailboxState mailbox) : IScheduledJob
{
    public async Task RunAsync(JobRun run, CancellationToken ct)
    {
        IntakeCounts counts;
        try
        {
            counts = await runner.RunOnceAsync(source, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Recorded for /health, then left to the job server: the next firing tries again by itself.
            mailbox.Failed(e.Message);
            throw;
        }

        mailbox.Read();
        Count("request", counts.Opened);
        Count("follow-up", counts.FollowUps);
        Count("auto-reply", counts.AutoReplies);
        Count("bounce", counts.Bounces);
        Count("held", counts.Held);
        Count("failed", counts.Failed);
        Count("duplicate", counts.Duplicates);
    }

    private static void Count(string outcome, int count)
    {
        if (count > 0)
        {
            FoiDeskMetrics.IntakeMessages.Add(count, new KeyValuePair<string, object?>("outcome", outcome));
        }
    }
}
