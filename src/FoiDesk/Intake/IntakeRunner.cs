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
/// <remarks>
/// Reading a message (parse, split, triage) needs no database, so the next few are read on other cores while
/// one is stored. Storing stays one at a time and in arrival order, so a follow-up always finds the case its
/// request opened; the mailbox is only ever touched from this loop, one call at a time.
/// </remarks>
public sealed class IntakeRunner(IntakeProcessor processor, ILogger<IntakeRunner> logger)
{
    /// <summary>How many messages may be read ahead of the one being stored, and how many bytes they may hold.</summary>
    private const int ReadAhead = 16;
    private const long ReadAheadBytes = 64L * 1024 * 1024;

    public async Task<IntakeCounts> RunOnceAsync(IMailSource source, CancellationToken ct)
    {
        var counts = new IntakeCounts();
        var ahead = new Queue<(SourceMessage Message, Task<MessageAnalysis> Analysis)>();
        long aheadBytes = 0;
        try
        {
            await foreach (var message in source.ReadAsync(ct))
            {
                ahead.Enqueue((message, Task.Run(() => processor.Analyse(message, ct), ct)));
                aheadBytes += message.Bytes.Length;
                while (ahead.Count > ReadAhead || (aheadBytes > ReadAheadBytes && ahead.Count > 1))
                {
                    aheadBytes -= await StoreNextAsync(source, ahead.Dequeue(), counts, ct);
                }
            }

            while (ahead.Count > 0)
            {
                await StoreNextAsync(source, ahead.Dequeue(), counts, ct);
            }
        }
        finally
        {
            // Cancelled part-way: what was read ahead is not stored (it stays in the mailbox); free its parses.
            foreach (var (_, analysis) in ahead)
            {
                _ = analysis.ContinueWith(t => t.Result.Dispose(), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
            }
        }

        return counts;
    }

    private async Task<int> StoreNextAsync(IMailSource source, (SourceMessage Message, Task<MessageAnalysis> Analysis) next, IntakeCounts counts, CancellationToken ct)
    {
        var message = next.Message;
        MessageAnalysis? analysis = null;
        IntakeOutcome outcome;
        try
        {
            analysis = await next.Analysis;
            outcome = await processor.StoreAsync(analysis, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Storage failed (database down, say): nothing was committed, so leave it in the mailbox.
            logger.LogError(e, "Could not store {Source} {Key}; it stays in the mailbox for the next pass", message.Source, message.SourceKey);
            return message.Bytes.Length;
        }
        finally
        {
            analysis?.Dispose();
        }

        counts.Add(outcome.Route);
        // Only now, with the case change committed, does the mailbox forget the message. A crash before
        // this line re-reads it next pass, and the raw store recognises it as a duplicate.
        await source.AcknowledgeAsync(message, ct);
        return message.Bytes.Length;
    }
}
