using System.Net;
using FoiDesk.Cases;
using FoiDesk.Web.Tests.Requesters;
using FoiDesk.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static FoiDesk.Web.Tests.Pages.OfficerTestData;

namespace FoiDesk.Web.Tests.CostLimit;

/// <summary>The estimate form on the answer page, through to the over-limit proposal on the officer's cost limit page (HTTP, not the browser).</summary>
public sealed class CostLimitPageTests
{
    [Test]
    public async Task EstimateForm_CommissionerPastTheLimit_OfficerSeesProposedSection12Refusal()
    {
        await using var app = await TestWebApp.StartAsync();
        var team = await TeamIdAsync(app, "Finance");
        await app.Services.GetRequiredService<Teams>().AddMemberAsync(team, TestWebApp.EmailFor("commissioner"), CancellationToken.None);
        var c = await RequesterCases.OpenAsync(app, "Pat Example", "pat@example.org", new DateTimeOffset(2025, 3, 3, 10, 0, 0, TimeSpan.Zero), ["Every invoice paid to consultants since 2010"]);
        var q = (await app.Services.GetRequiredService<CaseStore>().QuestionsAsync(c.Id, CancellationToken.None))[0];
        await app.Services.GetRequiredService<QuestionWork>().AssignAsync(c, q.Id, team, null, "test", CancellationToken.None);
        using var commissioner = await app.ClientAsync("commissioner");
        using var officer = await app.ClientAsync("ig-officer");

        var saved = await PostAsync(commissioner, $"/my-questions/{q.Id}", $"/my-questions/{q.Id}/estimate", new()
        {
            ["Form.Determining"] = "1", ["Form.Locating"] = "8", ["Form.Retrieving"] = "6.5", ["Form.Extracting"] = "4", ["Form.Basis"] = "sampled 20 files",
        });
        var bad = await PostAsync(commissioner, $"/my-questions/{q.Id}", $"/my-questions/{q.Id}/estimate", new() { ["Form.Locating"] = "lots" });
        var answerPage = await commissioner.GetStringAsync(new Uri($"/my-questions/{q.Id}", UriKind.Relative));
        var costPage = await officer.GetStringAsync(new Uri($"/cases/{c.Reference}/cost-limit", UriKind.Relative));

        Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(await bad.Content.ReadAsStringAsync(), Does.Contain("must be a number"));
        Assert.That(answerPage, Does.Contain("19.5 hours"), "the bad second attempt changed nothing");
        Assert.That(costPage, Does.Contain("Over the limit").And.Contain("id=\"proposal-letter\"").And.Contain("section 12"));
    }
}
