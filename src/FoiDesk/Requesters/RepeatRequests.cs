using Dapper;
using FoiDesk.Approval;
using FoiDesk.Audit;
using FoiDesk.Cases;
using FoiDesk.Deadlines;
using Microsoft.Extensions.Options;
using Npgsql;

namespace FoiDesk.Requesters;

/// <summary>
/// FOIA s.14(2): an authority need not comply with a request identical or substantially similar to one it has
/// already complied with from the same person, unless a reasonable interval has passed. FoiDesk flags such a
/// request with the earlier case linked; the decision is the officer's, recorded with a reason on the timeline
/// and in the audit log in one transaction. Whether the earlier request was in fact complied with (answered, not
/// refused) is for the officer to check: FoiDesk flags any earlier request whose response was sent.
/// </summary>
public sealed class RepeatRequests(NpgsqlDataSource db, RequesterHistory history, CaseStore cases, HolidayStore holidays, AuditLog audit,
    IOptions<RepeatRequestOptions> options, TimeProvider time)
{
    public RepeatRequestOptions Settings => options.Value;

    /// <summary>The flags for a case, most similar first; null when there is no such case.</summary>
    public async Task<IReadOnlyList<RepeatFlag>?> FlagsAsync(string reference, CancellationToken ct)
    {
        if (await history.OtherCasesAsync(reference, ct) is not { } others || await cases.FindAsync(reference, ct) is not { } me)
        {
            return null;
        }

        var received = LondonTime.DateOf(me.ReceivedAt);
        var earlier = others.Where(o => o.ReceivedAt < me.ReceivedAt && o.RespondedOn is { } r && r <= received).ToList();
        if (earlier.Count == 0)
        {
            return [];
        }

        // "Working day" as in FOIA s.10(6): the UK calendar, the same one the response clock uses.
        var calendar = (await holidays.CurrentAsync(ct)).Calendar(CalendarId.Uk);
        var texts = await RequestTextsAsync([reference, .. earlier.Select(e => e.Reference)], ct);
        var decisions = await DecisionsAsync(me.Id, ct);
        var flags = new List<RepeatFlag>();
        foreach (var e in earlier)
        {
            var ends = calendar.AddWorkingDays(e.RespondedOn!.Value, Settings.IntervalWorkingDays);
            var similarity = RequestSimilarity.Repeat(texts[reference], texts[e.Reference]);
            if (received <= ends && similarity >= Settings.SimilarityThreshold)
            {
                flags.Add(new RepeatFlag
                {
                    EarlierReference = e.Reference,
                    EarlierSubject = e.Subject,
                    RespondedOn = e.RespondedOn.Value,
                    IntervalEndsOn = ends,
                    Similarity = similarity,
                    Matches = e.Matches,
                    Decision = decisions.GetValueOrDefault(e.Id),
                });
            }
        }

        return [.. flags.OrderByDescending(f => f.Similarity).ThenBy(f => f.EarlierReference, StringComparer.Ordinal)];
    }

    /// <summary>Records the officer's decision on a flag. Throws <see cref="RequesterException"/> for no reason or an unflagged case.</summary>
    public async Task DecideAsync(string reference, string earlierReference, bool repeated, string reason, Actor by, string via, CancellationToken ct)
    {
        reference = reference.Trim().ToUpperInvariant();
        earlierReference = earlierReference.Trim().ToUpperInvariant();
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new RequesterException(RequesterProblem.BadDecision, "Give the reason for your decision");
        }

        var flags = await FlagsAsync(reference, ct) ?? throw new RequesterException(RequesterProblem.NoCase, $"no case {reference}");
        var flag = flags.FirstOrDefault(f => f.EarlierReference == earlierReference)
            ?? throw new RequesterException(RequesterProblem.BadDecision, $"{earlierReference} is not flagged as an earlier request that {reference} repeats");
        var c = (await cases.FindAsync(reference, ct))!;
        var earlierId = (await cases.FindAsync(earlierReference, ct))!.Id;
        const string Sql = """
            insert into repeat_decision (case_id, earlier_case_id, repeated, reason, decided_by, decided_by_id, decided_at)
            values (@caseId, @earlierId, @repeated, @reason, @Name, @AccountId, @now)
            on conflict (case_id, earlier_case_id) do update set repeated = excluded.repeated, reason = excluded.reason,
                decided_by = excluded.decided_by, decided_by_id = excluded.decided_by_id, decided_at = excluded.decided_at
            """;
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        reason = reason.Trim();
        await conn.ExecuteAsync(new CommandDefinition(Sql, new { caseId = c.Id, earlierId, repeated, reason, by.Name, by.AccountId, now = time.GetUtcNow() }, tx, cancellationToken: ct));
        var detail = new { earlier = earlierReference, repeated, reason, similarity = Math.Round(flag.Similarity, 2), via };
        await cases.AddEventAsync(conn, tx, c.Id, by.Name, "repeat-request-decided", detail, ct);
        await audit.RecordAsync(by.AccountId, by.Name, "repeat-request-decided", reference, detail, ct, conn, tx);
        await tx.CommitAsync(ct);
    }

    /// <summary>Each case's questions, joined in order; the request text when it has none.</summary>
    public async Task<IReadOnlyDictionary<string, string>> RequestTextsAsync(IReadOnlyList<string> references, CancellationToken ct)
    {
        const string Sql = """
            select c.reference, coalesce(string_agg(q.text, E'\n' order by q.position), c.request_text) as text
            from foi_case c left join question q on q.case_id = c.id and q.status <> 'merged'
            where c.reference = any(@references)
            group by c.id
            """;
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<(string Reference, string Text)>(new CommandDefinition(Sql, new { references = references.ToArray() }, cancellationToken: ct));
        return rows.ToDictionary(r => r.Reference, r => r.Text, StringComparer.Ordinal);
    }

    private async Task<IReadOnlyDictionary<long, RecordedDecision>> DecisionsAsync(long caseId, CancellationToken ct)
    {
        const string Sql = """
            select earlier_case_id, repeated, reason, decided_by, decided_at from repeat_decision where case_id = @caseId
            """;
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<(long Earlier, bool Repeated, string Reason, string By, DateTime At)>(new CommandDefinition(Sql, new { caseId }, cancellationToken: ct));
        return rows.ToDictionary(r => r.Earlier, r => new RecordedDecision(r.Repeated, r.Reason, r.By, new DateTimeOffset(DateTime.SpecifyKind(r.At, DateTimeKind.Utc))));
    }
}
