using System.Collections.Immutable;
using Dapper;
using FoiDesk.Cases;
using FoiDesk.Deadlines;
using Npgsql;

namespace FoiDesk.Reporting;

/// <summary>
/// Every open case's statutory due date, and the reviews received since a month, as of one
/// deadline_inputs_version. Kept between changes: the next version recomputes only the cases its changes touched
/// (deadline_case_change, migrations/0140), so a change costs the dashboard O(changed cases), not O(open cases).
/// Immutable, so a computation that fails half way leaves the last good book as it was.
/// </summary>
internal sealed record OpenCaseBook
{
    public required long Version { get; init; }

    /// <summary>Reviews are counted from this month's first day (the dashboard's 12-month window).</summary>
    public required DateOnly ReviewsFrom { get; init; }

    /// <summary>The holiday additions the due dates were computed with: any change to them recomputes every case.</summary>
    public required IReadOnlyList<HolidayRow> Additions { get; init; }

    public required HolidayTable Holidays { get; init; }

    public required ImmutableDictionary<long, OpenEntry> Open { get; init; }

    /// <summary>Each review case in the window, by its outcome ('pending' while it has none).</summary>
    public required ImmutableDictionary<long, string> Reviews { get; init; }

    /// <param name="Due">Null when the clock is stopped or the events do not validate (the case page says why).</param>
    internal sealed record OpenEntry(string Reference, string Subject, string Status, DateOnly Received, DateOnly? Due, WorkingCalendar Calendar);

    private sealed record CaseRow
    {
        public required long Id { get; init; }
        public long? LiveId { get; init; }
        public string? Reference { get; init; }
        public string? Subject { get; init; }
        public string? Status { get; init; }
        public string? Regime { get; init; }
        public string? SarCalendar { get; init; }
        public DateTimeOffset? ReceivedAt { get; init; }
        public string? Classification { get; init; }
        public string? Outcome { get; init; }
    }

    private const string CaseColumns = """
        c.id as LiveId, c.reference, c.subject, c.status, c.regime, c.sar_calendar as SarCalendar, c.received_at as ReceivedAt,
        c.classification, c.outcome
        """;

    /// <summary>Everything, from one snapshot: the first request, a holiday change or a new month.</summary>
    public static async Task<OpenCaseBook> LoadAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long version, IReadOnlyList<HolidayRow> additions, DateOnly reviewsFrom, CancellationToken ct)
    {
        var open = $"""
            select c.id, {CaseColumns} from foi_case c
            where c.status in ({CaseStatuses.SqlList(CaseStatuses.Live)}) and c.regime is not null
            """;
        var reviews = $"""
            select c.id, {CaseColumns} from foi_case c where c.classification = 'review' and c.received_at >= @since
            """;
        var rows = (await conn.QueryAsync<CaseRow>(new CommandDefinition(open, transaction: tx, cancellationToken: ct))).ToList();
        rows.AddRange(await conn.QueryAsync<CaseRow>(new CommandDefinition(reviews, new { since = Since(reviewsFrom) }, tx, cancellationToken: ct)));
        var empty = new OpenCaseBook
        {
            Version = version,
            ReviewsFrom = reviewsFrom,
            Additions = additions,
            Holidays = HolidayStore.TableWith(additions),
            Open = ImmutableDictionary<long, OpenEntry>.Empty,
            Reviews = ImmutableDictionary<long, string>.Empty,
        };
        return await empty.WithAsync(conn, tx, rows, version, ct);
    }

    /// <summary>
    /// The cases changed after this book's version, up to the snapshot's. Versions follow commit order
    /// (migrations/0140), so the snapshot that shows <paramref name="version"/> shows every change up to it.
    /// </summary>
    public async Task<OpenCaseBook> UpdateAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long version, CancellationToken ct)
    {
        var changed = $"""
            select d.case_id as Id, {CaseColumns}
            from deadline_case_change d left join foi_case c on c.id = d.case_id
            where d.version > @since
            """;
        var rows = await conn.QueryAsync<CaseRow>(new CommandDefinition(changed, new { since = Version }, tx, cancellationToken: ct));
        return await WithAsync(conn, tx, [.. rows], version, ct);
    }

    private async Task<OpenCaseBook> WithAsync(NpgsqlConnection conn, NpgsqlTransaction tx, IReadOnlyList<CaseRow> rows, long version, CancellationToken ct)
    {
        var isOpen = rows.Where(r => r.LiveId is not null && r.Regime is not null && r.Status is { } status && CaseStatuses.IsLive(status)).ToList();
        var ids = isOpen.Select(r => r.Id).ToArray();
        var events = (await conn.QueryAsync<(long CaseId, string Name, DateTime OccurredOn)>(new CommandDefinition(
            "select case_id, name, occurred_on from clock_event where case_id = any(@ids) order by case_id, occurred_on, id", new { ids }, tx, cancellationToken: ct)))
            .ToLookup(e => e.CaseId, e => new ClockEvent(e.Name, DateOnly.FromDateTime(e.OccurredOn)));

        var open = Open.ToBuilder();
        var reviews = Reviews.ToBuilder();
        var since = Since(ReviewsFrom);
        foreach (var r in rows)
        {
            // A changed case may have closed, been deleted or left the review window: drop it, then add it back
            // as it now is.
            open.Remove(r.Id);
            reviews.Remove(r.Id);
            if (r.LiveId is null)
            {
                continue;
            }

            if (r.Classification == "review" && r.ReceivedAt >= since)
            {
                reviews[r.Id] = r.Outcome ?? "pending";
            }
        }

        foreach (var c in isOpen)
        {
            var received = c.ReceivedAt!.Value;
            var due = DueDates.ResponseDue(c.Regime!, c.SarCalendar!, received, [.. events[c.Id]], Holidays);
            open[c.Id] = new OpenEntry(c.Reference!, c.Subject!, c.Status!, LondonTime.DateOf(received), due, DueDates.CalendarFor(c.Regime!, c.SarCalendar!, Holidays));
        }

        return this with { Version = version, Open = open.ToImmutable(), Reviews = reviews.ToImmutable() };
    }

    private static DateTimeOffset Since(DateOnly from) => new(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>Due this week (Monday to Sunday) and overdue, judged on <paramref name="today"/>.</summary>
    public (List<DueCase> DueThisWeek, List<DueCase> Overdue) ListsOn(DateOnly today)
    {
        var weekEnd = today.AddDays((7 - (int)today.DayOfWeek) % 7);
        // Open cases share a few hundred due and receipt dates: count each working-day span once.
        var remaining = new Dictionary<(WorkingCalendar, DateOnly), DueStatus>();
        var opened = new Dictionary<(WorkingCalendar, DateOnly), int>();
        var dueThisWeek = new List<DueCase>();
        var overdue = new List<DueCase>();
        foreach (var c in Open.Values)
        {
            if (c.Due is not { } due)
            {
                continue;
            }

            if (!remaining.TryGetValue((c.Calendar, due), out var status))
            {
                remaining[(c.Calendar, due)] = status = WorkingDays.Remaining(today, due, c.Calendar);
            }

            if (!status.Overdue && due > weekEnd)
            {
                continue;
            }

            if (!opened.TryGetValue((c.Calendar, c.Received), out var daysOpen))
            {
                opened[(c.Calendar, c.Received)] = daysOpen = c.Calendar.CountWorkingDays(c.Received, today);
            }

            var row = new DueCase(c.Reference, c.Subject, c.Status, c.Received, due, status.WorkingDaysOverdue, status.CalendarDaysOverdue, daysOpen);
            (status.Overdue ? overdue : dueThisWeek).Add(row);
        }

        dueThisWeek.Sort((a, b) => a.Due != b.Due ? a.Due.CompareTo(b.Due) : string.CompareOrdinal(a.Reference, b.Reference));
        overdue.Sort((a, b) => a.WorkingDaysOverdue != b.WorkingDaysOverdue ? b.WorkingDaysOverdue.CompareTo(a.WorkingDaysOverdue) : string.CompareOrdinal(a.Reference, b.Reference));
        return (dueThisWeek, overdue);
    }

    public IReadOnlyList<Count> ReviewCounts() =>
        [.. Reviews.Values.GroupBy(v => v, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new Count(g.Key, g.Count()))];
}
