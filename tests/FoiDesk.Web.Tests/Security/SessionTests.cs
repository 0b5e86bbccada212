using System.Net;
using FoiDesk.Accounts;
using FoiDesk.Web.Tests.Authorization;
using FoiDesk.Web.Tests.Manager;
using FoiDesk.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace FoiDesk.Web.Tests.Security;

/// <summary>
/// Issue 16, H1: sessions that can be ended. On the old code roles lived in the cookie and were never checked
/// again, so every test here found the old session still working.
/// </summary>
public sealed class SessionTests
{
    /// <summary>Longer than the 30-second cache of the server's answer about a session.</summary>
    private static readonly TimeSpan PastCheckWindow = TimeSpan.FromSeconds(31);

    private TestWebApp _app = null!;

    [SetUp]
    public async Task StartAsync() => _app = await TestWebApp.StartAsync();

    [TearDown]
    public async Task StopAsync() => await _app.DisposeAsync();

    // Old code: the disabled commissioner's cookie still opened /my-questions (200).
    [Test]
    public async Task H1_DisabledAccount_SessionEndsWithinCheckWindow()
    {
        using var http = await _app.ClientAsync(Roles.Commissioner);
        Assert.That(await StatusAsync(http, "/my-questions"), Is.EqualTo(HttpStatusCode.OK));

        await Admin.SetDisabledAsync(await CaseFixtures.AccountIdAsync(_app, Roles.Commissioner), true, await AdminIdAsync(), "admin@test", CancellationToken.None);
        _app.Time.Advance(PastCheckWindow);

        Assert.That(await StatusAsync(http, "/my-questions"), Is.EqualTo(HttpStatusCode.Redirect));
    }

    // Old code: the cookie kept the manager role after it was taken away, and /dashboard still answered 200.
    [Test]
    public async Task H1_RolesChanged_SessionEnds()
    {
        using var http = await _app.ClientAsync(Roles.Manager);
        Assert.That(await StatusAsync(http, "/dashboard"), Is.EqualTo(HttpStatusCode.OK));

        await Admin.SetRolesAsync(await CaseFixtures.AccountIdAsync(_app, Roles.Manager), [Roles.Commissioner], await AdminIdAsync(), "admin@test", CancellationToken.None);
        _app.Time.Advance(PastCheckWindow);

        Assert.That(await LocationAsync(http, "/dashboard"), Does.Contain("/sign-in?"));
    }

    // Old code: changing the password elsewhere left this session open (200).
    [Test]
    public async Task H1_PasswordChangedElsewhere_SessionEnds()
    {
        using var http = await _app.ClientAsync(Roles.IgOfficer);
        await _app.Services.GetRequiredService<AccountService>().ChangePasswordAsync(
            await CaseFixtures.AccountIdAsync(_app, Roles.IgOfficer), "a brand new password here", CancellationToken.None);
        _app.Time.Advance(PastCheckWindow);

        Assert.That(await LocationAsync(http, "/cases"), Does.Contain("/sign-in?"));
    }

    // Old code: signing out only deleted the browser's cookie; a copy of it (stolen, or another tab's jar) still worked.
    [Test]
    public async Task H1_SignOut_EndsSessionOnServer()
    {
        var cookies = new CookieContainer();
        using var http = LoopbackClients.Create(_app.BaseAddress, IPAddress.Loopback, cookies);
        await SignInAsync(http, Roles.IgOfficer);
        using var copy = LoopbackClients.Create(_app.BaseAddress, IPAddress.Loopback, LoopbackClients.Copy(cookies, _app.BaseAddress));

        var confirm = await http.GetStringAsync(new Uri("/sign-out", UriKind.Relative));
        using var signedOut = await http.PostAsync(new Uri("/sign-out", UriKind.Relative), ApprovalPageTests.Form(confirm));

        Assert.That(signedOut.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(await LocationAsync(copy, "/cases"), Does.Contain("/sign-in?"), "the copied cookie no longer works, at once");
        Assert.That(await http.GetStringAsync(new Uri("/sign-out", UriKind.Relative)), Does.Contain("You are signed out"));
    }

    // Old code: there was no way to end one's other sessions.
    [Test]
    public async Task H1_SignOutEverywhere_EndsOtherSessions()
    {
        using var laptop = await _app.ClientAsync(Roles.IgOfficer);
        using var phone = await _app.ClientAsync(Roles.IgOfficer);

        var confirm = await laptop.GetStringAsync(new Uri("/sign-out", UriKind.Relative));
        using var _ = await laptop.PostAsync(new Uri("/sign-out?handler=Everywhere", UriKind.Relative), ApprovalPageTests.Form(confirm));
        _app.Time.Advance(PastCheckWindow);

        Assert.That(await LocationAsync(phone, "/cases"), Does.Contain("/sign-in?"));
    }

    // Old code: sliding renewal reset the cookie's issue time, so an active session never reached the 8-hour cap.
    [Test]
    public async Task H1_ActiveSession_EndsEightHoursAfterSignIn()
    {
        using var http = await _app.ClientAsync(Roles.IgOfficer);
        for (var minutes = 0; minutes < 7 * 60 + 50; minutes += 40)
        {
            _app.Time.Advance(TimeSpan.FromMinutes(40));
            Assert.That(await StatusAsync(http, "/cases"), Is.EqualTo(HttpStatusCode.OK), $"still signed in after {minutes + 40} minutes of activity");
        }

        _app.Time.Advance(TimeSpan.FromMinutes(40));

        Assert.That(await LocationAsync(http, "/cases"), Does.Contain("/sign-in?"));
    }

    // Old code: GET /sign-out showed "You have signed out" while the session carried on.
    [Test]
    public async Task H1_GetSignOut_AsksAndDoesNotSignOut()
    {
        using var http = await _app.ClientAsync(Roles.IgOfficer);

        var page = await http.GetStringAsync(new Uri("/sign-out", UriKind.Relative));

        Assert.That(page, Does.Not.Contain("You have signed out").And.Not.Contain("You are signed out"));
        Assert.That(page, Does.Contain("Sign out everywhere"));
        Assert.That(await StatusAsync(http, "/cases"), Is.EqualTo(HttpStatusCode.OK));
    }

    private AccountAdmin Admin => _app.Services.GetRequiredService<AccountAdmin>();

    internal static async Task SignInAsync(HttpClient http, string role)
    {
        var form = await http.GetStringAsync(new Uri("/sign-in", UriKind.Relative));
        using var response = await http.PostAsync(new Uri("/sign-in", UriKind.Relative), ApprovalPageTests.Form(form,
            ("Email", TestWebApp.EmailFor(role)), ("Password", TestWebApp.Password)));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        return response.StatusCode;
    }

    private static async Task<string> LocationAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        return response.StatusCode == HttpStatusCode.Redirect ? response.Headers.Location?.ToString() ?? "" : $"{(int)response.StatusCode}";
    }

    private Task<long> AdminIdAsync() => CaseFixtures.AccountIdAsync(_app, Roles.Admin);
}
