using System.Globalization;
using System.Text.Json.Nodes;
using Dapper;
using FoiDesk.Database;
using FoiDesk.SocialValue.Import;
using FoiDesk.SocialValue.Sync;
using FoiDesk.Tests.Database;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace FoiDesk.Tests.SocialValue;

/// <summary>
/// The sync adapter against an in-process Kestrel stub of the API in docs/social-value-api.md, serving the
/// sample: bearer token, paging by "next" link, transient failures, and a bad record on a later page.
/// </summary>
public sealed class MonitoringPlatformSyncTests
{
    private const string Token = "test-token-123";
    private WebApplication _app = null!;
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
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapGet("/v1/{table}", (string table, HttpRequest request) => Serve(table, request));
        await _app.StartAsync();
        _base = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
    }

    [TearDown]
    public async Task TearDown()
    {
        await _app.DisposeAsync();
        await _ds.DisposeAsync();
    }

    private async Task<IResult> Serve(string table, HttpRequest request)
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
            await Task.Delay(TimeSpan.FromSeconds(5), request.HttpContext.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            return Results.StatusCode(504);
        }

        lock (_requests)
        {
            _requests.Add(request.Path + request.QueryString);
            if (request.Headers.Authorization != $"Bearer {Token}")
            {
                return Results.StatusCode(401);
            }

            if (_failuresToServe > 0)
            {
                _failuresToServe--;
                return Results.StatusCode(_statusToFail);
            }
        }

        var rows = Sample.Rows(Files[table]);
        if (request.Query["period"].ToString() is { Length: > 0 } period)
        {
            rows = rows.Where(r => r["period_label"] == period).ToList();
        }

        var size = int.Parse(request.Query["pageSize"].ToString(), CultureInfo.InvariantCulture);
        var page = request.Query["page"].ToString() is { Length: > 0 } p ? int.Parse(p, CultureInfo.InvariantCulture) : 0;
        var items = new JsonArray([.. rows.Skip(page * size).Take(size).Select((r, i) => (JsonNode)_edit(table, page * size + i, ToJson(r)))]);
        var next = (page + 1) * size < rows.Count ? $"v1/{table}?pageSize={size}&page={page + 1}{(request.Query.ContainsKey("period") ? "&period=" + Uri.EscapeDataString(request.Query["period"]!) : "")}" : null;
        return Results.Json(new JsonObject { ["items"] = items, ["next"] = next });
    }

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
}
