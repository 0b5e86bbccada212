using System.Net;
using System.Text.RegularExpressions;
using FoiDesk.Reporting;
using FoiDesk.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace FoiDesk.Web.Tests.Manager;

public sealed partial class DashboardPageTests
{
    [Test]
    public async Task Dashboard_OverdueCase_ShowsWorkingAndCalendarDaysOverdue()
    {
        await using var app = await TestWebApp.StartAsync();
        var cases = await ReportingFixture.SeedAsync(app);

        var report = await app.Services.GetRequiredService<DashboardReport>().BuildAsync(CancellationToken.None);

        var overdue = report.Overdue.Single(c => c.Reference == cases.Overdue7);
        Assert.That((overdue.Due, overdue.WorkingDaysOverdue, overdue.CalendarDaysOverdue, overdue.Ageing), Is.EqualTo((new DateOnly(2025, 3, 3), 7, 9, false)));
        var ageing = report.Overdue.Single(c => c.Reference == cases.Ageing);
        Assert.That((ageing.Due, ageing.WorkingDaysOverdue, ageing.WorkingDaysOpen, ageing.Ageing), Is.EqualTo((new DateOnly(2025, 1, 30), 29, 49, true)));
        Assert.That(report.DueThisWeek.Select(c => c.Reference), Is.EqualTo(new[] { cases.DueFriday }));

        using var http = await app.ClientAsync("manager");
        var page = await http.GetStringAsync(new Uri("/dashboard", UriKind.Relative));
        Assert.That(Normalise(page), Does.Contain($"{cases.Overdue7}</a></td> <td class=\"govuk-table__cell\">Pothole repairs</td> <td class=\"govuk-table__cell\">3 Mar 2025</td> <td class=\"govuk-table__cell govuk-table__cell--numeric\">7</td> <td class=\"govuk-table__cell govuk-table__cell--numeric\">9</td>"));
        Assert.That(page, Does.Contain("Over 40 working days"));
    }

    [Test]
    public async Task Dashboard_AnsweredCases_OnTimeRateByMonthTeamAndCommissioner()
    {
        await using var app = await TestWebApp.StartAsync();
        await ReportingFixture.SeedAsync(app);
        // TimelinessSummaryJob's work (the test app runs no scheduler).
        await app.Services.GetRequiredService<TimelinessSummary>().RefreshAsync(CancellationToken.None);

        var report = await app.Services.GetRequiredService<DashboardReport>().BuildAsync(CancellationToken.None);
        // Refreshing again folds nothing twice.
        await app.Services.GetRequiredService<TimelinessSummary>().RefreshAsync(CancellationToken.None);
        var again = await app.Services.GetRequiredService<DashboardReport>().BuildAsync(CancellationToken.None);

        // February: one on time (28 Feb, due 3 Mar), one late (10 Feb, due 3 Feb). March: the review, on time.
        var feb = report.Months.Single(m => m.Label == "Feb 2025");
        Assert.That((feb.Answered, feb.OnTime, feb.Rate), Is.EqualTo((2, 1, 50.0)));
        Assert.That(again.Months.Single(m => m.Label == "Feb 2025").Answered, Is.EqualTo(2));
        Assert.That(report.Quarters.Single(q => q.Label == "Q1 2025").Answered, Is.EqualTo(3));
        Assert.That(report.ByTeam.Single(), Is.EqualTo(new OnTimeRate("Highways", 2, 1, 2.0)), "allocated 2 working days after receipt, both cases");
        Assert.That(report.ByCommissioner.Single().Label, Is.EqualTo("Test commissioner"));
        Assert.That(report.ExemptionsUsed, Is.EqualTo(new[] { new Count("s43(2)", 1) }));
        Assert.That(report.Reviews, Is.EqualTo(new[] { new Count("upheld", 1) }));

        using var http = await app.ClientAsync("ig-officer");
        var page = await http.GetStringAsync(new Uri("/dashboard", UriKind.Relative));
        Assert.That(page, Does.Contain("<svg").And.Contain("ICO 90% line").And.Contain("50.0% (below 90%)"));
    }

    [Test]
    public async Task Dashboard_ManyOverdue_ShowsTheMostOverdueFirstAndLinksToAll()
    {
        await using var app = await TestWebApp.StartAsync();
        var cases = await ReportingFixture.SeedAsync(app);
        // 60 more received Mon 10 Feb, due Mon 10 Mar: 2 working days overdue, less than the fixture's two.
        await CaseFixtures.ExecuteAsync(app, """
            insert into foi_case (reference, classification, classification_confirmed, regime, status, subject, received_at, created_at)
            select 'FOI-2025-9' || lpad(n::text, 4, '0'), 'foi', true, 'foia', 'open', 'Bulk', timestamptz '2025-02-10 10:00Z', timestamptz '2025-02-10 10:00Z'
            from generate_series(1, 60) n
            """);
        using var http = await app.ClientAsync("manager");

        var page = await http.GetStringAsync(new Uri("/dashboard", UriKind.Relative));
        var all = await http.GetStringAsync(new Uri("/dashboard?all=true", UriKind.Relative));

        Assert.That(page, Does.Contain("Overdue (62)").And.Contain("Show all 62 overdue cases"));
        Assert.That(Section(page, "overdue"), Does.Contain(cases.Ageing).And.Contain(cases.Overdue7), "most overdue first");
        Assert.That(CountOf(Section(page, "overdue"), "FOI-2025-9"), Is.EqualTo(48 * 2), "50 rows: the two most overdue, then 48 of these");
        Assert.That(CountOf(Section(all, "overdue"), "FOI-2025-9"), Is.EqualTo(60 * 2), "a link and its text per case");
        Assert.That(all, Does.Not.Contain("Show all"));
    }

    private static string Section(string html, string id) =>
        html[html.IndexOf($"id=\"{id}\"", StringComparison.Ordinal)..html.IndexOf("id=\"due-this-week\"", StringComparison.Ordinal)];

    private static int CountOf(string text, string part) => text.Split(part).Length - 1;

    [TestCase("commissioner")]
    [TestCase("admin")]
    public async Task Dashboard_NotAManager_IsRefused(string role)
    {
        await using var app = await TestWebApp.StartAsync();
        using var http = await app.ClientAsync(role);

        using var response = await http.GetAsync(new Uri("/dashboard", UriKind.Relative));

        Assert.That(response.Headers.Location?.ToString(), Does.Contain("access-denied"));
    }

    private static string Normalise(string html) => Whitespace().Replace(html, " ");

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
