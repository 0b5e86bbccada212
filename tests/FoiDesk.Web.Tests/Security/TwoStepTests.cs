using System.Net;
using System.Text.RegularExpressions;
using FoiDesk.Accounts;
using FoiDesk.TwoStep;
using FoiDesk.Web.Tests.Authorization;
using FoiDesk.Web.Tests.Manager;
using FoiDesk.Web.Tests.Support;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;

namespace FoiDesk.Web.Tests.Security;

/// <summary>
/// Issue 16, MFA for local accounts: TOTP enrolment, the second sign-in step (drift, replay, recovery codes,
/// the shared lock), the administrator's requirement and reset, and the secret at rest. Through HTTP against
/// the real app and PostgreSQL, with the app's clock stepped by the test. (The old code had no second step:
/// a password alone signed in.)
/// </summary>
public sealed partial class TwoStepTests
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(30);

    /// <summary>Longer than the 30-second cache of the server's answer about a session.</summary>
    private static readonly TimeSpan PastCheckWindow = TimeSpan.FromSeconds(31);

    private TestWebApp _app = null!;
    private int _nextAddress = 20;

    [SetUp]
    public async Task StartAsync() => _app = await TestWebApp.StartAsync();

    [TearDown]
    public async Task StopAsync() => await _app.DisposeAsync();

    [Test]
    public async Task SignIn_EnrolledAccount_PasswordAloneGivesNoSessionCodeDoes()
    {
        var (key, _) = await EnrolAsync(Roles.IgOfficer);
        _app.Time.Advance(Step);
        using var http = Client();

        Assert.That(await PasswordAsync(http, Roles.IgOfficer), Is.EqualTo("/sign-in/two-step"));
        Assert.That(await LocationAsync(http, "/cases"), Does.Contain("/sign-in?"), "half signed in is not signed in");
        Assert.That(await CodeAsync(http, Code(key)), Is.EqualTo("/"));
        Assert.That(await LocationAsync(http, "/cases"), Is.EqualTo("200"));
    }

    [Test]
    public async Task SignIn_CodeOneStepEitherSide_Accepted_TwoStepsOld_Refused()
    {
        var (key, _) = await EnrolAsync(Roles.IgOfficer);
        _app.Time.Advance(Step * 10);

        using var twoOld = Client();
        await PasswordAsync(twoOld, Roles.IgOfficer);
        Assert.That(await CodeAsync(twoOld, Code(key, -2)), Is.EqualTo("refused"));

        using var oneOld = Client();
        await PasswordAsync(oneOld, Roles.IgOfficer);
        Assert.That(await CodeAsync(oneOld, Code(key, -1)), Is.EqualTo("/"));

        using var oneAhead = Client();
        await PasswordAsync(oneAhead, Roles.IgOfficer);
        Assert.That(await CodeAsync(oneAhead, Code(key, +1)), Is.EqualTo("/"));
    }

    [Test]
    public async Task SignIn_SameCodeTwice_SecondRefused()
    {
        var (key, _) = await EnrolAsync(Roles.IgOfficer);
        _app.Time.Advance(Step);
        var code = Code(key);
        using var first = Client();
        await PasswordAsync(first, Roles.IgOfficer);
        Assert.That(await CodeAsync(first, code), Is.EqualTo("/"));

        using var replay = Client();
        await PasswordAsync(replay, Roles.IgOfficer);
        Assert.That(await CodeAsync(replay, code), Is.EqualTo("refused"), "a code seen once is worthless");
        Assert.That(await CodeAsync(replay, Code(key, -1)), Is.EqualTo("refused"), "nor an earlier step's code");
    }

    [Test]
    public async Task SignIn_RecoveryCode_WorksOnceOnly()
    {
        var (_, recovery) = await EnrolAsync(Roles.Manager);
        Assert.That(recovery, Has.Count.EqualTo(RecoveryCodes.Count).And.Unique);

        using var first = Client();
        await PasswordAsync(first, Roles.Manager);
        Assert.That(await CodeAsync(first, recovery[3].ToUpperInvariant()), Is.EqualTo("/"), "case and dashes do not matter");

        using var again = Client();
        await PasswordAsync(again, Roles.Manager);
        Assert.That(await CodeAsync(again, recovery[3]), Is.EqualTo("refused"));
        Assert.That(await AuditCountAsync("recovery-code-used"), Is.EqualTo(1));
        Assert.That(await CaseFixtures.ScalarAsync<int>(_app, "select count(*)::int from account_recovery_code where code_hash = @plain or code_hash like '%-%'", new { plain = recovery[0] }), Is.Zero, "stored hashed");
    }

    [Test]
    public async Task SignIn_WrongCodes_LockTheAccountLikeWrongPasswords()
    {
        var (key, _) = await EnrolAsync(Roles.IgOfficer);
        _app.Time.Advance(Step);
        using var http = Client();
        await PasswordAsync(http, Roles.IgOfficer);
        for (var i = 0; i < AccountService.MaxFailedSignIns - 1; i++)
        {
            Assert.That(await CodeAsync(http, "00000" + i), Is.EqualTo("refused"));
        }

        // The right password again must not wipe the count of wrong codes.
        await PasswordAsync(http, Roles.IgOfficer);
        Assert.That(await FailedSignInsAsync(), Is.EqualTo(AccountService.MaxFailedSignIns - 1));
        Assert.That(await CodeAsync(http, "999999"), Is.EqualTo("refused"));

        Assert.That(await CodeAsync(http, Code(key)), Is.EqualTo("refused"), "locked: even the right code is refused");
        Assert.That(await CaseFixtures.ScalarAsync<bool>(_app, "select locked_until > @now from account where email = @email",
            new { now = _app.Time.GetUtcNow(), email = TestWebApp.EmailFor(Roles.IgOfficer) }), Is.True);
        Assert.That(await AuditCountAsync("sign-in-failed"), Is.GreaterThanOrEqualTo(AccountService.MaxFailedSignIns));
    }

    [Test]
    public async Task SignIn_WrongCodes_CountInThePerAccountThrottle()
    {
        await EnrolAsync(Roles.IgOfficer);
        var jar = new CookieContainer();
        using var http = LoopbackClients.Create(_app.BaseAddress, NextAddress(), jar);
        await PasswordAsync(http, Roles.IgOfficer);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < FoiDesk.Web.Hosting.SignInThrottle.PerAccountPerMinute; i++)
        {
            // A fresh client address each time: the per-account limit, not the per-address one, is what bites.
            using var other = LoopbackClients.Create(_app.BaseAddress, NextAddress(), jar);
            statuses.Add(await CodeStatusAsync(other, "12345" + i));
        }

        Assert.That(statuses.Last(), Is.EqualTo(HttpStatusCode.TooManyRequests), "one password and nine codes use up the minute's ten");
    }

    [Test]
    public async Task SignIn_PendingStep_ExpiresAfterFiveMinutes()
    {
        var (key, _) = await EnrolAsync(Roles.IgOfficer);
        using var http = Client();
        await PasswordAsync(http, Roles.IgOfficer);
        _app.Time.Advance(FoiDesk.Web.Hosting.PendingSignIn.Lifetime + TimeSpan.FromSeconds(1));

        Assert.That(await http.GetStringAsync(new Uri("/sign-in/two-step", UriKind.Relative)), Does.Contain("Sign in again"));
        var page = await PostForPageAsync(http, "/sign-in/two-step", await http.GetStringAsync(new Uri("/sign-in", UriKind.Relative)), ("Code", Code(key)));

        Assert.That(page, Does.Contain("Sign in again"));
        Assert.That(await LocationAsync(http, "/cases"), Does.Contain("/sign-in?"));
    }

    [Test]
    public async Task SignIn_RequiredForRoleNotEnrolled_HeldOnEnrolmentUntilDone()
    {
        await _app.Services.GetRequiredService<TwoStepPolicy>().SetAsync(false, [Roles.Commissioner], await AdminIdAsync(), "admin@test", CancellationToken.None);
        using var http = Client();

        Assert.That(await PasswordAsync(http, Roles.Commissioner), Is.EqualTo("/account/two-step"));
        Assert.That(await LocationAsync(http, "/my-questions"), Is.EqualTo("/account/two-step"));
        Assert.That(await LocationAsync(http, "/account/api-tokens"), Is.EqualTo("/account/two-step"));
        await EnrolWithAsync(http);

        Assert.That(await LocationAsync(http, "/my-questions"), Is.EqualTo("200"));
        using var manager = Client();
        Assert.That(await PasswordAsync(manager, Roles.Manager), Is.EqualTo("/"), "not required of other roles");
        Assert.That(await AuditCountAsync("two-step-policy-changed"), Is.EqualTo(1));
    }

    [Test]
    public async Task AdminReset_EndsSessions_NextSignInByPasswordAlone()
    {
        var (key, _) = await EnrolAsync(Roles.IgOfficer);
        _app.Time.Advance(Step);
        using var http = Client();
        await PasswordAsync(http, Roles.IgOfficer);
        await CodeAsync(http, Code(key));
        Assert.That(await LocationAsync(http, "/cases"), Is.EqualTo("200"));

        await _app.Services.GetRequiredService<TwoStepVerification>().ResetAsync(await IdAsync(Roles.IgOfficer), await AdminIdAsync(), "admin@test", CancellationToken.None);
        _app.Time.Advance(PastCheckWindow);

        Assert.That(await LocationAsync(http, "/cases"), Does.Contain("/sign-in?"));
        Assert.That(await PasswordAsync(Client(), Roles.IgOfficer), Is.EqualTo("/"));
        Assert.That(await AuditCountAsync("two-step-reset"), Is.EqualTo(1));
    }

    [Test]
    public async Task EnrolAndDisable_EndOtherSessions_KeepThisOne()
    {
        using var other = Client();
        await PasswordAsync(other, Roles.IgOfficer);
        using var http = Client();
        await PasswordAsync(http, Roles.IgOfficer);
        var (key, _) = await EnrolWithAsync(http);
        _app.Time.Advance(PastCheckWindow);

        Assert.That(await LocationAsync(other, "/cases"), Does.Contain("/sign-in?"), "enrolling ended the other session");
        Assert.That(await LocationAsync(http, "/cases"), Is.EqualTo("200"));

        using var third = Client();
        await PasswordAsync(third, Roles.IgOfficer);
        Assert.That(await CodeAsync(third, Code(key)), Is.EqualTo("/"));
        _app.Time.Advance(Step);
        var page = await http.GetStringAsync(new Uri("/account/two-step", UriKind.Relative));
        Assert.That(await PostAsync(http, "/account/two-step?handler=Disable", page, ("Code", "111111")), Is.EqualTo("200"), "a wrong code does not turn it off");
        page = await http.GetStringAsync(new Uri("/account/two-step", UriKind.Relative));
        Assert.That(await PostAsync(http, "/account/two-step?handler=Disable", page, ("Code", Code(key))), Is.EqualTo("/account/two-step"));
        _app.Time.Advance(PastCheckWindow);

        Assert.That(await LocationAsync(third, "/cases"), Does.Contain("/sign-in?"), "turning it off ended the other session");
        Assert.That(await LocationAsync(http, "/cases"), Is.EqualTo("200"));
        Assert.That(await PasswordAsync(Client(), Roles.IgOfficer), Is.EqualTo("/"));
        Assert.That(await AuditCountAsync("two-step-enabled"), Is.EqualTo(1));
        Assert.That(await AuditCountAsync("two-step-disabled"), Is.EqualTo(1));
        Assert.That(await AuditCountAsync("two-step-disable-failed"), Is.EqualTo(1));
    }

    [Test]
    public async Task Secret_StoredEncryptedNotInPlainText()
    {
        var (key, _) = await EnrolAsync(Roles.IgOfficer);
        var secret = Base32Encoding.ToBytes(key);

        var stored = await CaseFixtures.ScalarAsync<byte[]>(_app, "select protected_secret from account_two_step where account_id = @id", new { id = await IdAsync(Roles.IgOfficer) });

        Assert.That(stored.AsSpan().IndexOf(secret), Is.EqualTo(-1), "the raw secret is not in the row");
        Assert.That(System.Text.Encoding.ASCII.GetString(stored), Does.Not.Contain(key), "nor its base32 form");
        var protector = _app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(FoiDesk.TwoStep.TotpSecretProtection.Purpose);
        Assert.That(protector.Unprotect(stored), Is.EqualTo(secret), "the row is the secret under Data Protection");
    }

    [Test]
    public async Task Enrol_WrongCode_StaysOff()
    {
        using var http = await _app.ClientAsync(Roles.IgOfficer);
        var page = await http.GetStringAsync(new Uri("/account/two-step", UriKind.Relative));
        await PostAsync(http, "/account/two-step?handler=Start", page);
        page = await http.GetStringAsync(new Uri("/account/two-step", UriKind.Relative));

        var answer = await PostForPageAsync(http, "/account/two-step?handler=Confirm", page, ("Code", "123456"));

        Assert.That(answer, Does.Contain("Enter the 6-digit code your app shows now"));
        Assert.That((await _app.Services.GetRequiredService<TwoStepVerification>().StatusAsync(await IdAsync(Roles.IgOfficer), CancellationToken.None)).Enabled, Is.False);
    }

    /// <summary>Signs in with the password, enrols through the page, signs out; returns the key shown and the recovery codes.</summary>
    private async Task<(string Key, IReadOnlyList<string> RecoveryCodes)> EnrolAsync(string role)
    {
        using var http = Client();
        Assert.That(await PasswordAsync(http, role), Is.Not.EqualTo("refused"));
        return await EnrolWithAsync(http);
    }

    private async Task<(string Key, IReadOnlyList<string> RecoveryCodes)> EnrolWithAsync(HttpClient http)
    {
        var page = await http.GetStringAsync(new Uri("/account/two-step", UriKind.Relative));
        Assert.That(await PostAsync(http, "/account/two-step?handler=Start", page), Is.EqualTo("200"));
        page = await http.GetStringAsync(new Uri("/account/two-step", UriKind.Relative));
        var key = KeyShown().Match(page).Groups[1].Value;
        Assert.That(page, Does.Contain("src=\"data:image/svg"), "the QR code");
        var done = await PostForPageAsync(http, "/account/two-step?handler=Confirm", page, ("Code", Code(key)));
        var codes = RecoveryCodeShown().Matches(done).Select(m => m.Groups[1].Value).ToList();
        Assert.That(codes, Has.Count.EqualTo(RecoveryCodes.Count), done);
        return (key, codes);
    }

    private string Code(string key, int steps = 0) =>
        new Totp(Base32Encoding.ToBytes(key)).ComputeTotp((_app.Time.GetUtcNow() + (Step * steps)).UtcDateTime);

    private HttpClient Client() => LoopbackClients.Create(_app.BaseAddress, NextAddress(), new CookieContainer());

    private IPAddress NextAddress() => IPAddress.Parse($"127.0.2.{_nextAddress++}");

    /// <summary>Posts email and password; the redirect's target, or "refused".</summary>
    private static async Task<string> PasswordAsync(HttpClient http, string role)
    {
        var form = await http.GetStringAsync(new Uri("/sign-in", UriKind.Relative));
        return await PostAsync(http, "/sign-in", form, ("Email", TestWebApp.EmailFor(role)), ("Password", TestWebApp.Password));
    }

    /// <summary>Posts a code to the second step; the redirect's target, or "refused".</summary>
    private static async Task<string> CodeAsync(HttpClient http, string code)
    {
        var form = await http.GetStringAsync(new Uri("/sign-in/two-step", UriKind.Relative));
        var answer = await PostAsync(http, "/sign-in/two-step", form, ("Code", code));
        return answer == "200" ? "refused" : answer;
    }

    private static async Task<HttpStatusCode> CodeStatusAsync(HttpClient http, string code)
    {
        var form = await http.GetStringAsync(new Uri("/sign-in/two-step", UriKind.Relative));
        using var response = await http.PostAsync(new Uri("/sign-in/two-step", UriKind.Relative), ApprovalPageTests.Form(form, ("Code", code)));
        return response.StatusCode;
    }

    /// <summary>The redirect's target, or the status code as a number ("200": the page again, with its error).</summary>
    private static async Task<string> PostAsync(HttpClient http, string path, string page, params (string Name, string Value)[] fields)
    {
        using var response = await http.PostAsync(new Uri(path, UriKind.Relative), ApprovalPageTests.Form(page, fields));
        return response.StatusCode == HttpStatusCode.Redirect ? response.Headers.Location?.ToString() ?? "" : $"{(int)response.StatusCode}";
    }

    private static async Task<string> PostForPageAsync(HttpClient http, string path, string page, params (string Name, string Value)[] fields)
    {
        using var response = await http.PostAsync(new Uri(path, UriKind.Relative), ApprovalPageTests.Form(page, fields));
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task<string> LocationAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        return response.StatusCode == HttpStatusCode.Redirect ? response.Headers.Location?.ToString() ?? "" : $"{(int)response.StatusCode}";
    }

    private Task<int> AuditCountAsync(string action) =>
        CaseFixtures.ScalarAsync<int>(_app, "select count(*)::int from audit_event where action = @action", new { action });

    private Task<int> FailedSignInsAsync() =>
        CaseFixtures.ScalarAsync<int>(_app, "select failed_sign_ins from account where email = @email", new { email = TestWebApp.EmailFor(Roles.IgOfficer) });

    private Task<long> IdAsync(string role) => CaseFixtures.AccountIdAsync(_app, role);

    private Task<long> AdminIdAsync() => IdAsync(Roles.Admin);

    [GeneratedRegex("id=\"totp-key\">([A-Z2-7]+)<")]
    private static partial Regex KeyShown();

    [GeneratedRegex("<li><code>([a-z2-9-]{19})</code></li>")]
    private static partial Regex RecoveryCodeShown();
}
