using Microsoft.Extensions.Logging;

namespace FoiDesk.Intake;

/// <summary>What one pass over the mailbox did.</summary>
public sealed record IntakeCounts
{
    public int Opened { get; set; }
    public int FollowUps { get; set; }
    public int AutoReplies { get; set; }
    public int Bounces { get; set; }
    public int Held { get; set; }
    public int Failed { get; set; }
    public int Duplicates { get; set; }

    public void Add(IntakeRoute route)
    {
        switch (route)
        {
            case IntakeRoute.Request: Opened++; break;
            case IntakeRoute.FollowUp: FollowUps++; break;
            case IntakeRoute.AutoReply: AutoReplies++; break;
            case IntakeRoute.Bounce: Bounces++; break;
            case IntakeRoute.Held: Held++; break;
            case IntakeRoute.Failed: Failed++; break;
            case IntakeRoute.Duplicate: Duplicates++; break;
        }
    }
}

/// <summary>
/// One pass over a mailbox: each message is processed and committed, then acknowledged at its source.
/// A message that fails never blocks the ones behind it; it stays in the mailbox and is retried next pass.
/// </summary>
public sealed class IntakeRunner(IntakeProcessor processor, ILogger<IntakeRunner> logger)
{
    public async Task<IntakeCounts> RunOnceAsync(IMailSource source, CancellationToken ct)
    {
        var counts = new IntakeCounts();
        await foreach (var message in source.ReadAsync(ct))
        {
            IntakeOutcome outcome;
            try
            {
                outcome = await processor.ProcessAsync(message, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Storage failed (database down, say): nothing was committed, so leave it in the mailbox.
                logger.LogError(e, "Could not store {Source} {Key}; it stays in the mailbox for the next pass", message.Source, message.SourceKey);
                continue;
            }

            counts.Add(outcome.Route);
            // Only now, with the case change committed, does the mailbox forget the message. A crash before
            // this line re-reads it next pass, and the raw store recognises it as a duplicate.
            await source.AcknowledgeAsync(message, ct);
        }

        return counts;
    }
}
