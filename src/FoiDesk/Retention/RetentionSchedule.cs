using Dapper;
using FoiDesk.Audit;
using FoiDesk.Deadlines;
using Npgsql;

namespace FoiDesk.Retention;

/// <summary>
/// The retention schedule (rules per regime and outcome) and which closed cases it makes due. A case is closed
/// when it and its internal reviews are responded or closed; it closed on the last day anything happened on it or
/// them (timeline, clock, ICO complaint). See docs/retention.md.
/// </summary>
public sealed class RetentionSchedule(NpgsqlDataSource db, AuditLog audit, TimeProvider time)
{
    public async Task<IReadOnlyList<RetentionRule>> RulesAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await RulesAsync(conn, null, ct);
    }

    internal static async Task<IReadOnlyList<RetentionRule>> RulesAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, CancellationToken ct) =>
        [.. await conn.QueryAsync<RetentionRule>(new CommandDefinition("""
            select id, regime, outcome, years, years_if_ico as YearsIfIco, updated_at as UpdatedAt, updated_by as UpdatedBy
            from retention_rule order by regime nulls first, outcome nulls first
            """, transaction: tx, cancellationToken: ct))];

    /// <summary>Adds or changes the rule for a regime and outcome (null: any); audited.</summary>
    public async Task SaveRuleAsync(string? regime, string? outcome, int years, int yearsIfIco, long? accountId, string actor, CancellationToken ct)
    {
        regime = string.IsNullOrWhiteSpace(regime) ? null : regime.Trim();
        outcome = string.IsNullOrWhiteSpace(outcome) ? null : outcome.Trim();
        if (regime is not null && !RegimeKeys.Contains(regime))
        {
            throw new RetentionException(RetentionProblem.Invalid, $"unknown regime '{regime}' (one of {string.Join(", ", RegimeKeys)})");
        }

        if (outcome is not null && !Outcomes.Contains(outcome))
        {
            throw new RetentionException(RetentionProblem.Invalid, $"unknown outcome '{outcome}' (one of {string.Join(", ", Outcomes)})");
        }

        if (years is < 1 or > 100 || yearsIfIco is < 1 or > 100)
        {
            throw new RetentionException(RetentionProblem.Invalid, "years must be between 1 and 100");
        }

        if (yearsIfIco < years)
        {
            throw new RetentionException(RetentionProblem.Invalid, "the period after an ICO complaint cannot be shorter than the ordinary one");
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("""
            insert into retention_rule (regime, outcome, years, years_if_ico, updated_at, updated_by)
            values (@regime, @outcome, @years, @yearsIfIco, @now, @actor)
            on conflict (regime, outcome) do update set years = excluded.years, years_if_ico = excluded.years_if_ico,
                updated_at = excluded.updated_at, updated_by = excluded.updated_by
            """, new { regime, outcome, years, yearsIfIco, now = time.GetUtcNow(), actor }, tx, cancellationToken: ct));
        await audit.RecordAsync(accountId, actor, "retention-rule-saved", "retention", new { regime, outcome, years, yearsIfIco }, ct, conn, tx);
        await tx.CommitAsync(ct);
    }

    /// <summary>Removes a specific rule (the default one stays: every case needs a rule); audited.</summary>
    public async Task RemoveRuleAsync(long id, long? accountId, string actor, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var removed = await conn.QuerySingleOrDefaultAsync<(string? Regime, string? Outcome)?>(new CommandDefinition(
            "delete from retention_rule where id = @id and (regime is not null or outcome is not null) returning regime, outcome",
            new { id }, tx, cancellationToken: ct))
            ?? throw new RetentionException(RetentionProblem.Invalid, $"no rule {id} to remove (the default rule cannot be removed)");
        await audit.RecordAsync(accountId, actor, "retention-rule-removed", "retention", new { removed.Regime, removed.Outcome }, ct, conn, tx);
        await tx.CommitAsync(ct);
    }

    /// <summary>Every case whose personal data is due for deletion on <paramref name="today"/>, blocked ones included with the reason.</summary>
    public async Task<IReadOnlyList<CaseDueForDeletion>> DueAsync(DateOnly today, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await DueAsync(conn, null, today, null, ct);
    }

    internal static async Task<IReadOnlyList<CaseDueForDeletion>> DueAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, DateOnly today, long[]? only, CancellationToken ct)
    {
        // A file is the case and its internal reviews (foi_case.parent_case_id). Closed: the case is responded
        // or closed. Blocks: an active hold, an internal review still open, an ICO complaint still open (no
        // outcome yet, or an appeal to the tribunal not yet decided).
        const string Sql = """
            with files as (
                select c.id, c.reference, c.regime, c.outcome,
                       array(select r.id from foi_case r where r.parent_case_id = c.id) || c.id as ids
                from foi_case c
                where c.personal_data_deleted_at is null and c.status in ('responded', 'closed')
                  and (@only::bigint[] is null or c.id = any(@only))
            )
            select f.id as CaseId, f.reference, f.regime, f.outcome,
                   greatest(
                       (select max((e.at at time zone 'Europe/London')::date) from case_event e where e.case_id = any(f.ids)),
                       (select max(ce.occurred_on) from clock_event ce where ce.case_id = any(f.ids)),
                       (select max(coalesce(i.tribunal_decided_on, i.decided_on, i.received_on)) from ico_complaint i where i.case_id = any(f.ids))
                   ) as ClosedOn,
                   exists (select 1 from ico_complaint i where i.case_id = any(f.ids)) as IcoFollowed,
                   (select max(h.expires_on) from retention_hold h where h.case_id = f.id and h.released_at is null and h.expires_on >= @today) as HeldUntil,
                   exists (select 1 from foi_case r where r.parent_case_id = f.id and r.status not in ('responded', 'closed')) as OpenReview,
                   exists (select 1 from ico_complaint i where i.case_id = any(f.ids)
                           and (i.outcome is null or (i.outcome = 'tribunal' and i.tribunal_decided_on is null))) as OpenComplaint
            from files f
            """;
        var rules = await RulesAsync(conn, tx, ct);
        var rows = await conn.QueryAsync<FileRow>(new CommandDefinition(Sql, new { today, only }, tx, cancellationToken: ct));
        var due = new List<CaseDueForDeletion>();
        foreach (var f in rows)
        {
            var rule = RetentionRule.For(rules, f.Regime, f.Outcome);
            var closedOn = f.ClosedOn ?? today;
            var deleteAfter = closedOn.AddYears(f.IcoFollowed ? rule.YearsIfIco : rule.Years);
            if (deleteAfter > today)
            {
                continue;
            }

            due.Add(new CaseDueForDeletion
            {
                CaseId = f.CaseId,
                Reference = f.Reference,
                ClosedOn = closedOn,
                DeleteAfter = deleteAfter,
                Rule = rule.Describe(f.IcoFollowed),
                Blocked = f.HeldUntil is { } until ? $"on hold until {until:yyyy-MM-dd}"
                    : f.OpenReview ? "an internal review is open"
                    : f.OpenComplaint ? "an ICO complaint is open"
                    : null,
            });
        }

        return [.. due.OrderBy(d => d.DeleteAfter).ThenBy(d => d.Reference, StringComparer.Ordinal)];
    }

    public static IReadOnlyList<string> RegimeKeys { get; } = [.. Enum.GetValues<Regime>().Select(r => r.Key())];

    /// <summary>The outcomes foi_case allows (migrations/0010).</summary>
    public static IReadOnlyList<string> Outcomes { get; } =
        ["granted", "partly-granted", "refused", "not-held", "withdrawn", "lapsed", "not-foi", "duplicate", "transferred", "upheld", "overturned", "partly-upheld"];

    internal sealed record FileRow
    {
        public required long CaseId { get; init; }
        public required string Reference { get; init; }
        public string? Regime { get; init; }
        public string? Outcome { get; init; }
        public DateOnly? ClosedOn { get; init; }
        public required bool IcoFollowed { get; init; }
        public DateOnly? HeldUntil { get; init; }
        public required bool OpenReview { get; init; }
        public required bool OpenComplaint { get; init; }
    }
}
