using System.Globalization;
using Dapper;
using FoiDesk.Approval;
using FoiDesk.Audit;
using FoiDesk.Cases;
using FoiDesk.Deadlines;
using FoiDesk.Intake;
using FoiDesk.Requesters;
using Npgsql;

namespace FoiDesk.CostLimit;

/// <summary>
/// Fees Regulations 2004 reg 5: where two or more requests are made by one person, or by different persons who
/// appear to be acting in concert or in pursuance of a campaign, for information that relates to any extent to the
/// same or similar information, within 60 consecutive working days, the estimated costs may be aggregated.
/// FoiDesk flags candidates: the same requester (<see cref="RequesterHistory"/>) asking about similar things
/// (<see cref="RequestSimilarity.Overlap"/>), or another requester with near-identical wording (the round-robin match
/// of <see cref="SimilarQuestions"/>); received within 60 working days of each other on the FOIA calendar. The officer
/// decides, with a reason, recorded on the timeline and in the audit log in one transaction.
/// </summary>
public sealed class Aggregation(NpgsqlDataSource db, RequesterHistory history, RepeatRequests repeats, SimilarQuestions similar, CaseStore cases,
    HolidayStore holidays, AuditLog audit, TimeProvider time)
{
    /// <summary>Reg 5(2)(b): "within any period of sixty consecutive working days".</summary>
    public const int WindowWorkingDays = 60;

    /// <summary>The candidates, nearest in time first; empty when none (or no such case).</summary>
    public async Task<IReadOnlyList<AggregationCandidate>> CandidatesAsync(string reference, CancellationToken ct)
    {
        if (await cases.FindAsync(reference, ct) is not { } me || await history.OtherCasesAsync(reference, ct) is not { } same)
        {
            return [];
        }

        var calendar = (await holidays.CurrentAsync(ct)).Calendar(CalendarId.Uk);
        bool Within(DateTimeOffset other)
        {
            var (a, b) = (LondonTime.DateOf(me.ReceivedAt), LondonTime.DateOf(other));
            var (first, last) = a <= b ? (a, b) : (b, a);
            return last <= calendar.AddWorkingDays(first, WindowWorkingDays);
        }

        var inWindow = same.Where(o => Within(o.ReceivedAt)).ToList();
        var texts = await repeats.RequestTextsAsync([me.Reference, .. inWindow.Select(o => o.Reference)], ct);
        var decisions = await DecisionsAsync(me.Id, ct);
        var result = new List<AggregationCandidate>();
        foreach (var o in inWindow)
        {
            var overlap = RequestSimilarity.Overlap(texts[me.Reference], texts[o.Reference]);
            if (overlap >= RequestSimilarity.SimilarInformation)
            {
                result.Add(new AggregationCandidate
                {
                    Reference = o.Reference,
                    Subject = o.Subject,
                    ReceivedAt = o.ReceivedAt,
                    SameRequester = true,
                    Similarity = overlap,
                    Why = string.Create(CultureInfo.InvariantCulture, $"The same requester ({string.Join(", ", o.Matches.Select(Describe))}); {overlap:P0} of the shorter request's subject words are shared."),
                    Decision = decisions.GetValueOrDefault(o.Reference),
                });
            }
        }

        foreach (var r in (await similar.FindAsync(me.Id, ct)).RoundRobin)
        {
            if (result.All(c => c.Reference != r.Reference) && same.All(s => s.Reference != r.Reference) && Within(r.ReceivedAt))
            {
                result.Add(new AggregationCandidate
                {
                    Reference = r.Reference,
                    Subject = "",
                    ReceivedAt = r.ReceivedAt,
                    SameRequester = false,
                    Similarity = r.Similarity,
                    Why = string.Create(CultureInfo.InvariantCulture, $"Another requester, with wording {r.Similarity:P0} alike: check for evidence they are acting together or in a campaign."),
                    Decision = decisions.GetValueOrDefault(r.Reference),
                });
            }
        }

        return [.. result.OrderBy(c => Math.Abs((c.ReceivedAt - me.ReceivedAt).Ticks)).ThenBy(c => c.Reference, StringComparer.Ordinal)];
    }

    /// <summary>Records the officer's decision. Throws <see cref="CostLimitException"/> for no reason, no case or a case that is no candidate.</summary>
    public async Task DecideAsync(string reference, string otherReference, bool aggregate, string reason, Actor by, string via, CancellationToken ct)
    {
        reference = reference.Trim().ToUpperInvariant();
        otherReference = otherReference.Trim().ToUpperInvariant();
        var c = await cases.FindAsync(reference, ct) ?? throw new CostLimitException(CostLimitProblem.NoCase, $"no case {reference}");
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new CostLimitException(CostLimitProblem.BadDecision, "Give the reason for your decision");
        }

        if ((await CandidatesAsync(reference, ct)).All(a => a.Reference != otherReference))
        {
            throw new CostLimitException(CostLimitProblem.BadDecision, $"{otherReference} is not a candidate for aggregation with {reference}");
        }

        var otherId = (await cases.FindAsync(otherReference, ct))!.Id;
        const string Sql = """
            insert into aggregation_decision (case_id, other_case_id, aggregate, reason, decided_by, decided_by_id, decided_at)
            values (@caseId, @otherId, @aggregate, @reason, @Name, @AccountId, @now)
            on conflict (case_id, other_case_id) do update set aggregate = excluded.aggregate, reason = excluded.reason,
                decided_by = excluded.decided_by, decided_by_id = excluded.decided_by_id, decided_at = excluded.decided_at
            """;
        reason = reason.Trim();
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(Sql, new { caseId = c.Id, otherId, aggregate, reason, by.Name, by.AccountId, now = time.GetUtcNow() }, tx, cancellationToken: ct));
        var detail = new { other = otherReference, aggregate, reason, via };
        await cases.AddEventAsync(conn, tx, c.Id, by.Name, "aggregation-decided", detail, ct);
        await audit.RecordAsync(by.AccountId, by.Name, "aggregation-decided", reference, detail, ct, conn, tx);
        await tx.CommitAsync(ct);
    }

    private static string Describe(RequesterMatch m) => m switch
    {
        RequesterMatch.SameAddress => "same email address",
        RequesterMatch.SameWdtkUser => "same WhatDoTheyKnow user",
        _ => "same name and postcode",
    };

    private async Task<IReadOnlyDictionary<string, RecordedDecision>> DecisionsAsync(long caseId, CancellationToken ct)
    {
        const string Sql = """
            select o.reference, d.aggregate, d.reason, d.decided_by, d.decided_at
            from aggregation_decision d join foi_case o on o.id = d.other_case_id where d.case_id = @caseId
            """;
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<(string Reference, bool Aggregate, string Reason, string By, DateTime At)>(new CommandDefinition(Sql, new { caseId }, cancellationToken: ct));
        return rows.ToDictionary(r => r.Reference, r => new RecordedDecision(r.Aggregate, r.Reason, r.By, new DateTimeOffset(DateTime.SpecifyKind(r.At, DateTimeKind.Utc))), StringComparer.Ordinal);
    }
}
