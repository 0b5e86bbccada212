using Dapper;
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

/// <summary>
/// Officers' decisions on held and failed mail: attach it to a case, or open a case from it. Each decision
/// records who made it and when (incoming_message.resolved_by/resolved_at) and goes on the case's timeline.
/// </summary>
public sealed class HoldingPen(NpgsqlDataSource db, IntakeProcessor processor, CaseStore cases, TimeProvider time)
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

    /// <summary>The message is correspondence on an existing case (a reply we could not match, say).</summary>
    public async Task AttachToCaseAsync(long rawEmailId, string reference, string actor, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await LockHeldAsync(conn, tx, rawEmailId, ct);
        var caseId = await conn.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(
            "select id from foi_case where reference = upper(@reference)", new { reference }, tx, cancellationToken: ct))
            ?? throw new HoldingPenException($"no case {reference}");
        await ResolveAsync(conn, tx, rawEmailId, "follow-up", $"attached to {reference.ToUpperInvariant()} by {actor}", caseId, actor, ct);
        await cases.AddEventAsync(conn, tx, caseId, actor, "mail-attached", new { rawEmailId }, ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>The message is a new request after all: a case is opened from its stored bytes. Returns the reference.</summary>
    public async Task<string> OpenCaseAsync(long rawEmailId, string actor, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await LockHeldAsync(conn, tx, rawEmailId, ct);
        var raw = await conn.QuerySingleAsync<(byte[] Bytes, DateTime ArrivedAt)>(new CommandDefinition(
            "select bytes, arrived_at from raw_email where id = @rawEmailId", new { rawEmailId }, tx, cancellationToken: ct));
        var (parsed, error) = processor.ParseStored(raw.Bytes, ct);
        using (parsed)
        {
            if (parsed is null)
            {
                throw new HoldingPenException($"message {rawEmailId} cannot be parsed ({error}); attach it to a case instead");
            }

            var reference = await processor.OpenRequestAsync(conn, tx, parsed, new DateTimeOffset(raw.ArrivedAt, TimeSpan.Zero), ct);
            var caseId = await conn.QuerySingleAsync<long>(new CommandDefinition("select id from foi_case where reference = @reference", new { reference }, tx, cancellationToken: ct));
            await ResolveAsync(conn, tx, rawEmailId, "request", $"opened as a request by {actor}", caseId, actor, ct);
            await cases.AddEventAsync(conn, tx, caseId, actor, "opened-from-holding-pen", new { rawEmailId }, ct);
            await tx.CommitAsync(ct);
            return reference;
        }
    }

    private static async Task LockHeldAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long rawEmailId, CancellationToken ct)
    {
        var held = await conn.QuerySingleOrDefaultAsync<bool?>(new CommandDefinition("""
            select route in ('held', 'failed') and resolved_at is null from incoming_message where raw_email_id = @rawEmailId for update
            """, new { rawEmailId }, tx, cancellationToken: ct));
        if (held is not true)
        {
            throw new HoldingPenException(held is null ? $"no message {rawEmailId}" : $"message {rawEmailId} is not in the holding pen");
        }
    }

    private async Task ResolveAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long rawEmailId, string route, string reason, long caseId, string actor, CancellationToken ct) =>
        await conn.ExecuteAsync(new CommandDefinition("""
            update incoming_message set route = @route, route_reason = @reason, case_id = @caseId, resolved_at = @now, resolved_by = @actor
            where raw_email_id = @rawEmailId
            """, new { rawEmailId, route, reason, caseId, now = time.GetUtcNow(), actor }, tx, cancellationToken: ct));
}

/// <summary>An officer's holding-pen decision that cannot be carried out (unknown case, already resolved).</summary>
public sealed class HoldingPenException(string message) : Exception(message);
