using Dapper;
using FoiDesk.Deadlines;

namespace FoiDesk.Cases;

/// <summary>What the case list is narrowed and ordered by. Null or false: not filtered on that.</summary>
public sealed record CaseListFilter
{
    public string? Status { get; init; }
    public long? TeamId { get; init; }
    public string? Regime { get; init; }

    /// <summary>Only live cases due within this many working days from today (overdue ones included).</summary>
    public int? DueWithinWorkingDays { get; init; }

    public bool OverdueOnly { get; init; }

    /// <summary>"due" (soonest statutory date first; no clock last) or "received" (newest first, the default).</summary>
    public string Sort { get; init; } = "received";

    public int Page { get; init; } = 1;
}

/// <summary>A case in the list: the statutory date it is due by now, and where it stands today (live cases only).</summary>
public sealed record CaseListEntry(CaseRow Case, DateOnly? Due, DueStatus? Standing, IReadOnlyList<long> TeamIds)
{
    /// <summary>Sent or closed: no longer running against its date.</summary>
    public bool Live => Case.Status is not (CaseStatuses.Responded or CaseStatuses.Closed);
}

public sealed record CaseListPage(IReadOnlyList<CaseListEntry> Items, int Total, int Page, int PageCount);

/// <summary>
/// The officers' and managers' case list with its filters. Every date comes from the deadline engine
/// (<see cref="CaseClock"/>) with the holiday table in force, and <see cref="StatutoryDates.CurrentDue"/>
/// decides which date is due now, as on the case page and in the reminders. A council's few thousand cases a
/// year are filtered in memory after three queries.
/// </summary>
public sealed class CaseList(CaseStore cases, HolidayStore holidays, TimeProvider time)
{
    public const int PageSize = 50;

    public async Task<CaseListPage> FindAsync(CaseListFilter filter, CancellationToken ct)
    {
        const string Events = $"select {ClockEventRow.Columns} from clock_event order by case_id, occurred_on, id";
        const string Teams = "select distinct case_id as CaseId, team_id as TeamId from question where team_id is not null and status <> 'merged'";
        var rows = await cases.ListAsync(100_000, ct);
        await using var conn = await cases.DataSource.OpenConnectionAsync(ct);
        var events = (await conn.QueryAsync<ClockEventRow>(new CommandDefinition(Events, cancellationToken: ct))).ToLookup(e => e.CaseId);
        var teams = (await conn.QueryAsync<(long CaseId, long TeamId)>(new CommandDefinition(Teams, cancellationToken: ct))).ToLookup(t => t.CaseId, t => t.TeamId);
        var table = await holidays.CurrentAsync(ct);
        var today = LondonTime.DateOf(time.GetUtcNow());
        var entries = rows.Select(c =>
        {
            DeadlineResult? result;
            try
            {
                result = CaseClock.Compute(c, [.. events[c.Id]], table);
            }
            catch (DeadlineInputException)
            {
                result = null; // The case page says why the dates cannot be worked out.
            }

            var due = result?.Statutory.CurrentDue;
            var entry = new CaseListEntry(c, due?.Date, null, [.. teams[c.Id]]);
            return due is { } d && entry.Live ? entry with { Standing = WorkingDays.Remaining(today, d.Date, table.Calendar(result!.Calendar)) } : entry;
        });
        return Apply(entries, filter);
    }

    /// <summary>The filters, the order and the page, applied to the computed entries.</summary>
    public static CaseListPage Apply(IEnumerable<CaseListEntry> entries, CaseListFilter filter)
    {
        var kept = entries.Where(e =>
            (filter.Status is null || e.Case.Status == filter.Status)
            && (filter.Regime is null || e.Case.Regime == filter.Regime)
            && (filter.TeamId is null || e.TeamIds.Contains(filter.TeamId.Value))
            && (!filter.OverdueOnly || e.Standing is { Overdue: true })
            && (filter.DueWithinWorkingDays is not { } days || e.Standing is { } s && (s.Overdue || s.WorkingDaysRemaining <= days)));
        var ordered = filter.Sort == "due"
            ? kept.OrderBy(e => e.Due is null).ThenBy(e => e.Due).ThenBy(e => e.Case.ReceivedAt)
            : kept.OrderByDescending(e => e.Case.ReceivedAt).ThenByDescending(e => e.Case.Id);
        var all = ordered.ToList();
        var pages = Math.Max(1, (all.Count + PageSize - 1) / PageSize);
        var page = Math.Clamp(filter.Page, 1, pages);
        return new CaseListPage([.. all.Skip((page - 1) * PageSize).Take(PageSize)], all.Count, page, pages);
    }
}
