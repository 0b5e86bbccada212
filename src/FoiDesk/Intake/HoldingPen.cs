using Dapper;
using FoiDesk.Audit;
using FoiDesk.Cases;
using Npgsql;

namespace FoiDesk.Intake;

/// <summary>A message in the holding pen (Alaveteli's name for mail that matched no request), or one that failed to parse.</summary>
public sealed record HeldMessage
{
    /// <summary>The raw_email id: <see cref="HoldingPen.RawAsync"/> gives its bytes unchanged.</summary>
    public required long RawEmailId { get; init; }
    public required string Route { get; init; }
    public required string RouteReason { get; init; }
    public required string Subject { get; init; }
    public string? FromName { get; init; }
    public string? FromAddress { get; init; }
    public required DateTimeOffset ArrivedAt { get; init; }
    public required int Size { get; init; }
}

/// <summary>One held or failed message as an officer reads it before deciding: its text body only (never HTML), and what became of it.</summary>
public sealed record HeldMessageDetail
{
    public required long RawEmailId { get; init; }
    public required string Route { get; init; }
    public required string RouteReason { get; init; }
    public required string Subject { get; init; }
    public string? FromName { get; init; }
    public string? FromAddress { get; init; }
    public DateTimeOffset? SentAt { get; init; }
    public required DateTimeOffset ArrivedAt { get; init; }
    public string? ParseError { get; init; }
    public required string TextBody { get; init; }
    public DateTimeOffset? ResolvedAt { get; init; }
    public string? ResolvedBy { get; init; }

    /// <summary>The case it was attached to or opened as, once resolved.</summary>
    public string? CaseReference { get; init; }

    public bool Resolved => ResolvedAt is not null;
}

/// <summary>Who decided: the name on the case timeline, and the account and channel (web, api, cli) for the audit log.</summary>
public sealed record PenDecider(string Actor, long? AccountId, string Via);

/// <summary>
/// Officers' decisions on held and failed mail: attach it to a case, or open a case from it. Each decision
/// records who made it and when (incoming_message.resolved_by/resolved_at), goes on the case's timeline and
/// into the audit log, all in one transaction, whichever way the officer came (page, API or CLI).
/// </summary>
public sealed class HoldingPen(NpgsqlDataSource db, IntakeProcessor processor, CaseStore cases, AuditLog audit, TimeProvider time)
{
    public async Task<IReadOnlyList<HeldMessage>> ListAsync(CancellationToken ct)
    {
        const string Sql = """
            select i.raw_email_id as RawEmailId, i.route, i.route_reason as RouteReason, i.subject, i.from_name as FromName, i.from_address as FromAddress,
                   r.arrived_at as ArrivedAt, r.size
            from incoming_message i join raw_email r on r.id = i.raw_email_id
            where i.route in ('held', 'failed') and i.resolved_at is null
            order by r.arrived_at, i.raw_email_id
            """;
        await using var conn = await db.OpenConnectionAsync(ct);
        return [.. await conn.QueryAsync<HeldMessage>(new CommandDefinition(Sql, cancellationToken: ct))];
    }

    public async Task<byte[]?> RawAsync(long rawEmailId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<byte[]>(new CommandDefinition("select bytes from raw_email where id = @rawEmailId", new { rawEmailId }, cancellationToken: ct));
    }

    /// <summary>A message that is or was in the pen (held or failed, or resolved by an officer); null for any other.</summary>
    public async Task<HeldMessageDetail?> FindAsync(long rawEmailId, CancellationToken ct)
    {
        const string Sql = """
            select i.raw_email_id as RawEmailId, i.route, i.route_reason as RouteReason, i.subject, i.from_name as FromName, i.from_address as FromAddress,
                   i.sent_at as SentAt, r.arrived_at as ArrivedAt, i.parse_error as ParseError, i.text_body as TextBody,
                   i.resolved_at as ResolvedAt, i.resolved_by as ResolvedBy, c.reference as CaseReference
            from incoming_message i join raw_email r on r.id = i.raw_email_id left join foi_case c on c.id = i.case_id
            where i.raw_email_id = @rawEmailId and (i.route in ('held', 'failed') or i.resolved_at is not null)
            """;
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<HeldMessageDetail>(new CommandDefinition(Sql, new { rawEmailId }, cancellationToken: ct));
    }

    /// <summary>The message is correspondence on an existing case (a reply we could not match, say). Returns the case reference as stored.</summary>
    public async Task<string> AttachToCaseAsync(long rawEmailId, string reference, PenDecider by, CancellationToken ct)
    {
        // Case references are upper case (FOI-2025-0001); officers may type them in either case.
        reference = reference.Trim().ToUpperInvariant();
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await LockHeldAsync(conn, tx, rawEmailId, ct);
        var caseId = await conn.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(
            "select id from foi_case where reference = @reference", new { reference }, tx, cancellationToken: ct))
            ?? throw new HoldingPenException(HoldingPenProblem.NoCase, $"no case {reference}");
        await ResolveAsync(conn, tx, rawEmailId, "follow-up", $"attached to {reference} by {by.Actor}", caseId, by.Actor, ct);
        await cases.AddEventAsync(conn, tx, caseId, by.Actor, "mail-attached", new { rawEmailId }, ct);
        await audit.RecordAsync(by.AccountId, by.Actor, "held-mail-attached", reference, new { rawEmailId, via = by.Via }, ct, conn, tx);
        await tx.CommitAsync(ct);
        return reference;
    }

    /// <summary>The message is a new request after all: a case is opened from its stored bytes. Returns the reference.</summary>
    public async Task<string> OpenCaseAsync(long rawEmailId, PenDecider by, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await LockHeldAsync(conn, tx, rawEmailId, ct);
        var raw = await conn.QuerySingleAsync<(byte[] Bytes, DateTime ArrivedAt, string? Evidence, DateTime StoredAt)>(new CommandDefinition(
            "select bytes, arrived_at, arrived_evidence, stored_at from raw_email where id = @rawEmailId", new { rawEmailId }, tx, cancellationToken: ct));
        var (parsed, error) = processor.ParseStored(raw.Bytes, ct);
        using (parsed)
        {
            if (parsed is null)
            {
                throw new HoldingPenException(HoldingPenProblem.Unreadable, $"message {rawEmailId} cannot be parsed ({error}); attach it to a case instead");
            }

            var reference = await processor.OpenRequestAsync(conn, tx, parsed,
                new ReceiptEvidence(new DateTimeOffset(raw.ArrivedAt, TimeSpan.Zero), raw.Evidence ?? "", new DateTimeOffset(raw.StoredAt, TimeSpan.Zero)), ct);
            var caseId = await conn.QuerySingleAsync<long>(new CommandDefinition("select id from foi_case where reference = @reference", new { reference }, tx, cancellationToken: ct));
            await ResolveAsync(conn, tx, rawEmailId, "request", $"opened as a request by {by.Actor}", caseId, by.Actor, ct);
            await cases.AddEventAsync(conn, tx, caseId, by.Actor, "opened-from-holding-pen", new { rawEmailId }, ct);
            await audit.RecordAsync(by.AccountId, by.Actor, "held-mail-opened", reference, new { rawEmailId, via = by.Via }, ct, conn, tx);
            await tx.CommitAsync(ct);
            return reference;
        }
    }

    /// <summary>
    /// Reads a failed message again from its raw bytes (after a parser fix, say): if it parses now it is routed
    /// as if it had just arrived, so it may open a case, follow one up or be held; if not, it stays failed.
    /// </summary>
    public async Task<IntakeOutcome> ReprocessAsync(long rawEmailId, PenDecider by, CancellationToken ct)
    {
        var message = await FindAsync(rawEmailId, ct) ?? throw new HoldingPenException(HoldingPenProblem.NoMessage, $"no message {rawEmailId}");
        if (message.Route != "failed" || message.Resolved)
        {
            throw new HoldingPenException(HoldingPenProblem.NotHeld, $"message {rawEmailId} is not waiting as unreadable mail");
        }

        var outcome = await processor.ReprocessAsync(rawEmailId, ct);
        await audit.RecordAsync(by.AccountId, by.Actor, "failed-mail-reprocessed", outcome.CaseReference ?? $"raw:{rawEmailId}",
            new { rawEmailId, route = outcome.Route.ToString(), via = by.Via }, ct);
        return outcome;
    }

    private static async Task LockHeldAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long rawEmailId, CancellationToken ct)
    {
        var held = await conn.QuerySingleOrDefaultAsync<bool?>(new CommandDefinition("""
            select route in ('held', 'failed') and resolved_at is null from incoming_message where raw_email_id = @rawEmailId for update
            """, new { rawEmailId }, tx, cancellationToken: ct));
        if (held is not true)
        {
            throw held is null
                ? new HoldingPenException(HoldingPenProblem.NoMessage, $"no message {rawEmailId}")
                : new HoldingPenException(HoldingPenProblem.NotHeld, $"message {rawEmailId} is not in the holding pen");
        }
    }

    private async Task ResolveAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long rawEmailId, string route, string reason, long caseId, string actor, CancellationToken ct) =>
        await conn.ExecuteAsync(new CommandDefinition("""
            update incoming_message set route = @route, route_reason = @reason, case_id = @caseId, resolved_at = @now, resolved_by = @actor
            where raw_email_id = @rawEmailId
            """, new { rawEmailId, route, reason, caseId, now = time.GetUtcNow(), actor }, tx, cancellationToken: ct));
}

public enum HoldingPenProblem
{
    NoMessage,
    NoCase,

    /// <summary>Already resolved (by another officer, or a second click), or never held.</summary>
    NotHeld,

    /// <summary>A case cannot be opened from mail the parser cannot read; it can still be attached.</summary>
    Unreadable,
}

/// <summary>An officer's holding-pen decision that cannot be carried out (unknown case, already resolved).</summary>
public sealed class HoldingPenException(HoldingPenProblem problem, string message) : Exception(message)
{
    public HoldingPenProblem Problem { get; } = problem;
}
