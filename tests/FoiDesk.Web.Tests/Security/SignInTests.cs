using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using FoiDesk.Accounts;
using FoiDesk.Web.Tests.Authorization;
using FoiDesk.Web.Tests.Manager;
using FoiDesk.Web.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace FoiDesk.Web.Tests.Security;

/// <summary>Issue 16: M7 (sign-in failures and rate limits), M9's one-time password expiry, and the password hash (Low).</summary>
public sealed class SignInTests
{
    private TestWebApp _app = null!;

    [SetUp]
    public async Task StartAsync() => _app = await TestWebApp.StartAsync(configure: c => c["FoiDesk:Auth:KnownProxies:0"] = "127.0.0.1");

    [TearDown]
    public async Task StopAsync() => await _app.DisposeAsync();

    // Old code: a locked account said "Too many failed attempts", and a disabled or locked one answered without
    // hashing, faster than a wrong password: both told a stranger the address has an account.
    [Test]
    public async Task M7_EveryFailure_SameMessageStatusAndFloorTime()
    {
        var admin = _app.Services.GetRequiredService<AccountAdmin>();
        await admin.SetDisabledAsync(await CaseFixtures.AccountIdAsync(_app, Roles.Manager), true, await CaseFixtures.AccountIdAsync(_app, Roles.Admin), "admin@test", CancellationToken.None);
        await CaseFixtures.ExecuteAsync(_app, "update account set failed_sign_ins = 5, locked_until = @until where email = @email",
            new { until = _app.Time.GetUtcNow().AddMinutes(10), email = TestWebApp.EmailFor(Roles.Commissioner) });
        var cases = new (string Name, string Email, string Password)[]
        {
            ("unknown", "nobody@council.example", TestWebApp.Password),
            ("wrong password", TestWebApp.EmailFor(Roles.IgOfficer), "not the password at all"),
            ("disabled", TestWebApp.EmailFor(Roles.Manager), TestWebApp.Password),
            ("locked", TestWebApp.EmailFor(Roles.Commissioner), TestWebApp.Password),
        };

        var answers = new List<(string Name, HttpStatusCode Status, string Message, TimeSpan Took)>();
        foreach (var (name, email, password) in cases)
        {
            using var http = LoopbackClients.Create(_app.BaseAddress, IPAddress.Parse("127.0.0.2"), new CookieContainer());
            var started = Stopwatch.GetTimestamp();
            var (status, body) = await PostSignInAsync(http, email, password);
            answers.Add((name, status, ErrorSummary(body), Stopwatch.GetElapsedTime(started)));
        }

        Assert.That(answers.Select(a => (a.Status, a.Message)).Distinct().Count(), Is.EqualTo(1), string.Join("; ", answers));
        Assert.That(answers[0].Message, Does.Contain("Enter a correct email address and password"));
        Assert.That(answers.Select(a => a.Took), Has.All.GreaterThanOrEqualTo(AccountService.FailureFloor));
    }

    // Old code: the failure count survived the lock, so the first wrong password after a lock ran out locked the
    // account again at once, and anyone could keep a member of staff locked out with one guess each 15 minutes.
    [Test]
    public async Task M7_LockRunsOut_CountStartsAfresh()
    {
        using var http = LoopbackClients.Create(_app.BaseAddress, IPAddress.Parse("127.0.0.3"), new CookieContainer());
        var email = TestWebApp.EmailFor(Roles.IgOfficer);
        for (var i = 0; i < AccountService.MaxFailedSignIns; i++)
        {
            await PostSignInAsync(http, email, "wrong password number " + i);
        }

        _app.Time.Advance(AccountService.LockoutPeriod + TimeSpan.FromMinutes(1));
        await PostSignInAsync(http, email, "one more wrong password");
        var (status, _) = await PostSignInAsync(http, email, TestWebApp.Password);

        Assert.That(status, Is.EqualTo(HttpStatusCode.Redirect), "one failure after the lock ran out does not lock again");
    }

    // Old code: only a per-address limit; guesses spread over many addresses were unlimited per account.
    [Test]
    public async Task M7_PerAccountLimit_AppliesAcrossClientAddresses()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= 10; i++)
        {
            using var http = LoopbackClients.Create(_app.BaseAddress, IPAddress.Parse($"127.0.1.{i + 1}"), new CookieContainer());
            statuses.Add((await PostSignInAsync(http, "target@council.example", "guess " + i)).Status);
        }

        Assert.That(statuses.Take(10), Has.All.EqualTo(HttpStatusCode.OK));
        Assert.That(statuses[10], Is.EqualTo(HttpStatusCode.TooManyRequests));
    }

    // Old code: X-Forwarded-For was never read, so behind a proxy every client shared the proxy's address and
    // 10 sign-ins a minute between them. Now it is believed from the configured proxy (127.0.0.1 here) only.
    [Test]
    public async Task M8_ForwardedFor_BelievedFromKnownProxyOnly()
    {
        var viaProxy = new List<HttpStatusCode>();
        var spoofed = new List<HttpStatusCode>();
        for (var i = 0; i <= 10; i++)
        {
            using var proxy = LoopbackClients.Create(_app.BaseAddress, IPAddress.Loopback, new CookieContainer());
            proxy.DefaultRequestHeaders.Add("X-Forwarded-For", $"203.0.113.{i + 1}");
            viaProxy.Add((await PostSignInAsync(proxy, $"a{i}@council.example", "guess")).Status);
            using var stranger = LoopbackClients.Create(_app.BaseAddress, IPAddress.Parse("127.0.0.9"), new CookieContainer());
            stranger.DefaultRequestHeaders.Add("X-Forwarded-For", $"198.51.100.{i + 1}");
            spoofed.Add((await PostSignInAsync(stranger, $"b{i}@council.example", "guess")).Status);
        }

        Assert.That(viaProxy, Has.All.EqualTo(HttpStatusCode.OK), "eleven clients behind the proxy, one attempt each");
        Assert.That(spoofed[10], Is.EqualTo(HttpStatusCode.TooManyRequests), "a header from elsewhere is not believed");
    }

    // Old code: a one-time password worked for ever.
    [Test]
    public async Task M9_OneTimePassword_ExpiresAfter72Hours_AdminIssuesNewOne()
    {
        var admin = _app.Services.GetRequiredService<AccountAdmin>();
        var adminId = await CaseFixtures.AccountIdAsync(_app, Roles.Admin);
        var (id, oneTime) = await admin.CreateAsync("late@council.example", "Late Starter", [Roles.Commissioner], adminId, "admin@test", CancellationToken.None);
        _app.Time.Advance(TimeSpan.FromHours(72) + TimeSpan.FromMinutes(1));
        using var http = LoopbackClients.Create(_app.BaseAddress, IPAddress.Parse("127.0.0.4"), new CookieContainer());

        var (expiredStatus, expiredBody) = await PostSignInAsync(http, "late@council.example", oneTime);
        var fresh = await admin.IssueOneTimePasswordAsync(id, adminId, "admin@test", CancellationToken.None);
        var (freshStatus, _) = await PostSignInAsync(http, "late@council.example", fresh);

        Assert.That(expiredStatus, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(ErrorSummary(expiredBody), Does.Contain("one-time password has expired"));
        Assert.That(freshStatus, Is.EqualTo(HttpStatusCode.Redirect));
    }

    // Old code: PasswordHasher's defaults (100,000 iterations) and nothing to raise them.
    [Test]
    public async Task Low_PasswordHash_600000Iterations_OldHashRehashedAtSignIn()
    {
        var db = _app.Services.GetRequiredService<NpgsqlDataSource>();
        var service = new AccountService(db, _app.Time);
        var oldHash = new PasswordHasher<Account>().HashPassword(null!, "an old stored password");
        await CaseFixtures.ExecuteAsync(_app, "insert into account (email, display_name, password_hash, roles, created_at) values ('old@council.example', 'Old', @oldHash, array['manager'], now())", new { oldHash });

        var result = await service.SignInAsync("old@council.example", "an old stored password", CancellationToken.None);
        var newHash = await CaseFixtures.ScalarAsync<string>(_app, "select password_hash from account where email = 'old@council.example'");

        Assert.That(result.Outcome, Is.EqualTo(SignInOutcome.Success), "an existing hash still verifies");
        Assert.That(Iterations(oldHash), Is.LessThan(600_000));
        Assert.That(Iterations(newHash), Is.EqualTo(600_000));
        Assert.That((await service.SignInAsync("old@council.example", "an old stored password", CancellationToken.None)).Outcome, Is.EqualTo(SignInOutcome.Success));
    }

    /// <summary>Identity v3 format: 0x01, PRF (uint32 BE), iteration count (uint32 BE), salt length, salt, subkey.</summary>
    private static uint Iterations(string hash)
    {
        var bytes = Convert.FromBase64String(hash);
        Assert.That(bytes[0], Is.EqualTo(0x01));
        return BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(5, 4));
    }

    private static async Task<(HttpStatusCode Status, string Body)> PostSignInAsync(HttpClient http, string email, string password)
    {
        var form = await http.GetStringAsync(new Uri("/sign-in", UriKind.Relative));
        using var response = await http.PostAsync(new Uri("/sign-in", UriKind.Relative), ApprovalPageTests.Form(form, ("Email", email), ("Password", password)));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static string ErrorSummary(string body)
    {
        var start = body.IndexOf("govuk-error-summary__list", StringComparison.Ordinal);
        return start < 0 ? "" : body[start..body.IndexOf("</ul>", start, StringComparison.Ordinal)];
    }
}
