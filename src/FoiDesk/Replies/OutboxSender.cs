using Dapper;
using FoiDesk.Cases;
using FoiDesk.Deadlines;
using FoiDesk.Mail;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace FoiDesk.Replies;

public sealed record OutboxRun(int Sent, int Retrying, int Failed);

/// <summary>
/// Delivers queued letters. Each entry is claimed with a lease (status 'sending', next attempt pushed out)
/// before the transport is called, so a crash after the server accepted it but before we recorded it leads
/// to a resend when the lease runs out: sent twice, never zero times, with the same Message-ID and bytes.
/// Transient failures (4xx, connection trouble) retry with backoff; permanent ones (5xx) stop for an officer.
/// </summary>
public sealed class OutboxSender(NpgsqlDataSource db, IMailSender transport, TimeProvider time, ILogger<OutboxSender> logger, string envelopeFrom, TimeSpan? lease = null)
{
    /// <summary>How long a claimed entry is left alone before another sender may try it again.</summary>
    public static readonly TimeSpan DefaultLease = TimeSpan.FromMinutes(5);

    private readonly TimeSpan _lease = lease ?? DefaultLease;

    /// <summary>After a transient failure: 1 min, 5 min, 15 min, 1 h, then every 4 h, up to 10 attempts.</summary>
    private static readonly TimeSpan[] Backoff =
    [
        TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromHours(1), TimeSpan.FromHours(4),
    ];

    public const int MaxAttempts = 10;

    public async Task<OutboxRun> SendDueAsync(int batch, CancellationToken ct)
    {
        int sent = 0, retrying = 0, failed = 0;
        while (await ClaimAsync(ct) is { } entry)
        {
            if (entry.Attempts > 1)
            {
                // A previous attempt was interrupted or failed; if it was interrupted after the server took it,
                // the requester gets this Message-ID twice. The attempt count on the row records that.
                logger.LogWarning("Resending outgoing message {Id} ({MessageId}), attempt {Attempt}", entry.Id, entry.MessageId, entry.Attempts);
            }

            SendResult result;
            try
            {
                using var stream = new MemoryStream(entry.Raw, writable: false);
                result = await transport.SendAsync(new MailEnvelope { From = envelopeFrom, Recipients = [entry.ToAddress] }, stream, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                result = new SendResult { Recipients = [], Failure = DeliveryFailure.Transient, FailureText = e.Message };
            }

            if (result.AllAccepted)
            {
                await MarkSentAsync(entry, ct);
                sent++;
            }
            else if (result.Failure == DeliveryFailure.Permanent || (result.Failure == DeliveryFailure.None && result.Recipients.Any(r => r.Failure == DeliveryFailure.Permanent)) || entry.Attempts >= MaxAttempts)
            {
                await MarkFailedAsync(entry, Describe(result), ct);
                failed++;
            }
            else
            {
                await RetryLaterAsync(entry, Describe(result), ct);
                retrying++;
            }

            if (sent + retrying + failed >= batch)
            {
                break;
            }
        }

        return new OutboxRun(sent, retrying, failed);
    }

    private sealed record Entry
    {
        public required long Id { get; init; }
        /// <summary>Null for internal mail (the reminder digest): nothing goes on a case's timeline.</summary>
        public long? CaseId { get; init; }
        public required string Letter { get; init; }
        public required string MessageId { get; init; }
        public required string ToAddress { get; init; }
        public required byte[] Raw { get; init; }
        public required int Attempts { get; init; }
    }

    private async Task<Entry?> ClaimAsync(CancellationToken ct)
    {
        // skip locked: several instances share the outbox without sending an entry twice at once.
        const string Sql = """
            update outgoing_message set status = 'sending', attempts = attempts + 1, next_attempt_at = @leaseUntil
            where id = (
                select id from outgoing_message
                where status in ('queued', 'sending') and next_attempt_at <= @now
                order by next_attempt_at, id
                for update skip locked
                limit 1)
            returning id, case_id as CaseId, letter, message_id as MessageId, to_address as ToAddress, raw, attempts
            """;
        var now = time.GetUtcNow();
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<Entry>(new CommandDefinition(Sql, new { now, leaseUntil = now + _lease }, cancellationToken: ct));
    }

    private async Task MarkSentAsync(Entry entry, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(
            "update outgoing_message set status = 'sent', sent_at = @now, last_error = null where id = @Id",
            new { now, entry.Id }, tx, cancellationToken: ct));
        // Internal mail has no case, and so no timeline.
        if (entry.CaseId is { } caseId)
        {
            await CaseWorkflow.LetterSentInAsync(conn, tx, caseId, entry.Letter, entry.MessageId, entry.Attempts, now, ct);
        }

        await tx.CommitAsync(ct);
    }

    private async Task RetryLaterAsync(Entry entry, string error, CancellationToken ct)
    {
        var delay = Backoff[Math.Min(entry.Attempts - 1, Backoff.Length - 1)];
        await using var conn = await db.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(
            "update outgoing_message set status = 'queued', next_attempt_at = @next, last_error = @error where id = @Id",
            new { next = time.GetUtcNow() + delay, error, entry.Id }, cancellationToken: ct));
    }

    private async Task MarkFailedAsync(Entry entry, string error, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(
            "update outgoing_message set status = 'failed', last_error = @error where id = @Id", new { error, entry.Id }, tx, cancellationToken: ct));
        await conn.ExecuteAsync(new CommandDefinition(
            "insert into case_event (case_id, at, actor, kind, detail) select @CaseId, @now, 'outbox', 'letter-failed', jsonb_build_object('letter', @Letter::text, 'error', @error::text) where @CaseId::bigint is not null",
            new { entry.CaseId, now, entry.Letter, error }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
    }

    private static string Describe(SendResult result)
    {
        // The server's own words (with its status code) are what an officer needs to act on.
        var refusals = result.Recipients.Where(r => !r.Accepted).Select(r => $"{r.Address}: {r.StatusCode} {r.EnhancedStatusCode} {r.Text}".Replace("  ", " ", StringComparison.Ordinal));
        var text = string.Join("; ", new[] { result.FailureText }.Concat(refusals).Where(t => !string.IsNullOrWhiteSpace(t)));
        return text.Length > 0 ? text : "not accepted";
    }
}
