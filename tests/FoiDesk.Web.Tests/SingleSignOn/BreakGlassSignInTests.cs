using System.Net;
using FoiDesk.Accounts;
using FoiDesk.Web.Tests.Support;

namespace FoiDesk.Web.Tests.SingleSignOn;

/// <summary>
/// Issue 16, local passwords off, without a browser: a named break-glass administrator still signs in with the
/// password through the emergency form (so the council can get in when the provider is down), and any other local
/// account gets the same message as a wrong password, no session and no hint that the account exists.
/// </summary>
public sealed class BreakGlassSignInTests
{
    private const string Generic = "Enter a correct email address and password";
    private SsoTestApp _passwordsOff = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _passwordsOff = await SsoTestApp.StartAsync(configure: c =>
        {
            c["FoiDesk:Auth:LocalPasswords"] = "off";
            c["FoiDesk:Auth:BreakGlassAccounts:0"] = TestWebApp.EmailFor(Roles.Admin);
        });
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _passwordsOff.DisposeAsync();

    [Test]
    public async Task LocalPasswordsOff_SignInPage_NoPasswordFormOnlyTheEmergencyLink()
    {
        using var http = SsoTestApp.NewClient();

        var page = await http.GetStringAsync(new Uri(_passwordsOff.App.BaseAddress, "/sign-in"));
        var emergency = await http.GetStringAsync(new Uri(_passwordsOff.App.BaseAddress, "/sign-in?breakGlass=true"));

        Assert.Multiple(() =>
        {
            Assert.That(page, Does.Not.Contain("name=\"Password\""));
            Assert.That(page, Does.Contain("Emergency administrator sign-in"));
            Assert.That(emergency, Does.Contain("name=\"Password\""));
            Assert.That(emergency, Does.Contain("name=\"BreakGlass\" value=\"true\""));
        });
    }

    [Test]
    public async Task LocalPasswordsOff_EmergencyLink_KeepsWhereTheAdministratorWasGoing()
    {
        using var http = SsoTestApp.NewClient();

        var page = await http.GetStringAsync(new Uri(_passwordsOff.App.BaseAddress, "/sign-in?ReturnUrl=%2Fadmin%2Ftwo-step"));

        Assert.That(page, Does.Contain("href=\"/sign-in?breakGlass=true&amp;returnUrl=%2Fadmin%2Ftwo-step\""));
    }

    [Test]
    public async Task LocalPasswordsOff_BreakGlassAdminPassword_SignedInAtAdminStartPage()
    {
        using var http = SsoTestApp.NewClient();

        using var posted = await PostPasswordAsync(http, TestWebApp.EmailFor(Roles.Admin), TestWebApp.Password);
        using var landed = await SsoTestApp.FollowAsync(http, await http.GetAsync(new Uri(_passwordsOff.App.BaseAddress, posted.Headers.Location!)));

        Assert.That(posted.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await posted.Content.ReadAsStringAsync());
        Assert.That(landed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(landed.RequestMessage!.RequestUri!.AbsolutePath, Is.EqualTo("/admin/accounts"));
    }

    [Test]
    public async Task LocalPasswordsOff_NonBreakGlassLocalUser_RefusedWithGenericMessageAndNoSession()
    {
        using var http = SsoTestApp.NewClient();

        using var refused = await PostPasswordAsync(http, TestWebApp.EmailFor(Roles.Commissioner), TestWebApp.Password);
        var body = await refused.Content.ReadAsStringAsync();

        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body, Does.Contain(Generic));
        using var afterwards = await http.GetAsync(new Uri(_passwordsOff.App.BaseAddress, "/my-questions"));
        Assert.That(afterwards.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(afterwards.Headers.Location!.OriginalString, Does.Contain("/sign-in"));
    }

    [Test]
    public async Task LocalPasswordsOff_BreakGlassAdminWrongPassword_SameMessageAsRefusedLocalUser()
    {
        using var http = SsoTestApp.NewClient();

        using var wrong = await PostPasswordAsync(http, TestWebApp.EmailFor(Roles.Admin), "not the password");

        Assert.That(wrong.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await wrong.Content.ReadAsStringAsync(), Does.Contain(Generic));
    }

    [Test]
    public async Task LocalPasswordsOff_RefusedThenBreakGlassAdminOnSameForm_SignedIn()
    {
        // As a person at the browser does it: a wrong account first, then the administrator on the re-shown form.
        using var http = SsoTestApp.NewClient();
        using var refused = await PostPasswordAsync(http, TestWebApp.EmailFor(Roles.Manager), TestWebApp.Password);
        var again = await refused.Content.ReadAsStringAsync();

        using var posted = await PostFormAsync(http, again, TestWebApp.EmailFor(Roles.Admin), TestWebApp.Password);

        Assert.That(posted.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await posted.Content.ReadAsStringAsync());
        using var landed = await SsoTestApp.FollowAsync(http, await http.GetAsync(new Uri(_passwordsOff.App.BaseAddress, posted.Headers.Location!)));
        Assert.That(landed.RequestMessage!.RequestUri!.AbsolutePath, Is.EqualTo("/admin/accounts"));
    }

    /// <summary>Opens the emergency form through its link and posts it back, hidden fields and all.</summary>
    private async Task<HttpResponseMessage> PostPasswordAsync(HttpClient http, string email, string password)
    {
        var form = await http.GetStringAsync(new Uri(_passwordsOff.App.BaseAddress, "/sign-in?breakGlass=true"));
        return await PostFormAsync(http, form, email, password);
    }

    private async Task<HttpResponseMessage> PostFormAsync(HttpClient http, string form, string email, string password)
    {
        Assert.That(form, Does.Contain("name=\"BreakGlass\" value=\"true\""), "the form carries the break-glass flag back");
        using var body = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email,
            ["Password"] = password,
            ["BreakGlass"] = "true",
            ["ReturnUrl"] = "",
            ["__RequestVerificationToken"] = TestWebApp.AntiforgeryToken(form),
        });
        return await http.PostAsync(new Uri(_passwordsOff.App.BaseAddress, "/sign-in?breakGlass=true"), body);
    }
}
