using System.Globalization;
using System.Text.Json;
using Dapper;
using Npgsql;

namespace FoiDesk.Deadlines;

/// <summary>
/// The holiday table in force: the shipped GOV.UK data plus rows added in FoiDesk. Adding a day recomputes
/// every open case's deadlines and records the change on each case it moves (rule book 8.5: a day
/// proclaimed after a request arrived still applies to the running clock). Due dates are never stored.
/// </summary>
public sealed class HolidayStore(NpgsqlDataSource db, TimeProvider time)
{
    public async Task<HolidayTable> CurrentAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await CurrentAsync(conn, null, ct);
    }

    /// <summary>The table in force as seen by <paramref name="tx"/>'s snapshot.</summary>
    public static async Task<HolidayTable> CurrentAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, CancellationToken ct) =>
        TableWith(await AdditionsAsync(conn, tx, ct));

    /// <summary>The days added in FoiDesk to the shipped table, in date order.</summary>
    public static async Task<IReadOnlyList<HolidayRow>> AdditionsAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, CancellationToken ct) =>
        Additions(await conn.QueryAsync<AdditionRow>(new CommandDefinition(AdditionsSql, transaction: tx, cancellationToken: ct)));

    /// <summary>For a caller that reads the additions in the same round trip as its own rows (<see cref="Additions"/> maps them).</summary>
    public const string AdditionsSql = "select day, title, division, source from holiday_addition order by day, division";

    public sealed record AdditionRow
    {
        public required DateOnly Day { get; init; }
        public required string Title { get; init; }
        public required string Division { get; init; }
        public required string Source { get; init; }
    }

    public static IReadOnlyList<HolidayRow> Additions(IEnumerable<AdditionRow> rows) =>
        [.. rows.Select(r => new HolidayRow(
            r.Day,
            r.Title,
            Divisions.TryParse(r.Division, out var d) ? d : throw new InvalidOperationException($"unknown division {r.Division}"),
            r.Source))];

    /// <summary>
    /// The shipped table plus <paramref name="additions"/>. The last one built is reused while the additions are
    /// unchanged: a table builds its working-day calendars lazily, and every page that shows a date needs one.
    /// </summary>
    public static HolidayTable TableWith(IReadOnlyList<HolidayRow> additions)
    {
        if (additions.Count == 0)
        {
            return HolidayTable.Embedded;
        }

        if (Volatile.Read(ref _lastBuilt) is { } last && last.Additions.SequenceEqual(additions))
        {
            return last.Table;
        }

        var table = HolidayTable.Embedded.WithAdded(additions);
        Volatile.Write(ref _lastBuilt, new BuiltTable(additions, table));
        return table;
    }

    private sealed record BuiltTable(IReadOnlyList<HolidayRow> Additions, HolidayTable Table);

    private static BuiltTable? _lastBuilt;

    /// <summary>Adds holidays and recomputes open cases in one transaction. Returns the cases whose dates moved.</summary>
    public async Task<IReadOnlyList<DeadlineChange>> AddAsync(IReadOnlyList<HolidayRow> rows, string actor, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var before = await CurrentAsync(conn, tx, ct);
        const string Insert = """
            insert into holiday_addition (day, title, division, source, added_by, added_at)
            values (@day, @Title, @division, @Source, @actor, @now)
            on conflict (day, division) do update set title = excluded.title, source = excluded.source
            """;
        foreach (var row in rows)
        {
            await conn.ExecuteAsync(new CommandDefinition(Insert, new { day = row.Date, row.Title, division = row.Division.Key(), row.Source, actor, now = time.GetUtcNow() }, tx, cancellationToken: ct));
        }

        var after = await CurrentAsync(conn, tx, ct);
        var changes = await RecomputeOpenCasesAsync(conn, tx, before, after, actor, ct);
        await tx.CommitAsync(ct);
        return changes;
    }

    private async Task<IReadOnlyList<DeadlineChange>> RecomputeOpenCasesAsync(NpgsqlConnection conn, NpgsqlTransaction tx, HolidayTable before, HolidayTable after, string actor, CancellationToken ct)
    {
        var changed = before.ChangedDates(after);
        if (changed.Count == 0)
        {
            return [];
        }

        const string OpenCases = """
            select id, reference, regime, sar_calendar, received_at from foi_case
            where regime is not null and status in ('new', 'open', 'on-hold', 'awaiting-approval', 'approved')
            """;
        var cases = await conn.QueryAsync<(long Id, string Reference, string Regime, string SarCalendar, DateTime ReceivedAt)>(new CommandDefinition(OpenCases, transaction: tx, cancellationToken: ct));

        // All the open cases' events in one round trip; ordered as the engine expects them.
        const string Events = "select case_id, name, occurred_on from clock_event where case_id = any(@ids) order by case_id, occurred_on, id";
        var ids = cases.Select(c => c.Id).ToArray();
        var events = (await conn.QueryAsync<(long CaseId, string Name, DateOnly OccurredOn)>(new CommandDefinition(Events, new { ids }, tx, cancellationToken: ct)))
            .ToLookup(e => e.CaseId, e => new ClockEvent(e.Name, e.OccurredOn));

        // The case timeline entry, in this transaction: a recomputed date is shown on the case (rule book 8.5).
        const string Timeline = "insert into case_event (case_id, at, actor, kind, detail) values (@caseId, @at, @actor, 'deadlines-recomputed', @detail::jsonb)";
        var result = new List<DeadlineChange>();
        var reason = string.Join("; ", changed.Select(d => $"{d:yyyy-MM-dd}: {string.Join(", ", after.On(d).Concat(before.On(d)).Select(r => $"{r.Title} ({r.Division.DisplayName()})").Distinct())}"));
        foreach (var c in cases)
        {
            var received = new DateTimeOffset(DateTime.SpecifyKind(c.ReceivedAt, DateTimeKind.Utc));
            var regime = Regimes.Parse(c.Regime);
            var sar = DeadlineInput.ParseSarCalendar(c.SarCalendar);
            var clockEvents = events[c.Id].ToList();
            var old = DeadlineEngine.Compute(regime, received, clockEvents, new DeadlineOptions { Holidays = before, SarCalendar = sar }).Dates;
            var now = DeadlineEngine.Compute(regime, received, clockEvents, new DeadlineOptions { Holidays = after, SarCalendar = sar }).Dates;
            var moved = now.Where(kv => !old.TryGetValue(kv.Key, out var was) || was != kv.Value)
                .Select(kv => new DateMove(kv.Key, old.TryGetValue(kv.Key, out var was) ? was : null, kv.Value))
                .ToList();
            if (moved.Count == 0)
            {
                continue;
            }

            var detail = JsonSerializer.Serialize(new
            {
                reason = $"holiday table changed ({reason})",
                holidayTableVersion = after.Version,
                moved = moved.Select(m => new { date = m.Name, from = m.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), to = m.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) }),
            });
            await conn.ExecuteAsync(new CommandDefinition(Timeline, new { caseId = c.Id, at = time.GetUtcNow(), actor, detail }, tx, cancellationToken: ct));
            result.Add(new DeadlineChange(c.Reference, moved));
        }

        return result;
    }
}

public sealed record DateMove(string Name, DateOnly? From, DateOnly To);

public sealed record DeadlineChange(string Reference, IReadOnlyList<DateMove> Moved);
