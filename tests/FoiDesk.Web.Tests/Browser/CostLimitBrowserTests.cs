using FoiDesk.Accounts;
using FoiDesk.Cases;
using FoiDesk.Web.Tests.Requesters;
using FoiDesk.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static FoiDesk.Web.Tests.Pages.OfficerTestData;

namespace FoiDesk.Web.Tests.Browser;

/// <summary>
/// Issue 19 in a real browser: a commissioner's estimate on their question page takes the case past the appropriate
/// limit (FOIA s.12, Fees Regulations 2004), and the IG officer sees the proposed refusal; the requester's other cases
/// are shown to the IG officer only.
/// </summary>
[Category("browser")]
[NonParallelizable]
public sealed class CostLimitBrowserTests
{
    private BrowserFixture _browser = null!;
    private CaseRow _case = null!;
    private CaseRow _earlier = null!;
    private long _questionId;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        var app = await TestWebApp.StartAsync();
        try
        {
            var team = await TeamIdAsync(app, "Finance");
            await app.Services.GetRequiredService<Teams>().AddMemberAsync(team, TestWebApp.EmailFor(Roles.Commissioner), CancellationToken.None);
            var received = new DateTimeOffset(2025, 3, 3, 10, 0, 0, TimeSpan.Zero);
            _earlier = await RequesterCases.OpenAsync(app, "Pat Example", "pat@example.org", received.AddDays(-2), ["Street trees felled in 2024"]);
            _case = await RequesterCases.OpenAsync(app, "Pat Example", "pat@example.org", received, ["Every invoice paid to consultants since 2010"]);
            _questionId = (await app.Services.GetRequiredService<CaseStore>().QuestionsAsync(_case.Id, CancellationToken.None))[0].Id;
            await app.Services.GetRequiredService<QuestionWork>().AssignAsync(_case, _questionId, team, null, "test", CancellationToken.None);
            _browser = await BrowserFixture.LaunchAsync(app, _case.Reference);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
    }

    [Test]
    public async Task Estimate_CommissionerPastTheLimit_OfficerSeesSection12Proposal()
    {
        var commissioner = await _browser.SignInAsync(Roles.Commissioner);
        await commissioner.GotoAsync($"/my-questions/{_questionId}");
        await commissioner.GetByLabel("Determining whether the information is held").FillAsync("1");
        await commissioner.GetByLabel("Locating the information").FillAsync("8");
        await commissioner.GetByLabel("Retrieving the information").FillAsync("6.5");
        await commissioner.GetByLabel("Extracting the information").FillAsync("4");
        await commissioner.GetByLabel("How you estimated it").FillAsync("sampled 20 files");
        await BrowserFixture.NavigateAsync(commissioner, commissioner.GetByRole(AriaRole.Button, new() { Name = "Save the estimate" }));
        Assert.That(await commissioner.ContentAsync(), Does.Contain("19.5 hours"));

        var officer = await _browser.SignInAsync(Roles.IgOfficer);
        await officer.GotoAsync($"/cases/{_case.Reference}/cost-limit");

        Assert.That(await officer.GetByText("Over the limit").First.IsVisibleAsync(), Is.True, await officer.ContentAsync());
        var proposal = officer.Locator("#proposal-letter");
        Assert.That(await proposal.IsVisibleAsync(), Is.True);
        Assert.That(await proposal.InnerTextAsync(), Does.Contain("section 12"));
        await BrowserFixture.ScreenshotAsync(officer, "cost-limit-proposal");
    }

    [TestCase(Roles.IgOfficer, true)]
    [TestCase(Roles.Manager, false)]
    [TestCase(Roles.Commissioner, false)]
    public async Task CasePage_RequesterHistory_ShownToIgOfficerOnly(string role, bool shown)
    {
        var page = await _browser.SignInAsync(role);
        await page.GotoAsync($"/cases/{_case.Reference}");

        var panel = page.Locator("#requester-history");
        Assert.That(await panel.CountAsync(), Is.EqualTo(shown ? 1 : 0), $"{role} on {page.Url}");
        Assert.That(await page.GetByText(_earlier.Reference).CountAsync(), shown ? Is.GreaterThan(0) : Is.Zero);
        if (shown)
        {
            Assert.That(await panel.IsVisibleAsync(), Is.True);
        }
    }
}
