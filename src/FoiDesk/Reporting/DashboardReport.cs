using Dapper;
using FoiDesk.Deadlines;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace FoiDesk.Reporting;

/// <summary>An open case against its computed due date on the day the dashboard is read.</summary>
public sealed record DueCase(string Reference, string Subject, string Status, DateOnly Received, DateOnly Due, int WorkingDaysOverdue, int CalendarDaysOverdue, int WorkingDaysOpen)
{
    /// <summary>Past 40 working days since receipt: beyond even a PIT extension (ICO: only in exceptional cases).</summary>
    public bool Ageing => WorkingDaysOpen > 40;
}

/// <summary>Answered and on time in one period; Rate is null when nothing was answered.</summary>
public sealed record OnTimeRate(string Label, int Answered, int OnTime, double? AverageDaysToAllocate)
{
    public double? Rate => Answered == 0 ? null : 100.0 * OnTime / Answered;
}

public sealed record Count(string Label, int Value);

public sealed record Dashboard
{
    public required DateOnly Today { get; init; }
    public required IReadOnlyList<DueCase> DueThisWeek { get; init; }
    public required IReadOnlyList<DueCase> Overdue { get; init; }
    public required IReadOnlyList<OnTimeRate> Months { get; init; }
    public required IReadOnlyList<OnTimeRate> Quarters { get; init; }
    public required IReadOnlyList<OnTimeRate> ByTeam { get; init; }
    public required IReadOnlyList<OnTimeRate> ByCommissioner { get; init; }
    public required IReadOnlyList<Count> Reviews { get; init; }
    public required IReadOnlyList<Count> ExemptionsUsed { get; init; }

    /// <summary>When the on-time summary last caught up with sent responses; null before its first run.</summary>
    public required DateTimeOffset? SummaryAsOf { get; init; }

    /// <summary>The ICO's expectation: at least 90% of requests answered within the statutory time.</summary>
    public const double IcoTarget = 90.0;
}

/// <summary>
/// The manager dashboard. Open cases are few: their due dates are computed here with the holiday table in force.
/// Answered cases are many: their timeliness comes from the monthly summary (<see cref="TimelinessSummary"/>),
/// which <see cref="TimelinessSummaryJob"/> keeps up to date off the request path.
/// </summary>
/// <remarks>
/// Both halves are computed once and shared by every request until their inputs change. The open-case half
/// is keyed on the London date and deadline_inputs_version, which a commit bumps whenever a case, a clock
/// event or a holiday addition changes (migrations/0100). Those are every input of a due date: receipt,
/// regime and events (docs/foi-rules.md 2–7) and the holiday table in force on the day of reading, including
/// a day proclaimed after receipt (2.3, 8.5: every open case is recomputed when the table changes). The
/// shipped GOV.UK table changes only with a new release, which starts a new process and so a new cache. The
/// date is in the key because "overdue" and "due this week" are judged on the day of reading. The version
/// and the data are read in one snapshot, so a cached result never carries a version newer than the data it
/// saw. A new version recomputes only the cases its changes touched (<see cref="OpenCaseBook"/>); a holiday
/// change or a new month recomputes them all. The summary half is keyed on the summary's watermark and shows when it last caught up ("as of"): it
/// counts responses already sent, which a minute's lag can leave incomplete but cannot make wrong.
/// </remarks>
public sealed class DashboardReport(NpgsqlDataSource db, TimeProvider time, ILogger<DashboardReport> log) : IDisposable
{
    public const int Months = 12;

    private readonly SingleFlight<(DateOnly Today, long Version), OpenPart> _open = new();
    private readonly SingleFlight<(DateOnly From, long LastEventId, string HolidayVersion), SummaryPart> _summary = new();
    private OpenCaseBook? _book;

    public void Dispose()
    {
        _open.Dispose();
        _summary.Dispose();
    }

    private sealed record MonthRow
    {
        public required DateOnly Month { get; init; }
        public required string Label { get; init; }
        public required int Answered { get; init; }
        public required int OnTime { get; init; }
        public required long AllocateDays { get; init; }
        public required int Allocated { get; init; }
    }

    private sealed record Versions
    {
        public required long CaseVersion { get; init; }
        public long? LastEventId { get; init; }
        public string? HolidayVersion { get; init; }
        public DateTimeOffset? RefreshedAt { get; init; }
    }

    private sealed record OpenPart(IReadOnlyList<DueCase> DueThisWeek, IReadOnlyList<DueCase> Overdue, IReadOnlyList<Count> Reviews);

    private sealed record SummaryPart(IReadOnlyList<OnTimeRate> Months, IReadOnlyList<OnTimeRate> Quarters, IReadOnlyList<OnTimeRate> ByTeam, IReadOnlyList<OnTimeRate> ByCommissioner, IReadOnlyList<Count> Exemptions);

    /// <summary>Two primary-key lookups: all a request costs while nothing has changed.</summary>
    private const string VersionSql = """
        select v.version as CaseVersion, w.last_event_id as LastEventId, w.holiday_version as HolidayVersion, w.refreshed_at as RefreshedAt
        from deadline_inputs_version v left join timeliness_watermark w on w.id = 1
        where v.id = 1
        """;

    public async Task<Dashboard> BuildAsync(CancellationToken ct)
    {
        var today = LondonTime.DateOf(time.GetUtcNow());
        var thisMonth = new DateOnly(today.Year, today.Month, 1);
        var from = thisMonth.AddMonths(-(Months - 1));
        Versions versions;
        await using (var conn = await db.OpenConnectionAsync(ct))
        {
            versions = await conn.QuerySingleAsync<Versions>(new CommandDefinition(VersionSql, cancellationToken: ct));
        }

        var open = await _open.GetAsync((today, versions.CaseVersion), c => ComputeOpenAsync(today, from, c), ct);
        var summary = await _summary.GetAsync((from, versions.LastEventId ?? 0, versions.HolidayVersion ?? ""), c => ComputeSummaryAsync(from, c), ct);
        return new Dashboard
        {
            Today = today,
            DueThisWeek = open.DueThisWeek,
            Overdue = open.Overdue,
            Months = summary.Months,
            Quarters = summary.Quarters,
            ByTeam = summary.ByTeam,
            ByCommissioner = summary.ByCommissioner,
            Reviews = open.Reviews,
            ExemptionsUsed = summary.Exemptions,
            SummaryAsOf = versions.RefreshedAt,
        };
    }

    private async Task<((DateOnly, long), OpenPart)> ComputeOpenAsync(DateOnly today, DateOnly from, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        // One snapshot for the version and everything computed under it.
        await using var tx = await conn.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        var version = await conn.ExecuteScalarAsync<long>(new CommandDefinition("select version from deadline_inputs_version where id = 1", transaction: tx, cancellationToken: ct));
        var additions = await HolidayStore.AdditionsAsync(conn, tx, ct);
        // Only SingleFlight's one computation at a time reads or replaces the book.
        var started = time.GetTimestamp();
        var book = _book;
        var how = "listed";
        if (book is null || book.Version > version || book.ReviewsFrom != from || !book.Additions.SequenceEqual(additions))
        {
            // A holiday added or removed can move any open case's date (rule book 8.5): recompute them all.
            book = await OpenCaseBook.LoadAsync(conn, tx, version, additions, from, ct);
            how = "computed in full";
        }
        else if (book.Version < version)
        {
            book = await book.UpdateAsync(conn, tx, version, ct);
            how = "updated";
        }

        await tx.CommitAsync(ct);
        _book = book;
        var (dueThisWeek, overdue) = book.ListsOn(today);
        log.LogDebug("Dashboard open cases {How} for version {Version} on {Today:yyyy-MM-dd}: {Open} open, {Ms:0.0} ms",
            how, version, today, book.Open.Count, time.GetElapsedTime(started).TotalMilliseconds);
        return ((today, version), new OpenPart(dueThisWeek, overdue, book.ReviewCounts()));
    }

    private async Task<((DateOnly, long, string), SummaryPart)> ComputeSummaryAsync(DateOnly from, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        var mark = await conn.QuerySingleOrDefaultAsync<(long LastEventId, string HolidayVersion)?>(new CommandDefinition(
            "select last_event_id, holiday_version from timeliness_watermark where id = 1", transaction: tx, cancellationToken: ct));

        const string MonthSql = """
            select month, '' as Label, answered, on_time as OnTime, allocate_days as AllocateDays, allocated
            from timeliness_month where dimension = 'all' and month >= @from order by month
            """;
        var months = (await conn.QueryAsync<MonthRow>(new CommandDefinition(MonthSql, new { from }, tx, cancellationToken: ct))).ToDictionary(m => m.Month);
        var monthRates = Enumerable.Range(0, Months).Select(i => from.AddMonths(i)).Select(m => months.TryGetValue(m, out var r)
            ? Rate(m.ToString("MMM yyyy", System.Globalization.CultureInfo.InvariantCulture), r.Answered, r.OnTime, r.AllocateDays, r.Allocated)
            : new OnTimeRate(m.ToString("MMM yyyy", System.Globalization.CultureInfo.InvariantCulture), 0, 0, null)).ToList();
        var quarters = months.Values
            .GroupBy(m => (m.Month.Year, Q: ((m.Month.Month - 1) / 3) + 1))
            .OrderBy(g => g.Key)
            .Select(g => Rate($"Q{g.Key.Q} {g.Key.Year}", g.Sum(m => m.Answered), g.Sum(m => m.OnTime), g.Sum(m => m.AllocateDays), g.Sum(m => m.Allocated)))
            .ToList();

        const string ByDimension = """
            select min(m.month) as Month, n.name as Label, sum(m.answered)::int as Answered, sum(m.on_time)::int as OnTime,
                sum(m.allocate_days)::bigint as AllocateDays, sum(m.allocated)::int as Allocated
            from timeliness_month m join {0} n on n.id = m.key
            where m.dimension = @dimension and m.month >= @from
            group by n.name order by n.name
            """;
        var byTeam = await conn.QueryAsync<MonthRow>(new CommandDefinition(string.Format(System.Globalization.CultureInfo.InvariantCulture, ByDimension, "team"), new { dimension = "team", from }, tx, cancellationToken: ct));
        var byCommissioner = await conn.QueryAsync<MonthRow>(new CommandDefinition(string.Format(System.Globalization.CultureInfo.InvariantCulture, ByDimension, "(select id, display_name as name from account)"), new { dimension = "commissioner", from }, tx, cancellationToken: ct));
        var exemptions = await conn.QueryAsync<Count>(new CommandDefinition(
            "select exemption as Label, sum(uses)::int as Value from exemption_month where month >= @from group by exemption order by 2 desc, 1", new { from }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return ((from, mark?.LastEventId ?? 0, mark?.HolidayVersion ?? ""), new SummaryPart(
            monthRates,
            quarters,
            [.. byTeam.Select(r => Rate(r.Label, r.Answered, r.OnTime, r.AllocateDays, r.Allocated))],
            [.. byCommissioner.Select(r => Rate(r.Label, r.Answered, r.OnTime, r.AllocateDays, r.Allocated))],
            [.. exemptions]));
    }

    private static OnTimeRate Rate(string label, int answered, int onTime, long allocateDays, int allocated) =>
        new(label, answered, onTime, allocated == 0 ? null : (double)allocateDays / allocated);
}
