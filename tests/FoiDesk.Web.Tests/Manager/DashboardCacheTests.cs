using FoiDesk.Deadlines;
using FoiDesk.Reporting;
using FoiDesk.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace FoiDesk.Web.Tests.Manager;

/// <summary>
/// The dashboard shares one open-case computation between requests (DashboardReport); every change to a due
/// date's inputs must show on the very next read, whichever code path made it. Dates: ReportingFixture
/// (read on Wednesday 12 March 2025; FOIA s10 20 working days).
/// </summary>
public sealed class DashboardCacheTests
{
    [Test]
    public async Task Dashboard_NothingChanged_SharesTheComputation()
    {
        await using var app = await TestWebApp.StartAsync();
        await ReportingFixture.SeedAsync(app);
        var dashboard = app.Services.GetRequiredService<DashboardReport>();

        var first = await dashboard.BuildAsync(CancellationToken.None);
        var second = await dashboard.BuildAsync(CancellationToken.None);

        Assert.That(second.Overdue, Is.SameAs(first.Overdue));
        Assert.That(second.Months, Is.SameAs(first.Months));
    }

    [Test]
    [Description("A clock event written straight to clock_event (no status change, no service) must still invalidate.")]
    public async Task Dashboard_NewClockEvent_ChangesImmediately()
    {
        await using var app = await TestWebApp.StartAsync();
        var cases = await ReportingFixture.SeedAsync(app);
        var dashboard = app.Services.GetRequiredService<DashboardReport>();
        var before = await dashboard.BuildAsync(CancellationToken.None);

        // FOIA s10(3): a public interest extension notice sent on 10 March moves the 14 March date to
        // 11 April (20 further working days), out of this week.
        await CaseFixtures.ExecuteAsync(app, """
            insert into clock_event (case_id, name, occurred_on, recorded_at, recorded_by, note)
            select id, 'pit_notice_sent', date '2025-03-10', now(), 'test', '' from foi_case where reference = @reference
            """, new { reference = cases.DueFriday });
        var after = await dashboard.BuildAsync(CancellationToken.None);

        Assert.That(before.DueThisWeek.Select(c => c.Reference), Is.EqualTo(new[] { cases.DueFriday }));
        Assert.That(after.DueThisWeek, Is.Empty);
    }

    [Test]
    public async Task Dashboard_StatusChange_ChangesImmediately()
    {
        await using var app = await TestWebApp.StartAsync();
        var cases = await ReportingFixture.SeedAsync(app);
        var dashboard = app.Services.GetRequiredService<DashboardReport>();
        await dashboard.BuildAsync(CancellationToken.None);

        // Withdrawn: no longer open, so no longer overdue (FOIA: nothing is due on a withdrawn request).
        await CaseFixtures.ExecuteAsync(app, "update foi_case set status = 'closed', outcome = 'withdrawn' where reference = @reference", new { reference = cases.Overdue7 });
        var after = await dashboard.BuildAsync(CancellationToken.None);

        Assert.That(after.Overdue.Select(c => c.Reference), Is.EqualTo(new[] { cases.Ageing }));
    }

    [Test]
    public async Task Dashboard_NewCase_ChangesImmediately()
    {
        await using var app = await TestWebApp.StartAsync();
        await ReportingFixture.SeedAsync(app);
        var dashboard = app.Services.GetRequiredService<DashboardReport>();
        await dashboard.BuildAsync(CancellationToken.None);

        // Received Mon 10 Feb: due Mon 10 Mar; by Wed 12 Mar 2 working days and 2 calendar days overdue.
        var (_, late) = await CaseFixtures.OpenAsync(app, CaseFixtures.At(2025, 2, 10), "Bus lanes", ["How many fines?"]);
        var after = await dashboard.BuildAsync(CancellationToken.None);

        var row = after.Overdue.Single(c => c.Reference == late);
        Assert.That((row.Due, row.WorkingDaysOverdue, row.CalendarDaysOverdue), Is.EqualTo((new DateOnly(2025, 3, 10), 2, 2)));
    }

    [Test]
    [Description("Rule book 8.5: a day proclaimed after receipt still applies to a running clock.")]
    public async Task Dashboard_HolidayAdded_ChangesImmediately()
    {
        await using var app = await TestWebApp.StartAsync();
        var cases = await ReportingFixture.SeedAsync(app);
        var dashboard = app.Services.GetRequiredService<DashboardReport>();
        await dashboard.BuildAsync(CancellationToken.None);

        // A holiday on Fri 7 March: the 14 March date moves to Mon 17 March (next week), and the case due
        // on 3 March is 6 working days overdue by the 12th instead of 7 (its due date does not move).
        await app.Services.GetRequiredService<HolidayStore>().AddAsync([new HolidayRow(new DateOnly(2025, 3, 7), "Proclaimed holiday", Division.EnglandAndWales, "test")], "test", CancellationToken.None);
        var after = await dashboard.BuildAsync(CancellationToken.None);

        Assert.That(after.DueThisWeek, Is.Empty);
        var overdue = after.Overdue.Single(c => c.Reference == cases.Overdue7);
        Assert.That((overdue.Due, overdue.WorkingDaysOverdue, overdue.CalendarDaysOverdue), Is.EqualTo((new DateOnly(2025, 3, 3), 6, 9)));
    }

    [Test]
    [Description("Overdue and due-this-week are judged on the day of reading, so a new London day recomputes.")]
    public async Task Dashboard_NextDay_CountsFromTheNewDay()
    {
        await using var app = await TestWebApp.StartAsync();
        var cases = await ReportingFixture.SeedAsync(app);
        var dashboard = app.Services.GetRequiredService<DashboardReport>();
        await dashboard.BuildAsync(CancellationToken.None);

        app.Time.Advance(TimeSpan.FromDays(1));
        var after = await dashboard.BuildAsync(CancellationToken.None);

        Assert.That(after.Today, Is.EqualTo(new DateOnly(2025, 3, 13)));
        Assert.That(after.Overdue.Single(c => c.Reference == cases.Overdue7).WorkingDaysOverdue, Is.EqualTo(8));
    }

    [Test]
    public async Task Dashboard_ResponseSentBeforeTheSummaryRuns_ShowsTheSummaryAsOfItsLastRun()
    {
        await using var app = await TestWebApp.StartAsync();
        var cases = await ReportingFixture.SeedAsync(app);
        var dashboard = app.Services.GetRequiredService<DashboardReport>();
        var summary = app.Services.GetRequiredService<TimelinessSummary>();
        await summary.RefreshAsync(CancellationToken.None);
        var before = await dashboard.BuildAsync(CancellationToken.None);

        // Answered on 11 March, 6 working days late: off the overdue list at once; into the on-time figures
        // when the summary job next runs.
        await CaseFixtures.RecordAsync(app, cases.Overdue7, "response_sent", new DateOnly(2025, 3, 11));
        var beforeJob = await dashboard.BuildAsync(CancellationToken.None);
        app.Time.Advance(TimeSpan.FromMinutes(1));
        await summary.RefreshAsync(CancellationToken.None);
        var afterJob = await dashboard.BuildAsync(CancellationToken.None);

        Assert.That(before.SummaryAsOf, Is.EqualTo(new DateTimeOffset(2025, 3, 12, 10, 0, 0, TimeSpan.Zero)));
        Assert.That(beforeJob.Overdue.Select(c => c.Reference), Does.Not.Contain(cases.Overdue7));
        Assert.That(beforeJob.Months.Single(m => m.Label == "Mar 2025").Answered, Is.EqualTo(1));
        Assert.That(afterJob.Months.Single(m => m.Label == "Mar 2025"), Is.EqualTo(new OnTimeRate("Mar 2025", 2, 1, null)));
        Assert.That(afterJob.SummaryAsOf, Is.EqualTo(new DateTimeOffset(2025, 3, 12, 10, 1, 0, TimeSpan.Zero)));
    }

    [Test]
    [Description("After each change the kept book is updated for the touched cases only; the result must equal a computation from nothing.")]
    public async Task Dashboard_ChangesAppliedOneAfterAnother_SameAsComputedFromNothing()
    {
        await using var app = await TestWebApp.StartAsync();
        var cases = await ReportingFixture.SeedAsync(app);
        var dashboard = app.Services.GetRequiredService<DashboardReport>();
        await dashboard.BuildAsync(CancellationToken.None);
        string[] changes =
        [
            // A clock stop on the case due Friday, then its lifting (FOIA s1(3): the clock restarts on receipt).
            "insert into clock_event (case_id, name, occurred_on, recorded_at, recorded_by) select id, 'clarification_sent', date '2025-03-11', now(), 't' from foi_case where reference = @DueFriday",
            "insert into clock_event (case_id, name, occurred_on, recorded_at, recorded_by) select id, 'clarification_received', date '2025-03-12', now(), 't' from foi_case where reference = @DueFriday",
            "update foi_case set subject = 'Streetlights (all wards)' where reference = @Ageing",
            "update foi_case set status = 'on-hold' where reference = @Overdue7",
            "delete from clock_event where case_id = (select id from foi_case where reference = @DueFriday) and name = 'clarification_received'",
            // Reopened for a late correction: back on the lists.
            "update foi_case set status = 'open' where reference = @Withdrawn",
            "update foi_case set outcome = null where reference = @Review",
            "update foi_case set classification = 'foi', regime = 'foia' where reference = @Review",
            "update foi_case set status = 'closed', outcome = 'lapsed' where reference = @Ageing",
        ];

        foreach (var change in changes)
        {
            await CaseFixtures.ExecuteAsync(app, change, cases);
            var kept = await dashboard.BuildAsync(CancellationToken.None);
            using var fresh = new DashboardReport(app.Services.GetRequiredService<Npgsql.NpgsqlDataSource>(), app.Time, Microsoft.Extensions.Logging.Abstractions.NullLogger<DashboardReport>.Instance);
            var expected = await fresh.BuildAsync(CancellationToken.None);

            Assert.That(kept.DueThisWeek, Is.EqualTo(expected.DueThisWeek), change);
            Assert.That(kept.Overdue, Is.EqualTo(expected.Overdue), change);
            Assert.That(kept.Reviews, Is.EqualTo(expected.Reviews), change);
        }

        // By hand: on hold by status alone, with no clock event, Overdue7 is still 7 working days late; the
        // street lighting case is closed; the grit bins clock is stopped (its clarification is unanswered); the
        // reopened libraries case (received 20 Feb) is due Thu 20 Mar, next week; the former review is no review.
        var last = await dashboard.BuildAsync(CancellationToken.None);
        Assert.That(last.Overdue.Select(c => (c.Reference, c.Status, c.WorkingDaysOverdue)), Is.EqualTo(new[] { (cases.Overdue7, "on-hold", 7) }));
        Assert.That(last.DueThisWeek, Is.Empty);
        Assert.That(last.Reviews, Is.Empty);
    }
}

