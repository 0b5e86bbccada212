using System.Globalization;
using System.Text.Json.Nodes;
using System.Web;
using Dapper;
using FoiDesk.Database;
using FoiDesk.SocialValue.Import;
using FoiDesk.SocialValue.Sync;
using FoiDesk.Tests.Database;
using Npgsql;
using WireMock;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Types;
using WireMock.Util;

namespace FoiDesk.Tests.SocialValue;

/// <summary>
/// The sync adapter against WireMock.Net serving the API in docs/social-value-api.md from the sample: bearer
/// token, paging by "next" link, transient failures, and a bad record on a later page.
/// </summary>
public sealed class MonitoringPlatformSyncTests
{
    private const string Token = "test-token-123";
    private WireMockServer _stub = null!;
    private Uri _base = null!;
    private NpgsqlDataSource _ds = null!;
    private int _failuresToServe;
    private int _statusToFail = 503;
    private bool _stallFirst;
    private readonly List<string> _requests = [];
    private Func<string, int, JsonObject, JsonObject> _edit = (_, _, o) => o;

    private static readonly Dictionary<string, string> Files = new()
    {
        ["frameworks"] = "frameworks.csv", ["measures"] = "measures.csv", ["contracts"] = "contracts.csv",
        ["commitments"] = "commitments.csv", ["qualitative-commitments"] = "qualitative_commitments.csv", ["returns"] = "returns.csv",
    };

    [SetUp]
    public async Task SetUp()
    {
        DapperSetup.Configure();
        // NUnit keeps one fixture instance for all its tests: reset the stub's state.
        _requests.Clear();
        _failuresToServe = 0;
        _statusToFail = 503;
        _stallFirst = false;
        _edit = (_, _, o) => o;
        _ds = NpgsqlDataSource.Create(await TestCluster.CreateDatabaseAsync());
        _stub = WireMockServer.Start();
        _stub.Given(Request.Create().WithPath(new WildcardMatcher("/v1/*")).UsingGet())
            .RespondWith(Response.Create().WithCallback(Serve));
        _base = new Uri(_stub.Url + "/");
    }

    [TearDown]
    public async Task TearDown()
    {
        _stub.Stop();
        _stub.Dispose();
        await _ds.DisposeAsync();
    }

    private ResponseMessage Serve(IRequestMessage request)
    {
        bool stall;
        lock (_requests)
        {
            stall = _stallFirst;
            _stallFirst = false;
        }

        if (stall)
        {
            // Longer than the client's timeout: the client gives up on this attempt and retries.
            Thread.Sleep(TimeSpan.FromSeconds(5));
            return Reply(504, "{}");
        }

        var url = new Uri(request.AbsoluteUrl);
        lock (_requests)
        {
            _requests.Add(url.PathAndQuery);
            var authorization = request.Headers?.FirstOrDefault(h => h.Key.Equals("Authorization", StringComparison.OrdinalIgnoreCase)).Value;
            if (authorization is null || !authorization.Contains($"Bearer {Token}"))
            {
                return Reply(401, "{}");
            }

            if (_failuresToServe > 0)
            {
                _failuresToServe--;
                return Reply(_statusToFail, "{}");
            }
        }

        var table = url.AbsolutePath["/v1/".Length..];
        var query = HttpUtility.ParseQueryString(url.Query);
        var rows = Sample.Rows(Files[table]);
        if (query["period"] is { Length: > 0 } period)
        {
            rows = rows.Where(r => r["period_label"] == period).ToList();
        }

        var size = int.Parse(query["pageSize"]!, CultureInfo.InvariantCulture);
        var page = query["page"] is { Length: > 0 } p ? int.Parse(p, CultureInfo.InvariantCulture) : 0;
        var items = new JsonArray([.. rows.Skip(page * size).Take(size).Select((r, i) => (JsonNode)_edit(table, page * size + i, ToJson(r)))]);
        var next = (page + 1) * size < rows.Count ? $"v1/{table}?pageSize={size}&page={page + 1}{(query["period"] is { } pl ? "&period=" + Uri.EscapeDataString(pl) : "")}" : null;
        return Reply(200, new JsonObject { ["items"] = items, ["next"] = next }.ToJsonString());
    }

    private static ResponseMessage Reply(int status, string json) => new()
    {
        StatusCode = status,
        Headers = new Dictionary<string, WireMockList<string>> { ["Content-Type"] = new("application/json") },
        BodyData = new BodyData { BodyAsString = json, DetectedBodyType = BodyType.String },
    };

    /// <summary>As the API documents it: amounts and quantities as JSON numbers, Y/N as booleans, lists as arrays.</summary>
    private static JsonObject ToJson(Dictionary<string, string> row)
    {
        var o = new JsonObject();
        foreach (var (k, v) in row)
        {
            o[k] = v.Length == 0 ? null
                : v is "Y" or "N" ? JsonValue.Create(v == "Y")
                : k == "sv_comm_channels" ? new JsonArray([.. v.Split(';').Select(x => (JsonNode)JsonValue.Create(x)!)])
                : (k.EndsWith("_gbp", StringComparison.Ordinal) || k.EndsWith("_quantity", StringComparison.Ordinal)) ? JsonNode.Parse(v)
                : JsonValue.Create(v);
        }

        return o;
    }

    private async Task<ImportResult> SyncAsync(string token = Token, string? period = null, double timeoutSeconds = 30)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(timeoutSeconds) };
        var client = new MonitoringPlatformClient(http, new MonitoringPlatformOptions
        {
            BaseAddress = _base, BearerToken = token, PageSize = 400, MaxAttempts = 3, InitialBackoff = TimeSpan.FromMilliseconds(1),
        }, TimeProvider.System);
        return await new SocialValueImporter(_ds, TimeProvider.System).SyncAsync(client, null, period, "sync-test", null, CancellationToken.None);
    }

    private async Task<long> ReturnsStoredAsync()
    {
        await using var conn = await _ds.OpenConnectionAsync();
        return await conn.ExecuteScalarAsync<long>("select count(*) from sv_return");
    }

    [Test]
    public async Task Sync_WholeSample_ImportsEveryRecordAcrossPages()
    {
        var result = await SyncAsync();

        Assert.That(result.Errors, Is.Empty);
        Assert.That(result.Counts["returns"], Is.EqualTo(new TableCounts(1302, 0, 0)));
        Assert.That(result.Counts["contracts"], Is.EqualTo(new TableCounts(40, 0, 0)));
        Assert.That(_requests.Count(r => r.StartsWith("/v1/returns", StringComparison.Ordinal)), Is.EqualTo(4), "1302 returns in pages of 400");
        await using var conn = await _ds.OpenConnectionAsync();
        Assert.That(await conn.ExecuteScalarAsync<decimal>("select sum(verified_sv_gbp) from sv_return"),
            Is.EqualTo(Sample.Rows("returns.csv").Sum(r => Sample.Dec(r["verified_sv_gbp"]))));
        Assert.That(await conn.ExecuteScalarAsync<string>("select source_kind from sv_import"), Is.EqualTo("api"));
    }

    [Test]
    public async Task Sync_SecondRun_AllUnchanged()
    {
        await SyncAsync();

        var again = await SyncAsync();

        Assert.That(again.Counts.Values.All(c => c.Inserted == 0 && c.Updated == 0), Is.True);
    }

    [Test]
    public void Sync_WrongToken_FailsWithoutRetryAndWritesNothing()
    {
        var e = Assert.ThrowsAsync<MonitoringPlatformException>(() => SyncAsync(token: "wrong"));

        Assert.That(e!.Message, Does.Contain("401").And.Not.Contain("wrong"));
        Assert.That(_requests, Has.Count.EqualTo(1), "401 is not transient");
    }

    [Test]
    public async Task Sync_TwoTransient503s_RetriesAndSucceeds()
    {
        _failuresToServe = 2;

        var result = await SyncAsync();

        Assert.That(result.Succeeded, Is.True);
        Assert.That(_requests.Take(3), Is.All.StartsWith("/v1/frameworks"), "the same request, three times");
    }

    [Test]
    public async Task Sync_FirstRequestTimesOut_RetriesAndSucceeds()
    {
        _stallFirst = true;

        var result = await SyncAsync(timeoutSeconds: 1);

        Assert.That(result.Succeeded, Is.True);
        Assert.That(result.Counts["frameworks"].Inserted, Is.EqualTo(5));
    }

    [Test]
    public async Task Sync_PersistentServerError_GivesUpAfterMaxAttemptsAndWritesNothing()
    {
        _failuresToServe = 100;
        _statusToFail = 500;

        var e = Assert.ThrowsAsync<MonitoringPlatformException>(() => SyncAsync());

        Assert.That(e!.Message, Does.Contain("after 3 attempts"));
        Assert.That(_requests, Has.Count.EqualTo(3));
        Assert.That(await ReturnsStoredAsync(), Is.Zero);
    }

    [Test]
    public async Task Sync_BadRecordOnLaterPage_RejectsWholeSyncWithPosition()
    {
        _edit = (table, index, o) =>
        {
            if (table == "returns" && index == 1000)
            {
                o["verified_sv_gbp"] = "twelve";
            }

            return o;
        };

        var result = await SyncAsync();

        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Errors.Select(e => (e.File, e.Line, e.Column)), Is.EqualTo(new[] { ("GET /v1/returns", 1001, (string?)"verified_sv_gbp") }));
        Assert.That(await ReturnsStoredAsync(), Is.Zero);
    }

    [Test]
    public async Task Sync_OnePeriod_ImportsOnlyThatPeriodsReturns()
    {
        var result = await SyncAsync(period: "2024-25 Q4");

        Assert.That(result.Counts["returns"].Inserted, Is.EqualTo(Sample.Rows("returns.csv").Count(r => r["period_label"] == "2024-25 Q4")));
        Assert.That(_requests.Single(r => r.StartsWith("/v1/returns", StringComparison.Ordinal)), Does.Contain("period=2024-25%20Q4"));
    }

    private MonitoringPlatformSyncJob Job(string token = Token)
    {
        var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var client = new MonitoringPlatformClient(http, new MonitoringPlatformOptions
        {
            BaseAddress = _base, BearerToken = token, PageSize = 400, MaxAttempts = 2, InitialBackoff = TimeSpan.FromMilliseconds(1),
        }, TimeProvider.System);
        return new MonitoringPlatformSyncJob(new SocialValueImporter(_ds, TimeProvider.System), client, Microsoft.Extensions.Logging.Abstractions.NullLogger<MonitoringPlatformSyncJob>.Instance);
    }

    private static readonly FoiDesk.Operations.JobRun Run = new("social-value-sync", DateTimeOffset.UnixEpoch, "test");

    [Test]
    public async Task SyncJob_WholeSample_RecordedAsAnApiImport()
    {
        await Job().RunAsync(Run, CancellationToken.None);

        await using var conn = await _ds.OpenConnectionAsync();
        Assert.That(await conn.QuerySingleAsync<(string, string)>("select source_kind, imported_by from sv_import"), Is.EqualTo(("api", MonitoringPlatformSyncJob.ImportedBy)));
        Assert.That(await ReturnsStoredAsync(), Is.EqualTo(1302));
    }

    [Test]
    public async Task SyncJob_WrongToken_FailsPermanently()
    {
        var e = Assert.ThrowsAsync<FoiDesk.Operations.PermanentJobFailureException>(() => Job(token: "wrong").RunAsync(Run, CancellationToken.None));

        Assert.That(e!.Message, Does.Contain("401"));
        Assert.That(await ReturnsStoredAsync(), Is.Zero);
        var failed = await new SocialValueImporter(_ds, TimeProvider.System).ListFailedSyncsAsync(10, CancellationToken.None);
        Assert.That(failed.Select(f => (f.WillRetry, f.Reason.Contains("401", StringComparison.Ordinal))), Is.EqualTo(new[] { (false, true) }), "shown on the import history page");
    }

    [Test]
    public async Task SyncJob_ServerKeepsFailing_LeftToTheJobServersRetries()
    {
        _failuresToServe = 100;

        var e = Assert.ThrowsAsync<MonitoringPlatformException>(() => Job().RunAsync(Run, CancellationToken.None));

        Assert.That(e!.Transient, Is.True, "not permanent: Hangfire retries it with backoff");
        Assert.That(await ReturnsStoredAsync(), Is.Zero);
        var failed = await new SocialValueImporter(_ds, TimeProvider.System).ListFailedSyncsAsync(10, CancellationToken.None);
        Assert.That(failed.Select(f => f.WillRetry), Is.EqualTo(new[] { true }));
    }

    [Test]
    public async Task SyncJob_BadRecord_FailsPermanentlyAndWritesNothing()
    {
        _edit = (table, index, o) =>
        {
            if (table == "returns" && index == 5)
            {
                o["verified_sv_gbp"] = "twelve";
            }

            return o;
        };

        var e = Assert.ThrowsAsync<FoiDesk.Operations.PermanentJobFailureException>(() => Job().RunAsync(Run, CancellationToken.None));

        Assert.That(e!.Message, Does.Contain("GET /v1/returns record 6 verified_sv_gbp"));
        Assert.That(await ReturnsStoredAsync(), Is.Zero);
        var failed = await new SocialValueImporter(_ds, TimeProvider.System).ListFailedSyncsAsync(10, CancellationToken.None);
        Assert.That(failed.Single().Reason, Does.Contain("GET /v1/returns record 6 verified_sv_gbp"));
    }
}
