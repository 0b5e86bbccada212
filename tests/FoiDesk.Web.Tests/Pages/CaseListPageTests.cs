using System.Text.RegularExpressions;
using FoiDesk.Cases;
using FoiDesk.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static FoiDesk.Web.Tests.Pages.OfficerTestData;

namespace FoiDesk.Web.Tests.Pages;

/// <summary>The case list's filters, order and pages, with each case's statutory date and working days left.</summary>
public sealed partial class CaseListPageTests
{
    // Monday 14 April 2025, 10:00 London. Easter: Good Friday 18 and Easter Monday 21 April are bank holidays.
    private static readonly DateTimeOffset Today = new(2025, 4, 14, 9, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task CaseList_Filters_StatusTeamRegimeDueWithinOverdueAndSortByDue()
    {
        await using var app = await TestWebApp.StartAsync(Today);
        using var officer = await app.ClientAsync("ig-officer");
        // Late: received Monday 10 March, due Tuesday 8 April. Soon: received Monday 24 March, due Wednesday 23 April
        // (20 working days over Easter), 5 working days from today. NoClock: not yet classified, so no date.
        var late = await OpenCaseAsync(app, "Late request", "foia", new DateTimeOffset(2025, 3, 10, 9, 0, 0, TimeSpan.Zero));
        var soon = await OpenCaseAsync(app, "Soon request", "foia", new DateTimeOffset(2025, 3, 24, 9, 0, 0, TimeSpan.Zero));
        var noClock = await OpenCaseAsync(app, "Unclassified request", null, new DateTimeOffset(2025, 4, 11, 9, 0, 0, TimeSpan.Zero));
        var questions = await app.Services.GetRequiredService<CaseStore>().QuestionsAsync(soon.Id, CancellationToken.None);
        var finance = await TeamIdAsync(app, "Finance");
        await app.Services.GetRequiredService<QuestionWork>().AssignAsync(soon, questions[0].Id, finance, null, "test", CancellationToken.None);

        var all = await officer.GetStringAsync(new Uri("/cases", UriKind.Relative));
        var lateRow = Row(all, late.Reference);
        var soonRow = Row(all, soon.Reference);

        Assert.That(References(all), Is.EqualTo(new[] { noClock.Reference, soon.Reference, late.Reference }), "newest received first");
        Assert.That(lateRow, Does.Contain("8 Apr 2025").And.Contain("Overdue by 4"));
        Assert.That(soonRow, Does.Contain("23 Apr 2025").And.Match(@"<td class=""govuk-table__cell"">\s*5\s*</td>"));
        Assert.That(Row(all, noClock.Reference), Does.Contain("No clock"));
        Assert.That(References(await officer.GetStringAsync(new Uri("/cases?sort=due", UriKind.Relative))), Is.EqualTo(new[] { late.Reference, soon.Reference, noClock.Reference }));
        Assert.That(References(await officer.GetStringAsync(new Uri("/cases?overdue=true", UriKind.Relative))), Is.EqualTo(new[] { late.Reference }));
        Assert.That(References(await officer.GetStringAsync(new Uri("/cases?within=5&sort=due", UriKind.Relative))), Is.EqualTo(new[] { late.Reference, soon.Reference }));
        Assert.That(References(await officer.GetStringAsync(new Uri("/cases?within=4", UriKind.Relative))), Is.EqualTo(new[] { late.Reference }));
        Assert.That(References(await officer.GetStringAsync(new Uri($"/cases?team={finance}", UriKind.Relative))), Is.EqualTo(new[] { soon.Reference }));
        Assert.That(References(await officer.GetStringAsync(new Uri("/cases?regime=foia", UriKind.Relative))), Is.EquivalentTo(new[] { late.Reference, soon.Reference }));
        Assert.That(References(await officer.GetStringAsync(new Uri("/cases?status=new", UriKind.Relative))), Has.Count.EqualTo(3));
        var none = await officer.GetStringAsync(new Uri("/cases?status=responded", UriKind.Relative));
        Assert.That(none, Does.Contain("No cases match these filters"));
    }

    [Test]
    public async Task CaseList_DueWithinNotANumber_ClearErrorAndTheListStillShown()
    {
        await using var app = await TestWebApp.StartAsync(Today);
        using var officer = await app.ClientAsync("ig-officer");
        var c = await OpenCaseAsync(app, regime: "foia");

        var html = await officer.GetStringAsync(new Uri("/cases?within=soon", UriKind.Relative));

        Assert.That(html, Does.Contain("govuk-error-summary").And.Contain("Enter the number of working days as a whole number").And.Contain("href=\"#within\""));
        Assert.That(References(html), Is.EqualTo(new[] { c.Reference }));
    }

    [Test]
    public async Task CaseList_MoreThanAPage_PagedWithTheFiltersKept()
    {
        await using var app = await TestWebApp.StartAsync(Today);
        using var officer = await app.ClientAsync("ig-officer");
        for (var i = 0; i < CaseList.PageSize + 2; i++)
        {
            await OpenCaseAsync(app, $"Request {i}", "foia", new DateTimeOffset(2025, 3, 10, 9, 0, 0, TimeSpan.Zero).AddMinutes(i));
        }

        var first = await officer.GetStringAsync(new Uri("/cases?sort=due", UriKind.Relative));
        var second = await officer.GetStringAsync(new Uri("/cases?sort=due&p=2", UriKind.Relative));

        Assert.That(References(first), Has.Count.EqualTo(CaseList.PageSize));
        Assert.That(References(second), Has.Count.EqualTo(2));
        Assert.That(References(first).Intersect(References(second)), Is.Empty);
        Assert.That(first, Does.Contain("page 1 of 2").And.Contain("href=\"/cases?sort=due&amp;p=2\""));
    }

    private static List<string> References(string html)
    {
        var body = html.IndexOf("<tbody", StringComparison.Ordinal);
        return body < 0 ? [] : [.. CaseLink().Matches(html[body..]).Select(m => m.Groups[1].Value)];
    }

    private static string Row(string html, string reference)
    {
        var at = html.IndexOf($"href=\"/cases/{reference}\"", StringComparison.Ordinal);
        Assert.That(at, Is.GreaterThan(0), $"{reference} listed");
        return html[at..html.IndexOf("</tr>", at, StringComparison.Ordinal)];
    }

    [GeneratedRegex("href=\"/cases/([^\"?/#]+)\"")]
    private static partial Regex CaseLink();
}
