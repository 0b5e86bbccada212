using Dapper;
using FoiDesk.Accounts;
using FoiDesk.Cases;
using FoiDesk.Deadlines;
using FoiDesk.Demo;
using FoiDesk.Reporting;
using FoiDesk.Tests.Database;
using FoiDesk.Tests.Support;
using Npgsql;

namespace FoiDesk.Tests.Demo;

/// <summary>Issue 13: a manager opening the dashboard on a new demo install saw an empty chart and one case.</summary>
public sealed class DemoYearTests
{
    private static readonly DateTimeOffset Today = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task Seed_FreshDatabaseAtAFixedDate_AYearInEveryStateJustUnderTheIcoLine()
    {
        await using var db = NpgsqlDataSource.Create(await TestCluster.CreateDatabaseAsync());
        var time = new ManualTime(Today);
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var result = await new DemoYear(db, new AccountService(db, time), time).SeedAsync(DemoYear.DefaultSeed, DemoYear.DefaultCount, CancellationToken.None);

        TestContext.Out.WriteLine($"seeded {result.Cases} cases in {watch.Elapsed.TotalSeconds:F1} s");
        Assert.That(result.Cases, Is.GreaterThanOrEqualTo(200));
        var states = await StatesAsync(db, time);
        TestContext.Out.WriteLine(string.Join(", ", states.GroupBy(s => s).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}")));
        Assert.That(states, Has.Count.EqualTo(result.Cases));
        Assert.That(states.Distinct().Count(), Is.GreaterThanOrEqualTo(10));
        Assert.That(states, Is.SupersetOf(new[]
        {
            "new", "assigned", "drafting", "awaiting approval", "approved", "sent", "overdue", "clarification pending",
            "fee pending", "PIT extension", "review open", "review decided", "refused", "not held", "not FOI",
        }));

        await using var conn = await db.OpenConnectionAsync();
        // The dashboard's chart: the 12 months ending with this one, from the monthly summary.
        var months = (await conn.QueryAsync<(DateTime Month, int Answered, int OnTime)>(
            "select month, answered, on_time from timeliness_month where dimension = 'all' and month >= '2026-01-01' order by month")).ToList();
        Assert.That(months.Select(m => m.Month.Month), Is.EqualTo(Enumerable.Range(1, 12)), "a figure for each of the 12 months");
        Assert.That(months.Select(m => m.Answered), Is.All.GreaterThan(0));
        var rate = (double)months.Sum(m => m.OnTime) / months.Sum(m => m.Answered);
        TestContext.Out.WriteLine($"on time: {rate:P1} of {months.Sum(m => m.Answered)}");
        Assert.That(rate, Is.InRange(0.80, 0.90), "a little under the ICO's 90% line");

        Assert.That(await conn.ExecuteScalarAsync<int>("select count(distinct key) from timeliness_month where dimension = 'team'"), Is.GreaterThanOrEqualTo(4), "several teams");
        Assert.That(await conn.ExecuteScalarAsync<int>("select count(distinct key) from timeliness_month where dimension = 'commissioner'"), Is.GreaterThanOrEqualTo(4), "several commissioners");
        Assert.That(await conn.ExecuteScalarAsync<int>("select count(*) from foi_case where wdtk_request_id is not null and reply_to_address like 'request-%@whatdotheyknow.com'"), Is.GreaterThanOrEqualTo(5), "WhatDoTheyKnow requests");
        Assert.That(await conn.ExecuteScalarAsync<int>("select count(*) from foi_case where request_text like '%every county council%'"), Is.GreaterThanOrEqualTo(5), "round-robin requests");
        Assert.That(await conn.ExecuteScalarAsync<int>("select count(*) from question where answer ilike '%social value%'"), Is.GreaterThanOrEqualTo(3), "social value answers");
        Assert.That(await conn.ExecuteScalarAsync<int>("select count(*) from foi_case where received_at < '2025-11-06' or received_at > @Today", new { Today }), Is.Zero, "dates relative to today: 13 months, so each of the chart's 12 months has its answers");
    }

    [Test]
    public async Task Seed_SameSeedAndDate_SameData()
    {
        var first = await SnapshotAsync();
        var second = await SnapshotAsync();

        Assert.That(second, Is.EqualTo(first));
        Assert.That(first, Has.Count.GreaterThan(200));
    }

    [Test]
    public void Plan_SameDateMorningAndEvening_SameYear()
    {
        // Found by hand: a first start at 21:50 on 7 December had no replies sent in December, while the
        // 10:00 start this class seeds had several. A receipt later in the day than "now" drew one more random
        // number than one before it, so the rest of the year shifted with the time of day.
        var morning = DemoPlanner.Plan(DemoYear.DefaultSeed, DemoYear.DefaultCount, Today, HolidayTable.Embedded);
        var evening = DemoPlanner.Plan(DemoYear.DefaultSeed, DemoYear.DefaultCount, Today.AddHours(11).AddMinutes(50), HolidayTable.Embedded);

        static IEnumerable<string> Story(IEnumerable<DemoPlan> plans) => plans
            .Where(p => p.ReceiptDate < LondonTime.DateOf(Today))
            .Select(p => $"{p.ReceivedAt:O} {p.Status} {p.Outcome} {string.Join(',', p.Events.Select(e => $"{e.Name} {e.Date}"))}");

        Assert.That(Story(evening), Is.EqualTo(Story(morning)));
    }

    private static async Task<List<string>> SnapshotAsync()
    {
        await using var db = NpgsqlDataSource.Create(await TestCluster.CreateDatabaseAsync());
        var time = new ManualTime(Today);
        await new DemoYear(db, new AccountService(db, time), time).SeedAsync(DemoYear.DefaultSeed, DemoYear.DefaultCount, CancellationToken.None);
        await using var conn = await db.OpenConnectionAsync();
        return [.. await conn.QueryAsync<string>("""
            select concat_ws('|', c.reference, c.classification, c.regime, c.status, c.outcome, c.subject, c.received_at, c.requester_name,
                (select string_agg(concat_ws(' ', name, occurred_on), ',' order by occurred_on, id) from clock_event e where e.case_id = c.id),
                (select string_agg(concat_ws(' ', status, team_id, assignee_id, answer_kind), ',' order by position) from question q where q.case_id = c.id))
            from foi_case c order by c.reference
            """)];
    }

    /// <summary>Each case's state as ops/foidesk cases list shows it.</summary>
    private static async Task<List<string>> StatesAsync(NpgsqlDataSource db, TimeProvider time)
    {
        var store = new CaseStore(db, time);
        var holidays = await new HolidayStore(db, time).CurrentAsync(CancellationToken.None);
        var today = LondonTime.DateOf(time.GetUtcNow());
        var states = new List<string>();
        foreach (var c in await store.ListAsync(10_000, CancellationToken.None))
        {
            var events = await store.ClockEventsAsync(c.Id, CancellationToken.None);
            var due = c.Regime is null ? null : DueDates.ResponseDue(c.Regime, c.SarCalendar, c.ReceivedAt, [.. events.Select(e => new ClockEvent(e.Name, e.OccurredOn))], holidays);
            states.Add(CaseState.Of(c, await store.QuestionsAsync(c.Id, CancellationToken.None), events, due, today));
        }

        return states;
    }
}
