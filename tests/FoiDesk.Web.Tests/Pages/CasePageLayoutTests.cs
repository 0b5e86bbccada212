using System.Text.RegularExpressions;
using FoiDesk.Web.Tests.Support;
using static FoiDesk.Web.Tests.Pages.OfficerTestData;

namespace FoiDesk.Web.Tests.Pages;

/// <summary>The case page leads with the work: status, due date, the next action, the questions; the rest behind details.</summary>
public sealed partial class CasePageLayoutTests
{
    [Test]
    public async Task CasePage_NewCase_LeadsWithStatusDueNextActionAndQuestionsBeforeSecondaryBlocks()
    {
        await using var app = await TestWebApp.StartAsync();
        using var officer = await app.ClientAsync("ig-officer");
        var c = await OpenCaseAsync(app, regime: "foia");

        var html = await officer.GetStringAsync(new Uri($"/cases/{c.Reference}", UriKind.Relative));

        // Received Monday 10 March 2025; today Wednesday 12 March: due Tuesday 8 April (FOIA s10(1)).
        Assert.That(Text(Element(html, "statutory-due")), Does.Contain("Tuesday 8 April 2025").And.Match(@"\(\d+ working days left\)"));
        Assert.That(Text(Element(html, "case-status")), Is.EqualTo("new"));
        Assert.That(Text(Element(html, "next-action")), Does.Contain("Confirm what this request is"));
        var order = new[] { "id=\"case-status\"", "id=\"next-action\"", "id=\"questions\"", "id=\"secondary-request\"", "id=\"secondary-publication\"", "id=\"secondary-language\"", "id=\"timeline\"" }
            .Select(marker => html.IndexOf(marker, StringComparison.Ordinal)).ToList();
        Assert.That(order, Is.All.GreaterThan(0));
        Assert.That(order, Is.Ordered, "status, next action, questions, then the secondary blocks, then the timeline");
        Assert.That(html, Does.Contain("<details class=\"govuk-details\" id=\"secondary-publication\">"), "the disclosure log block starts closed");
    }

    [Test]
    public async Task CasePage_AfterTriage_NextActionIsAssignAndTheTimelineIsASentence()
    {
        await using var app = await TestWebApp.StartAsync();
        using var officer = await app.ClientAsync("ig-officer");
        using var manager = await app.ClientAsync("manager");
        var c = await OpenCaseAsync(app, regime: "foia");

        await PostAsync(officer, $"/cases/{c.Reference}", $"/cases/{c.Reference}?handler=confirm", new() { ["classification"] = "foi" });
        var html = await officer.GetStringAsync(new Uri($"/cases/{c.Reference}", UriKind.Relative));
        var managerView = await manager.GetStringAsync(new Uri($"/cases/{c.Reference}", UriKind.Relative));

        Assert.That(Text(Element(html, "next-action")), Does.Contain("Assign questions 1-2"));
        Assert.That(Text(Element(managerView, "next-action")), Does.Contain("Waiting for answers: 0 of 2 submitted"), "a manager cannot assign: nothing to click");
        var timeline = Text(Element(html, "timeline"));
        Assert.That(timeline, Does.Contain("Confirmed as Freedom of Information (FOIA) by Test ig-officer").And.Contain("the case is now open"));
        Assert.That(timeline, Does.Not.Contain("{").And.Not.Contain("classification-confirmed"), "sentences, not JSON");
    }

    [Test]
    public async Task CasePage_RequesterError_OpensTheRequesterDetails()
    {
        await using var app = await TestWebApp.StartAsync();
        using var officer = await app.ClientAsync("ig-officer");
        var c = await OpenCaseAsync(app, regime: "foia");
        await PostAsync(officer, $"/cases/{c.Reference}", $"/cases/{c.Reference}?handler=confirm", new() { ["classification"] = "foi" });

        var response = await PostAsync(officer, $"/cases/{c.Reference}", $"/cases/{c.Reference}?handler=duplicate", new() { ["duplicateOf"] = "" });
        var html = await response.Content.ReadAsStringAsync();

        Assert.That(html, Does.Contain("govuk-error-summary"));
        Assert.That(html, Does.Contain("id=\"secondary-requester\" open=\"open\""), "the field the error links to is visible");
    }

    /// <summary>The element with the id, from its opening tag to the end of the page (enough for Text to read its start).</summary>
    private static string Element(string html, string id)
    {
        var at = html.IndexOf($"id=\"{id}\"", StringComparison.Ordinal);
        Assert.That(at, Is.GreaterThan(0), $"#{id} on the page");
        var start = html.LastIndexOf('<', at);
        var tag = TagName().Match(html, start + 1).Value;
        var end = html.IndexOf($"</{tag}>", at, StringComparison.Ordinal);
        return html[start..(end + tag.Length + 3)];
    }

    private static string Text(string html) => Space().Replace(System.Net.WebUtility.HtmlDecode(Tags().Replace(html, " ")), " ").Trim();

    [GeneratedRegex("[a-z0-9]+")]
    private static partial Regex TagName();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Space();
}
