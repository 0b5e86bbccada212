using FoiDesk.Accounts;
using FoiDesk.Web.Tests.Support;
using Microsoft.Playwright;
using OtpNet;

namespace FoiDesk.Web.Tests.Browser;

/// <summary>
/// Two-step verification in a real browser (issue 16, MFA): enrol on the page from the key it shows, sign out,
/// then sign in with the password and a code the test computes from that key, as an authenticator app would.
/// </summary>
[Category("browser")]
[NonParallelizable]
public sealed class TwoStepBrowserTests
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
    public async Task TwoStep_EnrolSignOutSignIn_WithCodeFromShownKey()
    {
        var page = await _browser.SignInThroughFormAsync(TestWebApp.EmailFor(Roles.Manager));
        await page.GotoAsync("/account/two-step");
        await BrowserFixture.NavigateAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Set up two-step verification" }));
        var key = (await page.Locator("#totp-key").TextContentAsync())!.Trim();
        Assert.That(await page.GetByAltText("QR code holding your key; the same key is written below").IsVisibleAsync(), Is.True);
        await BrowserFixture.ScreenshotAsync(page, "two-step-enrol");

        await page.GetByLabel("Code from your app").FillAsync(Code(key));
        await BrowserFixture.NavigateAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Turn on two-step verification" }));
        Assert.That(await page.Locator("#recovery-codes li").CountAsync(), Is.EqualTo(10));
        await BrowserFixture.NavigateAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).First);
        Assert.That(await page.ContentAsync(), Does.Contain("You are signed out"));

        // The next 30-second step: the code used to enrol cannot be used again.
        _browser.App.Time.Advance(TimeSpan.FromSeconds(30));
        var again = await _browser.NewPageAsync();
        await again.GotoAsync("/sign-in");
        await again.GetByLabel("Email address").FillAsync(TestWebApp.EmailFor(Roles.Manager));
        await again.GetByLabel("Password").FillAsync(TestWebApp.Password);
        await BrowserFixture.NavigateAsync(again, again.GetByRole(AriaRole.Button, new() { Name = "Sign in" }));
        Assert.That(new Uri(again.Url).AbsolutePath, Is.EqualTo("/sign-in/two-step"));
        await again.GetByLabel("Code from your authenticator app").FillAsync(Code(key));
        await BrowserFixture.NavigateAsync(again, again.GetByRole(AriaRole.Button, new() { Name = "Continue" }));

        Assert.That(new Uri(again.Url).AbsolutePath, Is.EqualTo("/dashboard"), "signed in, on the manager's start page");
    }

    private string Code(string key) => new Totp(Base32Encoding.ToBytes(key)).ComputeTotp(_browser.App.Time.GetUtcNow().UtcDateTime);
}
