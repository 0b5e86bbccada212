using System.Net;
using System.Text.RegularExpressions;
using Dapper;
using FoiDesk.Tests.Database;
using Npgsql;

namespace FoiDesk.Web.Tests.Hosting;

/// <summary>The embedded default and the job server on two hosts, exercised with the real binary.</summary>
[Category("host")]
public sealed partial class HostLifecycleTests
{
    private string _dataDirectory = "";

    [SetUp]
    public void SetUp()
    {
        _dataDirectory = Path.Combine(Path.GetTempPath(), $"fdh-{Guid.NewGuid().ToString("N")[..8]}");
    }

    [TearDown]
    public void TearDown()
    {
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    [Test]
    public async Task EmbeddedDefault_RestartAfterSigterm_KeepsAccountsAndLeavesNoPostgres()
    {
        var env = new Dictionary<string, string> { ["FoiDesk__DataDirectory"] = _dataDirectory, ["FoiDesk__HeartbeatSeconds"] = "2" };

        await using (var first = HostProcess.Start(env))
        {
            await first.WaitHealthyAsync(TimeSpan.FromMinutes(2));
            Assert.That(first.Output, Does.Contain("one-time password"));

            // A CLI verb alongside the running server uses its cluster and must not stop it.
            var (code, stdout, stderr) = await HostProcess.RunCliAsync(env, "accounts", "add", "--role", "commissioner", "--email", "kept@example.gov.uk");
            Assert.That(code, Is.EqualTo(0), stderr);
            var password = PasswordField().Match(stdout).Groups[1].Value;
            Assert.That(password, Has.Length.EqualTo(20));
            Assert.That(first.HasExited, Is.False);

            Assert.That(await first.StopAsync(TimeSpan.FromSeconds(60)), Is.EqualTo(0), first.Output);
            Assert.That(PostgresProcessesFor(_dataDirectory), Is.Empty, "Ctrl-C/SIGTERM leaves no PostgreSQL behind");

            await using var second = HostProcess.Start(env);
            var url = await second.WaitHealthyAsync(TimeSpan.FromSeconds(60));
            Assert.That(second.Output, Does.Not.Contain("one-time password"), "not re-seeded");

            Assert.That(await SignInAsync(url, "kept@example.gov.uk", password), Is.EqualTo("/account/change-password"));
            await second.StopAsync(TimeSpan.FromSeconds(60));
        }

        Assert.That(PostgresProcessesFor(_dataDirectory), Is.Empty);
    }

    /// <summary>
    /// Two real FoiDesk processes on one PostgreSQL database and one shared data directory (the way a council
    /// scales past one machine): each heartbeat firing runs on one host, every request mail is read once, and
    /// stopping one host while it works loses nothing (the other carries on).
    /// </summary>
    [Test]
    public async Task TwoHostsOneDatabase_EachFiringOnceAndEveryMailReadOnce()
    {
        var connectionString = await TestCluster.CreateEmptyDatabaseAsync("cluster");
        var env = new Dictionary<string, string>
        {
            ["ConnectionStrings__FoiDesk"] = connectionString,
            ["FoiDesk__DataDirectory"] = _dataDirectory,
            ["FoiDesk__HeartbeatSeconds"] = "1",
            ["FoiDesk__IntakePollSeconds"] = "1",
            ["FoiDesk__DemoData"] = "false",
        };
        var inbox = Path.Combine(_dataDirectory, "mail", "inbox");
        Directory.CreateDirectory(inbox);
        const int Mails = 60;
        for (var i = 0; i < Mails; i++)
        {
            await File.WriteAllBytesAsync(Path.Combine(inbox, $"request-{i:D3}.eml"), FoiDesk.Tests.Support.RequestMail.Generate(i, new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero)));
        }

        // Both start at once against an empty database: migrations and Hangfire's schema must still apply once.
        await using var a = HostProcess.Start(env);
        await using var b = HostProcess.Start(env);
        await Task.WhenAll(a.WaitHealthyAsync(TimeSpan.FromMinutes(2)), b.WaitHealthyAsync(TimeSpan.FromMinutes(2)));
        await using var ds = NpgsqlDataSource.Create(connectionString);
        await using var conn = await ds.OpenConnectionAsync();
        var servers = await conn.ExecuteScalarAsync<int>("select count(*) from hangfire.server");
        var start = await conn.ExecuteScalarAsync<long>("select count(*) from scheduler_heartbeat");

        // Host A stops while intake is (very likely) mid-pass; B goes on and reads the rest.
        Assert.That(await a.StopAsync(TimeSpan.FromSeconds(60)), Is.EqualTo(0), a.Output);
        await Task.Delay(TimeSpan.FromSeconds(8));
        var stored = 0L;
        for (var wait = 0; wait < 120 && stored < Mails; wait++)
        {
            stored = await conn.ExecuteScalarAsync<long>("select count(*) from raw_email");
            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        await b.StopAsync(TimeSpan.FromSeconds(60));

        var firings = (await conn.QueryAsync<(DateTime ScheduledAt, long Runs)>(
            "select scheduled_at, count(*) from scheduler_heartbeat group by scheduled_at")).ToList();
        Assert.That(servers, Is.EqualTo(2), "both hosts registered as Hangfire servers");
        Assert.That(firings.Count, Is.GreaterThanOrEqualTo(start + 5), "the heartbeat kept firing");
        Assert.That(firings.Where(f => f.Runs > 1), Is.Empty, "no firing ran on both hosts");
        Assert.That(await conn.ExecuteScalarAsync<int>("select count(*) from schema_migrations where number = 1"), Is.EqualTo(1));
        Assert.That(stored, Is.EqualTo(Mails), "every mail read, none twice");
        Assert.That(await conn.ExecuteScalarAsync<long>("select count(distinct message_id) from raw_email"), Is.EqualTo(Mails));
        Assert.That(Directory.GetFiles(inbox, "*.eml"), Is.Empty, "nothing left behind in the shared inbox");
    }

    /// <summary>
    /// The host running intake dies (SIGKILL) part-way through a pass, while the other host is up: the advisory
    /// lock dies with its connection, the other host's next firing takes the job over, and every mail ends up
    /// read exactly once, the one being stored at the moment of the kill included.
    /// </summary>
    [Test]
    public async Task TwoHostsOneDatabase_IntakeHostKilledMidPass_OtherHostFinishesNothingLostNothingTwice()
    {
        var connectionString = await TestCluster.CreateEmptyDatabaseAsync("cluster");
        var inbox = Path.Combine(_dataDirectory, "mail", "inbox");
        Directory.CreateDirectory(inbox);
        const int Mails = 400;
        for (var i = 0; i < Mails; i++)
        {
            await File.WriteAllBytesAsync(Path.Combine(inbox, $"request-{i:D3}.eml"), FoiDesk.Tests.Support.RequestMail.Generate(i, new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero)));
        }

        Dictionary<string, string> Env(string name) => new()
        {
            // The application name tells the test which host holds the intake lock.
            ["ConnectionStrings__FoiDesk"] = connectionString + $";Application Name={name}",
            ["FoiDesk__DataDirectory"] = _dataDirectory,
            ["FoiDesk__HeartbeatSeconds"] = "1",
            ["FoiDesk__IntakePollSeconds"] = "1",
            ["FoiDesk__DemoData"] = "false",
        };
        await using var a = HostProcess.Start(Env("host-a"));
        await using var b = HostProcess.Start(Env("host-b"));
        await Task.WhenAll(a.WaitHealthyAsync(TimeSpan.FromMinutes(2)), b.WaitHealthyAsync(TimeSpan.FromMinutes(2)));
        await using var ds = NpgsqlDataSource.Create(connectionString);
        await using var conn = await ds.OpenConnectionAsync();

        // Wait until intake is part-way through the batch, then kill whichever host holds its lock.
        string? holder = null;
        long storedAtKill = 0;
        for (var wait = 0; wait < 600 && holder is null; wait++)
        {
            storedAtKill = await conn.ExecuteScalarAsync<long>("select count(*) from raw_email");
            if (storedAtKill is > 0 and < Mails - 100)
            {
                holder = await conn.ExecuteScalarAsync<string?>("""
                    select a.application_name from pg_locks l join pg_stat_activity a on a.pid = l.pid
                    where l.locktype = 'advisory' and l.granted and l.objsubid = 2 and l.objid = hashtext('intake')::oid
                    """);
            }

            await Task.Delay(100);
        }

        Assert.That(holder, Is.EqualTo("host-a").Or.EqualTo("host-b"), "intake was seen mid-pass holding its lock");
        var (killed, survivor) = holder == "host-a" ? (a, b) : (b, a);
        await killed.KillAsync();

        var stored = 0L;
        for (var wait = 0; wait < 240 && stored < Mails; wait++)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            stored = await conn.ExecuteScalarAsync<long>("select count(*) from raw_email");
        }

        await Task.Delay(TimeSpan.FromSeconds(3)); // a last pass would show any mail read twice
        Assert.That(await survivor.StopAsync(TimeSpan.FromSeconds(60)), Is.EqualTo(0), survivor.Output);
        Assert.That(storedAtKill, Is.LessThan(Mails), "the kill came mid-pass");
        Assert.That(await conn.ExecuteScalarAsync<long>("select count(*) from raw_email"), Is.EqualTo(Mails), "every mail read, none twice");
        Assert.That(await conn.ExecuteScalarAsync<long>("select count(distinct message_id) from raw_email"), Is.EqualTo(Mails));
        Assert.That(await conn.ExecuteScalarAsync<long>("select count(*) from foi_case"), Is.EqualTo(Mails), "one case per request");
        Assert.That(Directory.GetFiles(inbox, "*.eml"), Is.Empty, "nothing left behind in the shared inbox");
    }

    [GeneratedRegex("\"oneTimePassword\": \"([^\"]+)\"")]
    private static partial Regex PasswordField();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    /// <summary>Signs in through the real form (anti-forgery token and all); returns where it redirects.</summary>
    private static async Task<string?> SignInAsync(Uri baseUrl, string email, string password)
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() };
        using var http = new HttpClient(handler) { BaseAddress = baseUrl };
        var form = await http.GetStringAsync(new Uri("/sign-in", UriKind.Relative));
        var token = AntiforgeryField().Match(form).Groups[1].Value;
        using var body = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email,
            ["Password"] = password,
            ["__RequestVerificationToken"] = token,
        });
        var response = await http.PostAsync(new Uri("/sign-in", UriKind.Relative), body);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await response.Content.ReadAsStringAsync());
        return response.Headers.Location?.OriginalString;
    }

    private static List<int> PostgresProcessesFor(string dataDirectory)
    {
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            try
            {
                var cmdline = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                if (cmdline.Contains("postgres", StringComparison.Ordinal) && cmdline.Contains(dataDirectory, StringComparison.Ordinal))
                {
                    found.Add(pid);
                }
            }
            catch (IOException)
            {
                // the process ended while we looked
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return found;
    }
}
