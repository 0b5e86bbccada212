using FoiDesk.Accounts;
using Microsoft.Playwright;

namespace FoiDesk.Web.Tests.Browser;

/// <summary>The main pages in a real browser: sign-in, start pages, the case list, API tokens; screenshots of each.</summary>
[Category("browser")]
[NonParallelizable]
public sealed class BrowserTests
{
    private BrowserFixture _browser = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _browser = await BrowserFixture.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
    }

    [Test]
    public async Task SignInPage_Anonymous_ShowsForm()
    {
        var page = await _browser.NewPageAsync();

        await page.GotoAsync("/sign-in");
        await BrowserFixture.ScreenshotAsync(page, "sign-in");

        Assert.That(await page.TitleAsync(), Does.StartWith("Sign in"));
        Assert.That(await page.GetByLabel("Email address").IsVisibleAsync(), Is.True);
        Assert.That(await page.GetByLabel("Password").IsVisibleAsync(), Is.True);
    }

    [Test]
    public async Task SignIn_WrongPassword_ShowsErrorSummary()
    {
        var page = await _browser.NewPageAsync();
        await page.GotoAsync("/sign-in");

        await page.GetByLabel("Email address").FillAsync("ig-officer@test.foidesk.local");
        await page.GetByLabel("Password").FillAsync("not the password at all");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        // The click returns before the answer has loaded: wait for it, not for the old page.
        await page.Locator(".govuk-error-summary").WaitForAsync();

        Assert.That(await page.TitleAsync(), Does.StartWith("Error: Sign in"));
        Assert.That(await page.Locator(".govuk-error-summary").TextContentAsync(), Does.Contain("Enter a correct email address and password"));
    }

    // Each role's day starts where its work is (Pages/Index.cshtml.cs); the seed case awaits triage.
    [TestCase(Roles.IgOfficer, "/triage")]
    [TestCase(Roles.Manager, "/dashboard")]
    [TestCase(Roles.Commissioner, "/my-questions")]
    [TestCase(Roles.Admin, "/admin/accounts")]
    public async Task SignIn_AsRole_LandsOnStartPage(string role, string startPage)
    {
        var page = await _browser.SignInAsync(role, throughForm: true);

        await BrowserFixture.ScreenshotAsync(page, $"start-{role}");

        Assert.That(new Uri(page.Url).AbsolutePath, Is.EqualTo(startPage));
        Assert.That(await page.Locator("footer").TextContentAsync(), Does.Contain($"Signed in as {role}@"));
    }

    [Test]
    public async Task CaseList_Officer_ShowsSeedCase()
    {
        var page = await _browser.SignInAsync(Roles.IgOfficer);

        await page.GotoAsync("/cases");
        await BrowserFixture.ScreenshotAsync(page, "cases");

        var row = page.Locator("tbody tr", new() { HasText = _browser.CaseReference });
        Assert.That(await row.CountAsync(), Is.EqualTo(1));
        Assert.That(await row.TextContentAsync(), Does.Contain("Social"));
    }

    [Test]
    public async Task ApiTokens_Create_ShownOnceThenListedAndRevocable()
    {
        var page = await _browser.SignInAsync(Roles.Manager);
        await page.GotoAsync("/account/api-tokens");

        await page.GetByLabel("Name").FillAsync("browser test script");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create token" }).ClickAsync();
        var secret = await page.Locator("#new-token").TextContentAsync();
        await BrowserFixture.ScreenshotAsync(page, "api-tokens");
        await page.GotoAsync("/account/api-tokens");
        var shownAgain = await page.Locator("#new-token").CountAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Revoke browser test script" }).ClickAsync();
        await page.Locator(".govuk-notification-banner").WaitForAsync();

        Assert.That(secret, Does.StartWith(ApiTokenStore.Prefix));
        Assert.That(shownAgain, Is.Zero);
        Assert.That(await page.Locator("tbody tr", new() { HasText = "browser test script" }).TextContentAsync(), Does.Contain("Revoked"));
    }

    [Test]
    public async Task MainPages_Officer_NoContentSecurityPolicyViolations()
    {
        var page = await _browser.SignInAsync(Roles.IgOfficer);
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add($"{page.Url}: {message.Text}");
            }
        };

        foreach (var path in new[] { "/cases", "/account/api-tokens", "/account/change-password" })
        {
            await page.GotoAsync(path);
        }

        // Chromium reports each blocked inline script or style as a console error.
        Assert.That(errors, Is.Empty);
    }
}
