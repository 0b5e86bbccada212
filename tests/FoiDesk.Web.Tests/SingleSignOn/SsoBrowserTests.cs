using FoiDesk.Accounts;
using FoiDesk.Web.Tests.Browser;
using FoiDesk.Web.Tests.Support;
using Microsoft.Playwright;

namespace FoiDesk.Web.Tests.SingleSignOn;

/// <summary>
/// Issue 16, must show: single sign-on in Chromium against the in-process OpenIddict provider (discovery, code
/// flow with PKCE, form_post, JWKS, end session). Click the button, sign in at the provider's form, land on the
/// role's start page; an unmapped person is refused; signing out goes through the provider; with local passwords
/// off only the break-glass administrator may use a password.
/// </summary>
[Category("browser")]
[NonParallelizable]
public sealed class SsoBrowserTests
{
    private SsoTestApp _sso = null!;
    private SsoTestApp _passwordsOff = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        Assert.That(File.Exists(BrowserFixture.ChromiumPath), Is.True, "run ops/lib/install-browser.sh");
        _sso = await SsoTestApp.StartAsync();
        _passwordsOff = await SsoTestApp.StartAsync(configure: c =>
        {
            c["FoiDesk:Auth:LocalPasswords"] = "off";
            c["FoiDesk:Auth:BreakGlassAccounts:0"] = TestWebApp.EmailFor(Roles.Admin);
        });
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = BrowserFixture.ChromiumPath, Headless = true, Args = BrowserFixture.ChromiumArgs });
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _passwordsOff.DisposeAsync();
        await _sso.DisposeAsync();
    }

    [TestCase("FoiDesk.IgOfficer", "/cases")]
    [TestCase("FoiDesk.Commissioner", "/my-questions")]
    [TestCase("FoiDesk.Manager", "/dashboard")]
    [TestCase("FoiDesk.Admin", "/admin/accounts")]
    public async Task Sso_RoleClaim_LandsOnTheRolesStartPage(string appRole, string startPage)
    {
        var user = _sso.Provider.Add(new ProviderUser($"user{appRole.Split('.')[1].ToLowerInvariant()}", [appRole]));
        var page = await NewPageAsync(_sso);

        await SignInAtProviderAsync(page, user.Login);

        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == startPage);
        await BrowserFixture.ScreenshotAsync(page, $"sso-{appRole}");
        Assert.That(await page.GetByRole(AriaRole.Navigation, new() { Name = "Menu" }).GetByRole(AriaRole.Button, new() { Name = "Sign out" }).IsVisibleAsync(), Is.True);
    }

    [Test]
    public async Task Sso_NoMappedGroup_RefusedWithClearPage()
    {
        var user = _sso.Provider.Add(new ProviderUser("outsider", ["Payroll.Viewer"]));
        var page = await NewPageAsync(_sso);

        await SignInAtProviderAsync(page, user.Login);

        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/sso/complete");
        Assert.That(await page.Locator("#sso-problem").InnerTextAsync(), Does.Contain("has no FoiDesk role"));
        await page.GotoAsync("/my-questions");
        Assert.That(new Uri(page.Url).AbsolutePath, Is.EqualTo("/sign-in"));
    }

    [Test]
    public async Task Sso_SignOut_GoesThroughProviderEndSession()
    {
        var user = _sso.Provider.Add(new ProviderUser("leaver", ["FoiDesk.Manager"]));
        var page = await NewPageAsync(_sso);
        await SignInAtProviderAsync(page, user.Login);
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/dashboard");
        var before = _sso.Provider.EndSessions.Count;

        await page.GotoAsync("/sign-out");
        await BrowserFixture.NavigateAsync(page, page.Locator("#main-content").GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true }));
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/sign-out");

        Assert.That(await page.GetByRole(AriaRole.Heading, new() { Name = "You are signed out" }).IsVisibleAsync(), Is.True);
        Assert.That(_sso.Provider.EndSessions.Skip(before).Select(e => e.HadIdTokenHint), Is.EqualTo(new[] { true }));
        // The provider's session ended too: signing in again asks for the provider's login form.
        await page.GotoAsync("/sign-in");
        await BrowserFixture.NavigateAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Sign in with Test Provider" }));
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/login");
    }

    [Test]
    public async Task LocalPasswordsOff_LocalUserRefused()
    {
        var page = await NewPageAsync(_passwordsOff);
        Assert.That(await page.GetByLabel("Password").CountAsync(), Is.Zero, "no password form while local passwords are off");
        Assert.That(await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with Test Provider" }).IsVisibleAsync(), Is.True);

        await BrowserFixture.NavigateAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Emergency administrator sign-in" }));
        await BrowserFixture.ScreenshotAsync(page, "sso-break-glass-form");
        await page.GetByLabel("Email address").FillAsync(TestWebApp.EmailFor(Roles.Commissioner));
        await page.GetByLabel("Password").FillAsync(TestWebApp.Password);
        await BrowserFixture.NavigateAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }));
        await BrowserFixture.ScreenshotAsync(page, "sso-local-passwords-off-refused");
        Assert.That(await page.Locator(".govuk-error-summary").InnerTextAsync(), Does.Contain("Enter a correct email address and password"));
    }

    [Test]
    public async Task LocalPasswordsOff_BreakGlassAdminAdmitted()
    {
        var page = await NewPageAsync(_passwordsOff);
        await BrowserFixture.NavigateAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Emergency administrator sign-in" }));
        // First a local account that is not break-glass, refused; then the administrator on the re-shown form.
        await page.GetByLabel("Email address").FillAsync(TestWebApp.EmailFor(Roles.Manager));
        await page.GetByLabel("Password").FillAsync(TestWebApp.Password);
        await BrowserFixture.NavigateAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }));
        Assert.That(await page.Locator(".govuk-error-summary").InnerTextAsync(), Does.Contain("Enter a correct email address and password"));

        await page.GetByLabel("Email address").FillAsync(TestWebApp.EmailFor(Roles.Admin));
        await page.GetByLabel("Password").FillAsync(TestWebApp.Password);
        await BrowserFixture.NavigateAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }));
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/admin/accounts");
        await BrowserFixture.ScreenshotAsync(page, "sso-break-glass-admitted");
        Assert.That(await page.GetByRole(AriaRole.Navigation, new() { Name = "Menu" }).GetByRole(AriaRole.Button, new() { Name = "Sign out" }).IsVisibleAsync(), Is.True);
    }

    private async Task<IPage> NewPageAsync(SsoTestApp app)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.App.BaseAddress.ToString(), Locale = "en-GB" });
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(60_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/sign-in");
        return page;
    }

    /// <summary>From FoiDesk's sign-in page: the SSO button, the provider's login form, and back (form_post).</summary>
    private static async Task SignInAtProviderAsync(IPage page, string login)
    {
        await BrowserFixture.NavigateAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Sign in with Test Provider" }));
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/login");
        await page.GetByLabel("Username").FillAsync(login);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue at provider" }).ClickAsync();
    }
}
