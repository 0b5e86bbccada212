using System.Net;
using Dapper;
using FoiDesk.Accounts;
using FoiDesk.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace FoiDesk.Web.Tests.SingleSignOn;

/// <summary>
/// Issue 16, single sign-on, without a browser: the whole flow through the in-process OpenIddict provider over
/// HTTP (response_mode=query here; the browser tests use form_post), then what FoiDesk made of it in PostgreSQL.
/// </summary>
public sealed class SsoSignInTests
{
    private SsoTestApp _sso = null!;
    private NpgsqlDataSource _db = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _sso = await SsoTestApp.StartAsync(configure: c =>
        {
            c["FoiDesk:Auth:Oidc:ResponseMode"] = "query";
            c["FoiDesk:Auth:Oidc:TeamClaim"] = "teams";
        });
        _db = NpgsqlDataSource.Create(_sso.App.ConnectionString);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _db.DisposeAsync();
        await _sso.DisposeAsync();
    }

    [Test]
    public async Task Sso_FirstSignIn_CreatesAccountKeyedOnIssuerAndSubjectWithMappedRoles()
    {
        var user = _sso.Provider.Add(new ProviderUser("olivia", ["FoiDesk.IgOfficer", "Unrelated.Role"]));
        using var http = SsoTestApp.NewClient();

        using var done = await _sso.SignInAsync(http, user.Login);

        Assert.That(done.StatusCode, Is.EqualTo(HttpStatusCode.OK), await done.Content.ReadAsStringAsync());
        Assert.That(await done.Content.ReadAsStringAsync(), Does.Contain("You are signed in"));
        var login = await LoginAsync(user);
        Assert.Multiple(() =>
        {
            Assert.That(login.Issuer, Is.EqualTo(_sso.Provider.Authority.ToString()));
            Assert.That(login.Email, Is.EqualTo(user.Email));
            Assert.That(login.Roles, Is.EqualTo(new[] { Roles.IgOfficer }));
            Assert.That(login.DisplayName, Is.EqualTo(user.Name));
        });
        // FoiDesk's own session: the start page of an officer.
        using var start = await http.GetAsync(new Uri(_sso.App.BaseAddress, "/"));
        Assert.That(start.Headers.Location?.OriginalString, Is.EqualTo("/cases").Or.EqualTo("/triage"));
        Assert.That(await AuditCountAsync("sso-sign-in", login.AccountId), Is.EqualTo(1));
    }

    [Test]
    public async Task Sso_RoleChangedAtProvider_RolesAndStampChangeAtNextSignInAndOldSessionEnds()
    {
        var user = _sso.Provider.Add(new ProviderUser("mani", ["FoiDesk.Manager", "FoiDesk.Commissioner"]));
        using var first = SsoTestApp.NewClient();
        (await _sso.SignInAsync(first, user.Login)).Dispose();
        var before = await LoginAsync(user);
        Assert.That(await StatusAsync(first, "/dashboard"), Is.EqualTo(HttpStatusCode.OK));

        _sso.Provider.Add(user with { Roles = ["FoiDesk.Commissioner"] });
        using var second = SsoTestApp.NewClient();
        (await _sso.SignInAsync(second, user.Login)).Dispose();
        var after = await LoginAsync(user);
        _sso.App.Time.Advance(TimeSpan.FromSeconds(31));

        Assert.Multiple(async () =>
        {
            Assert.That(before.Roles, Is.EquivalentTo(new[] { Roles.Manager, Roles.Commissioner }));
            Assert.That(after.Roles, Is.EqualTo(new[] { Roles.Commissioner }));
            Assert.That(after.AccountId, Is.EqualTo(before.AccountId));
            Assert.That(after.Stamp, Is.Not.EqualTo(before.Stamp));
            // The session made with the manager role ended with the old stamp; the new one has no dashboard.
            Assert.That(await StatusAsync(first, "/my-questions"), Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(await StatusAsync(second, "/my-questions"), Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await StatusAsync(second, "/dashboard"), Is.EqualTo(HttpStatusCode.Redirect));
        });
    }

    [Test]
    public async Task Sso_SameRolesAgain_StampUnchanged()
    {
        var user = _sso.Provider.Add(new ProviderUser("sam", ["FoiDesk.Commissioner"]));
        using var http = SsoTestApp.NewClient();
        (await _sso.SignInAsync(http, user.Login)).Dispose();
        var before = await LoginAsync(user);

        using var again = SsoTestApp.NewClient();
        (await _sso.SignInAsync(again, user.Login)).Dispose();

        Assert.That((await LoginAsync(user)).Stamp, Is.EqualTo(before.Stamp));
    }

    [Test]
    public async Task Sso_DisabledAccount_RefusedAndAudited()
    {
        var user = _sso.Provider.Add(new ProviderUser("dora", ["FoiDesk.Commissioner"]));
        using var http = SsoTestApp.NewClient();
        (await _sso.SignInAsync(http, user.Login)).Dispose();
        var login = await LoginAsync(user);
        var admin = await _db.CreateConnection().ExecuteScalarAsync<long>("select id from account where email = @e", new { e = TestWebApp.EmailFor(Roles.Admin) });
        await _sso.App.Services.GetRequiredService<AccountAdmin>().SetDisabledAsync(login.AccountId, true, admin, "admin", CancellationToken.None);

        using var again = SsoTestApp.NewClient();
        using var refused = await _sso.SignInAsync(again, user.Login);

        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await refused.Content.ReadAsStringAsync(), Does.Contain("Your FoiDesk account is disabled"));
        Assert.That(await StatusAsync(again, "/my-questions"), Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(await AuditCountAsync("sso-sign-in-refused", login.AccountId), Is.EqualTo(1));
    }

    [Test]
    public async Task Sso_NoMappedRole_RefusedNoAccountMadeAndAudited()
    {
        var user = _sso.Provider.Add(new ProviderUser("nobody", ["Some.Other.App"], groups: ["group-IgOfficer"]));
        using var http = SsoTestApp.NewClient();

        using var refused = await _sso.SignInAsync(http, user.Login);

        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await refused.Content.ReadAsStringAsync(), Does.Contain("has no FoiDesk role"));
        Assert.That(await _db.CreateConnection().ExecuteScalarAsync<int>("select count(*) from account where email = @e", new { e = user.Email }), Is.Zero);
        Assert.That(await _db.CreateConnection().ExecuteScalarAsync<int>(
            "select count(*) from audit_event where action = 'sso-sign-in-refused' and detail->>'Subject' = @s and detail->>'outcome' = 'NoRole'", new { s = user.Subject }), Is.EqualTo(1));
        Assert.That(await StatusAsync(http, "/my-questions"), Is.EqualTo(HttpStatusCode.Redirect));
    }

    [Test]
    public async Task Sso_TeamClaim_MembershipFollowsExistingTeamsNamed()
    {
        var user = _sso.Provider.Add(new ProviderUser("tess", ["FoiDesk.Commissioner"], teams: ["procurement", "No Such Team"]));
        using var http = SsoTestApp.NewClient();
        (await _sso.SignInAsync(http, user.Login)).Dispose();
        _sso.Provider.Add(user with { Teams = ["Finance"] });
        using var again = SsoTestApp.NewClient();
        (await _sso.SignInAsync(again, user.Login)).Dispose();

        var teams = await _db.CreateConnection().QueryAsync<string>(
            "select t.name from team_member m join team t on t.id = m.team_id join account a on a.id = m.account_id where a.email = @e", new { e = user.Email });

        Assert.That(teams, Is.EqualTo(new[] { "Finance" }));
    }

    [Test]
    public async Task Sso_SignOut_EndsSessionAndGoesToProviderEndSessionWithIdTokenHint()
    {
        var user = _sso.Provider.Add(new ProviderUser("otto", ["FoiDesk.Manager"]));
        using var http = SsoTestApp.NewClient();
        (await _sso.SignInAsync(http, user.Login)).Dispose();
        var form = await http.GetStringAsync(new Uri(_sso.App.BaseAddress, "/sign-out"));
        var endSessionsBefore = _sso.Provider.EndSessions.Count;

        using var body = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = TestWebApp.AntiforgeryToken(form) });
        var posted = await http.PostAsync(new Uri(_sso.App.BaseAddress, "/sign-out"), body);
        var toProvider = posted.Headers.Location!;
        using var landed = await SsoTestApp.FollowAsync(http, posted);

        Assert.Multiple(async () =>
        {
            Assert.That(toProvider.GetLeftPart(UriPartial.Path), Is.EqualTo(new Uri(_sso.Provider.Authority, "/connect/endsession").ToString()));
            Assert.That(_sso.Provider.EndSessions.Skip(endSessionsBefore).Single(), Is.EqualTo((true, (string?)new Uri(_sso.App.BaseAddress, "/signout-callback-oidc").ToString())));
            Assert.That(landed.RequestMessage!.RequestUri!.AbsolutePath, Is.EqualTo("/sign-out"));
            Assert.That(await landed.Content.ReadAsStringAsync(), Does.Contain("You are signed out"));
            Assert.That(await StatusAsync(http, "/dashboard"), Is.EqualTo(HttpStatusCode.Redirect));
        });
    }

    [Test]
    public async Task Sso_CallbackWithoutState_ShowsPlainProblemNotError()
    {
        using var http = SsoTestApp.NewClient();

        using var response = await SsoTestApp.FollowAsync(http, await http.GetAsync(new Uri(_sso.App.BaseAddress, "/signin-oidc?code=forged&state=forged")));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("did not complete"));
        Assert.That(await StatusAsync(http, "/my-questions"), Is.EqualTo(HttpStatusCode.Redirect));
    }

    private async Task<HttpStatusCode> StatusAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(new Uri(_sso.App.BaseAddress, path));
        return response.StatusCode;
    }

    private async Task<long> AuditCountAsync(string action, long accountId)
    {
        await using var conn = await _db.OpenConnectionAsync();
        return await conn.ExecuteScalarAsync<long>("select count(*) from audit_event where action = @action and account_id = @accountId", new { action, accountId });
    }

    private async Task<(long AccountId, string Issuer, string Email, string DisplayName, string[] Roles, string Stamp)> LoginAsync(ProviderUser user)
    {
        await using var conn = await _db.OpenConnectionAsync();
        return await conn.QuerySingleAsync<(long, string, string, string, string[], string)>("""
            select a.id, l.issuer, a.email::text, a.display_name, a.roles, a.security_stamp
            from account_external_login l join account a on a.id = l.account_id
            where l.subject = @Subject
            """, new { user.Subject });
    }
}
