using Dapper;
using FoiDesk.Deadlines;
using Npgsql;
using NpgsqlTypes;

namespace FoiDesk.Reporting;

/// <summary>
/// Keeps response_timeliness, timeliness_month and exemption_month in step with the response_sent clock events.
/// Incremental (events after the watermark), batched, one transaction per batch with the watermark, so it is
/// idempotent and may run from several places at once (a try-lock makes the losers skip). When the holiday
/// table version changes every figure is rebuilt: a due date is only as good as the table it was counted with.
/// </summary>
public sealed class TimelinessSummary(NpgsqlDataSource db, HolidayStore holidays, TimeProvider time)
{
    private const int BatchSize = 20_000;

    /// <summary>Names the refresh lock among advisory locks ("FoiRepTm").</summary>
    private const long LockKey = 0x466F6952657054;

    /// <returns>The number of answered cases folded in (0 when another refresh holds the lock).</returns>
    public async Task<int> RefreshAsync(CancellationToken ct)
    {
        var table = await holidays.CurrentAsync(ct);
        var total = 0;
        while (true)
        {
            var (done, folded) = await RefreshBatchAsync(table, ct);
            total += folded;
            if (done)
            {
                return total;
            }
        }
    }

    private sealed record Answered
    {
        public required long EventId { get; init; }
        public required long CaseId { get; init; }
        public required string Regime { get; init; }
        public required string SarCalendar { get; init; }
        public required DateTimeOffset ReceivedAt { get; init; }
        public required DateOnly SentOn { get; init; }
    }

    private sealed record CaseQuestion
    {
        public required long CaseId { get; init; }
        public long? TeamId { get; init; }
        public long? AssigneeId { get; init; }
        public DateTimeOffset? AssignedAt { get; init; }
        public string? Exemption { get; init; }
    }

    private sealed record EventRow
    {
        public required long CaseId { get; init; }
        public required string Name { get; init; }
        public required DateOnly OccurredOn { get; init; }
    }

    private async Task<(bool Done, int Folded)> RefreshBatchAsync(HolidayTable table, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (!await conn.ExecuteScalarAsync<bool>(new CommandDefinition("select pg_try_advisory_xact_lock(@LockKey)", new { LockKey }, tx, cancellationToken: ct)))
        {
            return (true, 0);
        }

        var mark = await conn.QuerySingleOrDefaultAsync<(long LastEventId, string HolidayVersion)?>(new CommandDefinition(
            "select last_event_id, holiday_version from timeliness_watermark where id = 1", transaction: tx, cancellationToken: ct));
        var last = 0L;
        if (mark is not { } m || m.HolidayVersion != table.Version)
        {
            await conn.ExecuteAsync(new CommandDefinition("""
                delete from response_timeliness; delete from timeliness_month; delete from exemption_month;
                insert into timeliness_watermark (id, last_event_id, holiday_version) values (1, 0, @Version)
                on conflict (id) do update set last_event_id = 0, holiday_version = excluded.holiday_version
                """, new { table.Version }, tx, cancellationToken: ct));
        }
        else
        {
            last = m.LastEventId;
        }

        const string NewAnswers = """
            select e.id as EventId, c.id as CaseId, coalesce(c.regime, '') as Regime, c.sar_calendar as SarCalendar, c.received_at as ReceivedAt, e.occurred_on as SentOn
            from clock_event e join foi_case c on c.id = e.case_id
            where e.name = 'response_sent' and e.id > @last
            order by e.id limit @BatchSize
            """;
        var batch = (await conn.QueryAsync<Answered>(new CommandDefinition(
            NewAnswers, new { last, BatchSize }, tx, cancellationToken: ct))).ToList();
        if (batch.Count == 0)
        {
            await conn.ExecuteAsync(new CommandDefinition("update timeliness_watermark set refreshed_at = @now where id = 1", new { now = time.GetUtcNow() }, tx, cancellationToken: ct));
            await tx.CommitAsync(ct);
            return (true, 0);
        }

        var ids = batch.Select(b => b.CaseId).ToArray();
        var events = (await conn.QueryAsync<EventRow>(new CommandDefinition(
            "select case_id as CaseId, name, occurred_on as OccurredOn from clock_event where case_id = any(@ids) order by case_id, occurred_on, id", new { ids }, tx, cancellationToken: ct)))
            .ToLookup(e => e.CaseId);
        var questions = (await conn.QueryAsync<CaseQuestion>(new CommandDefinition(
            "select case_id as CaseId, team_id as TeamId, assignee_id as AssigneeId, assigned_at as AssignedAt, exemption::text as Exemption from question where case_id = any(@ids) and status <> 'merged'", new { ids }, tx, cancellationToken: ct)))
            .ToLookup(q => q.CaseId);

        var rows = new List<TimelinessRow>(batch.Count);
        foreach (var a in batch.Where(a => a.Regime.Length > 0))
        {
            var caseEvents = events[a.CaseId].Select(e => new ClockEvent(e.Name, e.OccurredOn)).ToList();
            if (DueDates.ResponseDue(a.Regime, a.SarCalendar, a.ReceivedAt, caseEvents, table) is not { } due)
            {
                continue;
            }

            var receipt = LondonTime.DateOf(a.ReceivedAt);
            var firstAssigned = questions[a.CaseId].Where(q => q.AssignedAt is not null).Select(q => q.AssignedAt!.Value).DefaultIfEmpty().Min();
            int? allocate = firstAssigned == default
                ? null
                : DueDates.CalendarFor(a.Regime, a.SarCalendar, table).CountWorkingDays(receipt, LondonTime.DateOf(firstAssigned));
            rows.Add(new TimelinessRow(a.CaseId, receipt, a.SentOn, due, a.SentOn <= due, DueDates.Extended(caseEvents), allocate));
        }

        var inserted = await InsertAsync(conn, tx, rows, table.Version, ct);
        await FoldIntoMonthsAsync(conn, tx, rows.Where(r => inserted.Contains(r.CaseId)).ToList(), questions, ct);
        await conn.ExecuteAsync(new CommandDefinition("update timeliness_watermark set last_event_id = @id, refreshed_at = @now where id = 1", new { id = batch[^1].EventId, now = time.GetUtcNow() }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return (batch.Count < BatchSize, inserted.Count);
    }

    private sealed record TimelinessRow(long CaseId, DateOnly ReceivedOn, DateOnly SentOn, DateOnly DueOn, bool OnTime, bool Extended, int? AllocateDays);

    private static async Task<HashSet<long>> InsertAsync(NpgsqlConnection conn, NpgsqlTransaction tx, List<TimelinessRow> rows, string version, CancellationToken ct)
    {
        const string Sql = """
            insert into response_timeliness (case_id, received_on, sent_on, due_on, on_time, extended, allocate_days, holiday_version)
            select u.*, @version from unnest(@ids, @received, @sent, @due, @onTime, @extended, @allocate) as u
            on conflict (case_id) do nothing
            returning case_id
            """;
        await using var cmd = new NpgsqlCommand(Sql, conn, tx);
        cmd.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = rows.Select(r => r.CaseId).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter("received", NpgsqlDbType.Array | NpgsqlDbType.Date) { Value = rows.Select(r => r.ReceivedOn).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter("sent", NpgsqlDbType.Array | NpgsqlDbType.Date) { Value = rows.Select(r => r.SentOn).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter("due", NpgsqlDbType.Array | NpgsqlDbType.Date) { Value = rows.Select(r => r.DueOn).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter("onTime", NpgsqlDbType.Array | NpgsqlDbType.Boolean) { Value = rows.Select(r => r.OnTime).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter("extended", NpgsqlDbType.Array | NpgsqlDbType.Boolean) { Value = rows.Select(r => r.Extended).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter("allocate", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = rows.Select(r => r.AllocateDays).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter("version", version));
        var inserted = new HashSet<long>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            inserted.Add(reader.GetInt64(0));
        }

        return inserted;
    }

    private static async Task FoldIntoMonthsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, List<TimelinessRow> rows, ILookup<long, CaseQuestion> questions, CancellationToken ct)
    {
        var sums = new Dictionary<(DateOnly Month, string Dimension, long Key), (int Answered, int OnTime, long AllocateDays, int Allocated)>();
        var exemptions = new Dictionary<(DateOnly Month, string Exemption), int>();
        foreach (var r in rows)
        {
            var month = new DateOnly(r.SentOn.Year, r.SentOn.Month, 1);
            var qs = questions[r.CaseId].ToList();
            IEnumerable<(string, long)> dims =
            [
                ("all", 0),
                .. qs.Where(q => q.TeamId is not null).Select(q => ("team", q.TeamId!.Value)).Distinct(),
                .. qs.Where(q => q.AssigneeId is not null).Select(q => ("commissioner", q.AssigneeId!.Value)).Distinct(),
            ];
            foreach (var (dimension, key) in dims)
            {
                sums.TryGetValue((month, dimension, key), out var s);
                sums[(month, dimension, key)] = (s.Answered + 1, s.OnTime + (r.OnTime ? 1 : 0), s.AllocateDays + (r.AllocateDays ?? 0), s.Allocated + (r.AllocateDays is null ? 0 : 1));
            }

            foreach (var section in qs.SelectMany(q => CitedExemptions.Sections(q.Exemption)).Distinct(StringComparer.Ordinal))
            {
                exemptions[(month, section)] = exemptions.GetValueOrDefault((month, section)) + 1;
            }
        }

        const string Months = """
            insert into timeliness_month (month, dimension, key, answered, on_time, allocate_days, allocated)
            values (@Month, @Dimension, @Key, @Answered, @OnTime, @AllocateDays, @Allocated)
            on conflict (month, dimension, key) do update set
                answered = timeliness_month.answered + excluded.answered,
                on_time = timeliness_month.on_time + excluded.on_time,
                allocate_days = timeliness_month.allocate_days + excluded.allocate_days,
                allocated = timeliness_month.allocated + excluded.allocated
            """;
        await conn.ExecuteAsync(new CommandDefinition(Months, sums.Select(kv => new
        {
            kv.Key.Month,
            kv.Key.Dimension,
            kv.Key.Key,
            kv.Value.Answered,
            kv.Value.OnTime,
            kv.Value.AllocateDays,
            kv.Value.Allocated,
        }), tx, cancellationToken: ct));
        const string Exempt = """
            insert into exemption_month (month, exemption, uses) values (@Month, @Exemption, @Uses)
            on conflict (month, exemption) do update set uses = exemption_month.uses + excluded.uses
            """;
        await conn.ExecuteAsync(new CommandDefinition(Exempt, exemptions.Select(kv => new { kv.Key.Month, kv.Key.Exemption, Uses = kv.Value }), tx, cancellationToken: ct));
    }
}
