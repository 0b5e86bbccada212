using System.Globalization;
using System.Text;
using Dapper;
using FoiDesk.Approval;
using FoiDesk.Audit;
using FoiDesk.Cases;
using Microsoft.Extensions.Options;
using Npgsql;

namespace FoiDesk.CostLimit;

/// <summary>
/// Commissioners' cost estimates per question and the case's total against the appropriate limit (FOIA s.12;
/// Fees Regulations 2004 regs 3 and 4). Saving an estimate writes it, the case timeline and the audit log in one
/// transaction, from whichever door the commissioner came (page, API or CLI).
/// </summary>
public sealed class CostEstimates(NpgsqlDataSource db, CaseStore cases, AuditLog audit, IOptions<CostLimitOptions> options, TimeProvider time)
{
    public CostLimitOptions Limit => options.Value;

    /// <summary>Records (or replaces) the estimate for a question. Throws <see cref="CostLimitException"/> for bad figures or an unknown question.</summary>
    public async Task SaveAsync(long questionId, CostEstimate estimate, Actor by, string via, CancellationToken ct)
    {
        if (estimate.Problems() is [var first, ..])
        {
            throw new CostLimitException(CostLimitProblem.BadFigures, first);
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var owner = await conn.QuerySingleOrDefaultAsync<(long CaseId, string Reference)?>(new CommandDefinition("""
            select q.case_id, c.reference from question q join foi_case c on c.id = q.case_id
            where q.id = @questionId and q.status <> 'merged' for update of q
            """, new { questionId }, tx, cancellationToken: ct))
            ?? throw new CostLimitException(CostLimitProblem.NoQuestion, $"no question {questionId}");
        const string Upsert = """
            insert into cost_estimate (question_id, determining, locating, retrieving, extracting, basis, estimated_by, estimated_by_id, estimated_at)
            values (@questionId, @Determining, @Locating, @Retrieving, @Extracting, @Basis, @Name, @AccountId, @now)
            on conflict (question_id) do update set determining = excluded.determining, locating = excluded.locating,
                retrieving = excluded.retrieving, extracting = excluded.extracting, basis = excluded.basis,
                estimated_by = excluded.estimated_by, estimated_by_id = excluded.estimated_by_id, estimated_at = excluded.estimated_at
            """;
        var basis = estimate.Basis.Trim();
        await conn.ExecuteAsync(new CommandDefinition(Upsert, new
        {
            questionId, estimate.Determining, estimate.Locating, estimate.Retrieving, estimate.Extracting, Basis = basis,
            by.Name, by.AccountId, now = time.GetUtcNow(),
        }, tx, cancellationToken: ct));
        var detail = new
        {
            questionId, estimate.Determining, estimate.Locating, estimate.Retrieving, estimate.Extracting, hours = estimate.TotalHours, via,
        };
        await cases.AddEventAsync(conn, tx, owner.CaseId, by.Name, "cost-estimated", detail, ct);
        await audit.RecordAsync(by.AccountId, by.Name, "cost-estimated", owner.Reference, detail, ct, conn, tx);
        await tx.CommitAsync(ct);
    }

    public async Task<CostEstimate?> ForQuestionAsync(long questionId, CancellationToken ct)
    {
        const string Sql = "select determining, locating, retrieving, extracting, basis from cost_estimate where question_id = @questionId";
        await using var conn = await db.OpenConnectionAsync(ct);
        var row = await conn.QuerySingleOrDefaultAsync<(decimal D, decimal L, decimal R, decimal E, string Basis)?>(
            new CommandDefinition(Sql, new { questionId }, cancellationToken: ct));
        return row is { } r ? new CostEstimate(r.D, r.L, r.R, r.E, r.Basis) : null;
    }

    /// <summary>The case's questions and estimates against the limit; null when there is no such case.</summary>
    public async Task<CaseCost?> ForCaseAsync(string reference, CancellationToken ct)
    {
        const string Sql = """
            select c.id, c.regime from foi_case c where c.reference = @reference
            """;
        const string Questions = """
            select q.id, q.position, q.number, q.text, e.determining, e.locating, e.retrieving, e.extracting, e.basis, e.estimated_by, e.estimated_at
            from question q left join cost_estimate e on e.question_id = q.id
            where q.case_id = @caseId and q.status <> 'merged' order by q.position
            """;
        await using var conn = await db.OpenConnectionAsync(ct);
        if (await conn.QuerySingleOrDefaultAsync<(long Id, string? Regime)?>(new CommandDefinition(Sql, new { reference }, cancellationToken: ct)) is not { } c)
        {
            return null;
        }

        var rows = await conn.QueryAsync<(long Id, int Position, string Number, string Text, decimal? D, decimal? L, decimal? R, decimal? E, string? Basis, string? By, DateTime? At)>(
            new CommandDefinition(Questions, new { caseId = c.Id }, cancellationToken: ct));
        var limit = options.Value;
        return new CaseCost
        {
            Reference = reference,
            Eir = c.Regime?.StartsWith("eir", StringComparison.Ordinal) == true,
            LimitHours = limit.LimitHours,
            HourlyRate = limit.HourlyRate,
            Questions = [.. rows.Select(r => new QuestionCost
            {
                QuestionId = r.Id,
                Position = r.Position,
                Number = r.Number,
                Text = r.Text,
                Estimate = r.D is null ? null : new CostEstimate(r.D.Value, r.L!.Value, r.R!.Value, r.E!.Value, r.Basis ?? ""),
                EstimatedBy = r.By,
                EstimatedAt = r.At is { } at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : null,
            })],
        };
    }

    /// <summary>What the cost limit refusal states, worked out from the case's estimates.</summary>
    public async Task<CostLimitFacts?> LetterFactsAsync(string reference, CancellationToken ct) =>
        await ForCaseAsync(reference, ct) is { } cost ? Facts(cost) : null;

    public static CostLimitFacts Facts(CaseCost cost) => new()
    {
        LimitHours = cost.LimitHours,
        HourlyRate = cost.HourlyRate,
        EstimatedHours = cost.TotalHours,
        Breakdown = Breakdown(cost),
        Advice = Advice(cost),
    };

    /// <summary>
    /// A table of hours per question and activity. Questions are named by number only: the requester's words
    /// are quoted elsewhere in the letter, and a table cell is no place for free text.
    /// </summary>
    public static string Breakdown(CaseCost cost)
    {
        var sb = new StringBuilder();
        sb.Append("| Question | Determining whether held | Locating | Retrieving | Extracting | Hours |\n|---|--:|--:|--:|--:|--:|\n");
        foreach (var q in cost.Questions.Where(q => q.Estimate is not null))
        {
            var e = q.Estimate!;
            sb.Append(CultureInfo.InvariantCulture, $"| {q.Position} | {Hours(e.Determining)} | {Hours(e.Locating)} | {Hours(e.Retrieving)} | {Hours(e.Extracting)} | {Hours(e.TotalHours)} |\n");
        }

        var a = cost.ByActivity();
        sb.Append(CultureInfo.InvariantCulture, $"| **Total** | {Hours(a[0].Hours)} | {Hours(a[1].Hours)} | {Hours(a[2].Hours)} | {Hours(a[3].Hours)} | **{Hours(cost.TotalHours)}** |\n");
        return sb.ToString();
    }

    /// <summary>
    /// Advice on narrowing (FOIA s.16; s.45 Code of Practice 2018 paras 6.9-6.12): which questions could be answered
    /// within the limit, and the usual ways to bring a request within it.
    /// </summary>
    public static string Advice(CaseCost cost)
    {
        var fit = cost.FitWithinLimit().Where(q => q.Estimate is not null).ToList();
        var sb = new StringBuilder();
        if (fit.Count > 0 && fit.Count < cost.Questions.Count)
        {
            var numbers = fit.Select(q => q.Position.ToString(CultureInfo.InvariantCulture)).ToList();
            var list = numbers.Count == 1 ? numbers[0] : string.Join(", ", numbers[..^1]) + " and " + numbers[^1];
            sb.Append(CultureInfo.InvariantCulture, $"We estimate that we could answer question{(numbers.Count == 1 ? "" : "s")} {list} within the limit ({Hours(fit.Sum(q => q.Estimate!.TotalHours))} hours). If you would like us to do so, please reply saying so; it will be treated as a new request.\n\n");
        }

        sb.Append("You may be able to bring your request within the limit by narrowing it, for example by asking for a shorter period of time, for fewer teams, sites or categories, or for information we hold in one place (such as a summary or total rather than every record).");
        return sb.ToString();
    }

    public static string Hours(decimal hours) => hours.ToString("0.##", CultureInfo.InvariantCulture);
}
