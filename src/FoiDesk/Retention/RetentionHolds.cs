using Dapper;
using FoiDesk.Audit;
using Npgsql;

namespace FoiDesk.Retention;

/// <summary>
/// Holds suspend deletion (ICO retention guidance: records needed for litigation or an investigation are kept
/// while needed). A hold needs a reason and an expiry, so nothing is held for ever by being forgotten.
/// </summary>
public sealed class RetentionHolds(NpgsqlDataSource db, AuditLog audit, TimeProvider time)
{
    public async Task<IReadOnlyList<RetentionHold>> ActiveAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return [.. await conn.QueryAsync<RetentionHold>(new CommandDefinition($"""
            {Select} where h.released_at is null and h.expires_on >= @today order by h.expires_on, c.reference
            """, new { today = LondonTime.DateOf(time.GetUtcNow()) }, cancellationToken: ct))];
    }

    public async Task<IReadOnlyList<RetentionHold>> ForCaseAsync(string reference, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return [.. await conn.QueryAsync<RetentionHold>(new CommandDefinition($"""
            {Select} where c.reference = @reference order by h.placed_at desc
            """, new { reference = reference.Trim().ToUpperInvariant() }, cancellationToken: ct))];
    }

    public async Task<long> PlaceAsync(string reference, string reason, DateOnly expiresOn, long? accountId, string actor, CancellationToken ct)
    {
        reference = reference.Trim().ToUpperInvariant();
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new RetentionException(RetentionProblem.Invalid, "a hold needs a reason");
        }

        var today = LondonTime.DateOf(time.GetUtcNow());
        if (expiresOn <= today)
        {
            throw new RetentionException(RetentionProblem.Invalid, $"a hold's expiry must be after today ({today:yyyy-MM-dd})");
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var caseId = await conn.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(
            "select id from foi_case where reference = @reference and personal_data_deleted_at is null for update", new { reference }, tx, cancellationToken: ct))
            ?? throw new RetentionException(RetentionProblem.NoCase, $"no case {reference} with personal data to hold");
        var id = await conn.QuerySingleAsync<long>(new CommandDefinition("""
            insert into retention_hold (case_id, reason, expires_on, placed_by, placed_at) values (@caseId, @reason, @expiresOn, @actor, @now) returning id
            """, new { caseId, reason = reason.Trim(), expiresOn, actor, now = time.GetUtcNow() }, tx, cancellationToken: ct));
        // The audit names the hold, not its reason: a reason may name people, and the audit log outlives the case.
        await audit.RecordAsync(accountId, actor, "retention-hold-placed", reference, new { hold = id, expiresOn }, ct, conn, tx);
        await tx.CommitAsync(ct);
        return id;
    }

    public async Task ReleaseAsync(long holdId, long? accountId, string actor, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var reference = await conn.QuerySingleOrDefaultAsync<string>(new CommandDefinition("""
            update retention_hold h set released_at = @now, released_by = @actor from foi_case c
            where h.id = @holdId and c.id = h.case_id and h.released_at is null returning c.reference
            """, new { holdId, actor, now = time.GetUtcNow() }, tx, cancellationToken: ct))
            ?? throw new RetentionException(RetentionProblem.Invalid, $"no active hold {holdId}");
        await audit.RecordAsync(accountId, actor, "retention-hold-released", reference, new { hold = holdId }, ct, conn, tx);
        await tx.CommitAsync(ct);
    }

    private const string Select = """
        select h.id, c.reference, h.reason, h.expires_on as ExpiresOn, h.placed_by as PlacedBy, h.placed_at as PlacedAt,
               h.released_by as ReleasedBy, h.released_at as ReleasedAt
        from retention_hold h join foi_case c on c.id = h.case_id
        """;
}
