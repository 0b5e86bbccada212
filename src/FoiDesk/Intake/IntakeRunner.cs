using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Npgsql;

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
/// One pass over a mailbox: messages are stored and committed, then acknowledged at their source. A message
/// that fails never blocks the ones behind it; it stays in the mailbox and is retried next pass.
/// </summary>
/// <remarks>
/// Reading a message (parse, split, triage) needs no database, so the next few are read on other cores while
/// earlier ones are stored. Storing is in arrival order, so a follow-up always finds the case its request
/// opened, and a group of messages shares one transaction: one durable commit instead of one per message,
/// which is what bounds intake on a busy disk. Exactly-once is unchanged: no message in a group is
/// acknowledged before the group commits, and a crash before that re-reads them all as duplicates-to-be.
/// The mailbox is only ever touched from this loop, one call at a time.
/// </remarks>
public sealed class IntakeRunner(IntakeProcessor processor, NpgsqlDataSource db, ILogger<IntakeRunner> logger)
{
    /// <summary>How many messages may be read ahead of the ones being stored.</summary>
    private const int ReadAhead = 16;

    /// <summary>
    /// How many bytes messages read but not yet stored (read ahead, or waiting in an unfilled group) may hold:
    /// past it the group is stored early, so a run of large attachments cannot exhaust memory.
    /// </summary>
    private const long HeldBytes = 64L * 1024 * 1024;

    /// <summary>Messages committed together.</summary>
    private const int GroupSize = 32;

    private sealed record Pending(SourceMessage Message, Task<MessageAnalysis> Analysis);

    /// <summary>Where a pass spent its time (Stopwatch ticks), logged so an operator can see what bounds intake.</summary>
    private sealed class Timings
    {
        public long Reading;
        public long Storing;
        public long Committing;
        public long Acknowledging;
    }

    public async Task<IntakeCounts> RunOnceAsync(IMailSource source, CancellationToken ct)
    {
        var counts = new IntakeCounts();
        var timings = new Timings();
        var started = Stopwatch.GetTimestamp();
        var ahead = new Queue<Pending>();
        var group = new List<Pending>();
        // Bytes held in memory by messages read but not yet stored: those read ahead and the group being filled.
        long heldBytes = 0;
        try
        {
            await foreach (var message in source.ReadAsync(ct))
            {
                ahead.Enqueue(new Pending(message, Task.Run(() => processor.Analyse(message, ct), ct)));
                heldBytes += message.Bytes.Length;
                while (ahead.Count > ReadAhead || (heldBytes > HeldBytes && ahead.Count > 0))
                {
                    group.Add(ahead.Dequeue());
                    if (group.Count >= GroupSize || heldBytes > HeldBytes)
                    {
                        heldBytes -= group.Sum(p => (long)p.Message.Bytes.Length);
                        await StoreGroupAsync(source, group, counts, timings, ct);
                    }
                }
            }

            group.AddRange(ahead);
            ahead.Clear();
            while (group.Count > 0)
            {
                var take = group.Take(GroupSize).ToList();
                group.RemoveRange(0, take.Count);
                await StoreGroupAsync(source, take, counts, timings, ct);
            }
        }
        finally
        {
            // Cancelled part-way: what was read ahead is not stored (it stays in the mailbox); free its parses.
            foreach (var pending in ahead.Concat(group))
            {
                _ = pending.Analysis.ContinueWith(t => t.Result.Dispose(), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
            }
        }

        var total = Stopwatch.GetElapsedTime(started);
        var messages = counts.Opened + counts.FollowUps + counts.AutoReplies + counts.Bounces + counts.Held + counts.Failed + counts.Duplicates;
        // A pass runs every few seconds; an empty one is routine, so it is logged only when debugging.
        var level = messages == 0 ? LogLevel.Debug : LogLevel.Information;
        if (total > TimeSpan.Zero && logger.IsEnabled(level))
        {
            logger.Log(
                level,
                "Intake pass: {Messages} messages in {Total:F1} s; waiting for reading {Reading:F1} s, storing {Storing:F1} s, committing {Committing:F1} s, acknowledging {Acknowledging:F1} s",
                messages, total.TotalSeconds, Seconds(timings.Reading), Seconds(timings.Storing), Seconds(timings.Committing), Seconds(timings.Acknowledging));
        }

        return counts;
    }

    private static double Seconds(long ticks) => (double)ticks / Stopwatch.Frequency;

    /// <summary>Stores and commits a group, then acknowledges it; if the group fails, each is tried on its own.</summary>
    private async Task StoreGroupAsync(IMailSource source, List<Pending> group, IntakeCounts counts, Timings timings, CancellationToken ct)
    {
        var outcomes = new List<IntakeOutcome>(group.Count);
        try
        {
            await using var conn = await db.OpenConnectionAsync(ct);
            await using var tx = await conn.BeginTransactionAsync(ct);
            foreach (var pending in group)
            {
                var waited = Stopwatch.GetTimestamp();
                var analysis = await pending.Analysis;
                var storing = Stopwatch.GetTimestamp();
                outcomes.Add(await processor.StoreAsync(conn, tx, analysis, ct));
                timings.Reading += storing - waited;
                timings.Storing += Stopwatch.GetTimestamp() - storing;
            }

            var committing = Stopwatch.GetTimestamp();
            await tx.CommitAsync(ct);
            timings.Committing += Stopwatch.GetTimestamp() - committing;
        }
        catch (Exception e) when (e is not OperationCanceledException && group.Count > 1)
        {
            // Nothing of the group was committed. Store each on its own so one bad message cannot hold back the rest.
            logger.LogWarning(e, "A group of {Count} messages could not be stored together; storing them one at a time", group.Count);
            foreach (var pending in group)
            {
                await StoreOneAsync(source, pending, counts, ct);
            }

            group.Clear();
            return;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogNotStored(e, group[0].Message);
            Dispose(group);
            return;
        }

        // Only now, with the group committed, does the mailbox forget its messages. A crash before this
        // re-reads them next pass, and the raw store recognises each as already stored.
        var acknowledging = Stopwatch.GetTimestamp();
        for (var i = 0; i < group.Count; i++)
        {
            counts.Add(outcomes[i].Route);
            await source.AcknowledgeAsync(group[i].Message, ct);
        }

        timings.Acknowledging += Stopwatch.GetTimestamp() - acknowledging;

        Dispose(group);
    }

    private async Task StoreOneAsync(IMailSource source, Pending pending, IntakeCounts counts, CancellationToken ct)
    {
        IntakeOutcome outcome;
        try
        {
            outcome = await processor.StoreAsync(await pending.Analysis, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogNotStored(e, pending.Message);
            return;
        }
        finally
        {
            Dispose([pending]);
        }

        counts.Add(outcome.Route);
        await source.AcknowledgeAsync(pending.Message, ct);
    }

    /// <summary>Storage failed (database down, say): nothing was committed, so the message stays in the mailbox.</summary>
    private void LogNotStored(Exception e, SourceMessage message) =>
        logger.LogError(e, "Could not store {Source} {Key}; it stays in the mailbox for the next pass", message.Source, message.SourceKey);

    private static void Dispose(List<Pending> done)
    {
        foreach (var pending in done)
        {
            if (pending.Analysis.IsCompletedSuccessfully)
            {
                pending.Analysis.Result.Dispose();
            }
        }

        done.Clear();
    }
}
