using Dapper;
using FoiDesk.Accounts;
using FoiDesk.Cases;
using FoiDesk.Deadlines;
using FoiDesk.Reporting;
using Npgsql;

namespace FoiDesk.Calendar;

/// <summary>
/// A person's deadlines as calendar items: the statutory response date of every open case they have a question
/// on (every open case for an IG officer), and the internal draft-due date of each question assigned to them.
/// Dates are computed on each download, so a recorded clock event or a new holiday shows up at the next sync.
/// </summary>
public sealed class DeadlineFeed(NpgsqlDataSource db, HolidayStore holidays, TimeProvider time)
{
    private sealed record Row
    {
        public required long CaseId { get; init; }
        public required string Reference { get; init; }
        public required string Subject { get; init; }
        public required string Regime { get; init; }
        public required string SarCalendar { get; init; }
        public required DateTimeOffset ReceivedAt { get; init; }
        public long? QuestionId { get; init; }
        public string? Number { get; init; }
        public string? Text { get; init; }
        public DateTimeOffset? AssignedAt { get; init; }
    }

    public async Task<string> IcsAsync(long accountId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var roles = await conn.ExecuteScalarAsync<string[]>(new CommandDefinition("select roles from account where id = @accountId", new { accountId }, cancellationToken: ct)) ?? [];
        var officer = roles.Contains(Roles.IgOfficer, StringComparer.Ordinal);

        // One row per open case the person sees, plus one per question of theirs (question columns null otherwise).
        var sql = $"""
            select c.id as CaseId, c.reference, c.subject, c.regime, c.sar_calendar as SarCalendar, c.received_at as ReceivedAt,
                   q.id as QuestionId, q.number, q.text, q.assigned_at as AssignedAt
            from foi_case c
            left join question q on q.case_id = c.id and q.assignee_id = @accountId and q.status in ({QuestionStatuses.SqlList(QuestionStatuses.WithCommissioner)})
            where c.status in ({CaseStatuses.SqlList(CaseStatuses.Live)}) and c.regime is not null
              and (@officer or exists (select 1 from question mine where mine.case_id = c.id and mine.assignee_id = @accountId))
            order by c.received_at, c.id, q.position
            """;
        var rows = (await conn.QueryAsync<Row>(new CommandDefinition(sql, new { accountId, officer }, cancellationToken: ct))).ToList();
        var ids = rows.Select(r => r.CaseId).Distinct().ToArray();
        var events = (await conn.QueryAsync<(long CaseId, string Name, DateTime OccurredOn)>(new CommandDefinition(
            "select case_id, name, occurred_on from clock_event where case_id = any(@ids) order by case_id, occurred_on, id", new { ids }, cancellationToken: ct)))
            .ToLookup(e => e.CaseId, e => new ClockEvent(e.Name, DateOnly.FromDateTime(e.OccurredOn)));
        var table = await holidays.CurrentAsync(ct);

        var items = new List<CalendarItem>();
        foreach (var byCase in rows.GroupBy(r => r.CaseId))
        {
            var c = byCase.First();
            if (DueDates.ResponseDue(c.Regime, c.SarCalendar, c.ReceivedAt, [.. events[c.CaseId]], table) is not { } due)
            {
                continue;
            }

            // The subject line is the requester's own and can name them: only IG officers, who handle the
            // request, get it; a commissioner never learns who asked (security review M1).
            items.Add(new CalendarItem($"response-due-{c.Reference}@foidesk", due, $"{c.Reference} response due", officer ? c.Subject : ""));
            var calendar = DueDates.CalendarFor(c.Regime, c.SarCalendar, table);
            foreach (var q in byCase.Where(r => r.QuestionId is not null && r.AssignedAt is not null))
            {
                var target = InternalTargets.For(LondonTime.DateOf(q.AssignedAt!.Value), due, calendar);
                items.Add(new CalendarItem($"draft-due-{q.QuestionId}@foidesk", target.DraftDue, $"{c.Reference} Q{q.Number} draft due", q.Text ?? ""));
            }
        }

        return ICalendarWriter.Write("FoiDesk deadlines", items.OrderBy(i => i.Date).ThenBy(i => i.Uid, StringComparer.Ordinal), time.GetUtcNow());
    }
}
