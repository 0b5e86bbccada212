using System.Text.Json;
using Dapper;
using FoiDesk.Deadlines;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace FoiDesk.Tests.Deadlines.Store;

/// <summary>
/// The GOV.UK refresh against WireMock.Net on 127.0.0.1 (nothing here reaches the internet). It serves
/// the shipped snapshot, optionally with one more day, as GOV.UK would after a proclamation.
/// </summary>
public sealed class HolidayRefreshTests
{
    private static readonly DateTimeOffset Received = new(2025, 6, 2, 10, 0, 0, TimeSpan.FromHours(1));
    private ClockDatabase _db = null!;
    private WireMockServer _stub = null!;
    private HttpClient _http = null!;

    [SetUp]
    public async Task SetUp()
    {
        _db = await ClockDatabase.CreateAsync(new DateTimeOffset(2025, 6, 5, 5, 0, 0, TimeSpan.Zero));
        _stub = WireMockServer.Start();
        _http = new HttpClient();
    }

    [TearDown]
    public async Task TearDown()
    {
        _http.Dispose();
        _stub.Stop();
        _stub.Dispose();
        await _db.DisposeAsync();
    }

    private HolidayRefresh Refresh() => new(
        _http,
        _db.Holidays,
        _db.Db,
        Options.Create(new HolidayRefreshOptions { RefreshUrl = $"{_stub.Url}/bank-holidays.json" }),
        _db.Time,
        NullLogger<HolidayRefresh>.Instance);

    /// <summary>What GOV.UK answers at /bank-holidays.json from now on.</summary>
    private void Serve(int status, string body)
    {
        _stub.Reset();
        _stub.Given(Request.Create().WithPath("/bank-holidays.json").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body));
    }

    /// <summary>GOV.UK's format: one object per division, each with its events.</summary>
    private static string GovUkJson(IEnumerable<HolidayRow> rows) => JsonSerializer.Serialize(
        rows.GroupBy(r => r.Division).ToDictionary(
            g => g.Key.Key(),
            g => new
            {
                division = g.Key.Key(),
                events = g.Select(r => new { title = r.Title, date = r.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), notes = "", bunting = true }),
            }));

    private static readonly HolidayRow ProclaimedDay = new(new DateOnly(2025, 6, 16), "Proclaimed test holiday", Division.NorthernIreland);

    private async Task<(string Outcome, int Added, string Detail)> LastRecordAsync()
    {
        await using var conn = await _db.Db.OpenConnectionAsync();
        return await conn.QuerySingleAsync<(string, int, string)>("select outcome, added, detail::text from holiday_refresh order by id desc limit 1");
    }

    private async Task<int> AdditionsAsync()
    {
        await using var conn = await _db.Db.OpenConnectionAsync();
        return await conn.ExecuteScalarAsync<int>("select count(*) from holiday_addition");
    }

    [Test]
    public async Task Refresh_FeedWithNewDay_StoresItAndMovesOpenCaseWithReason()
    {
        var open = await _db.OpenFoiaAsync(Received, "How many?");
        Serve(200, GovUkJson([.. HolidayTable.Embedded.Rows, ProclaimedDay]));

        var result = await Refresh().RunAsync(CancellationToken.None);

        Assert.That((result.Outcome, result.Added), Is.EqualTo((HolidayRefreshOutcome.Updated, 1)));
        Assert.That(result.Changes.Single().Reference, Is.EqualTo(open.Reference));
        Assert.That(await _db.ResponseDueAsync(open.Id), Is.EqualTo(new DateOnly(2025, 7, 1)));
        var recorded = (await _db.RecomputeEventsAsync(open.Id)).Single();
        Assert.That(recorded.Actor, Is.EqualTo(HolidayRefresh.Actor));
        Assert.That(recorded.Detail, Does.Contain("Proclaimed test holiday").And.Contain("2025-06-30").And.Contain("2025-07-01"));
        Assert.That((await LastRecordAsync()).Outcome, Is.EqualTo("updated"));
        var listed = await _db.Admin.ListAsync(2025, CancellationToken.None);
        Assert.That(listed.Single(h => h.Date == ProclaimedDay.Date).Source, Is.EqualTo(HolidayRow.GovUkSource));
    }

    [Test]
    public async Task Refresh_SameFeedTwice_SecondRunChangesNothing()
    {
        var open = await _db.OpenFoiaAsync(Received, "How many?");
        Serve(200, GovUkJson([.. HolidayTable.Embedded.Rows, ProclaimedDay]));
        await Refresh().RunAsync(CancellationToken.None);

        var again = await Refresh().RunAsync(CancellationToken.None);

        Assert.That(again.Outcome, Is.EqualTo(HolidayRefreshOutcome.Unchanged));
        Assert.That(await _db.RecomputeEventsAsync(open.Id), Has.Count.EqualTo(1));
        Assert.That((await LastRecordAsync()).Outcome, Is.EqualTo("unchanged"));
    }

    [Test]
    public async Task Refresh_FeedEqualToSnapshot_StoresNothing()
    {
        Serve(200, GovUkJson(HolidayTable.Embedded.Rows));

        var result = await Refresh().RunAsync(CancellationToken.None);

        Assert.That(result.Outcome, Is.EqualTo(HolidayRefreshOutcome.Unchanged));
        Assert.That(await AdditionsAsync(), Is.Zero);
    }

    [TestCase(200, "{\"england-and-wales\": {\"division\": \"england-and-wales\", \"events\": [{\"title\": \"x\", \"date\": \"2025-06-1")] // truncated download
    [TestCase(200, "<html>Service unavailable</html>")] // a proxy's error page served as 200
    [TestCase(200, "{\"england-and-wales\": {\"events\": [{\"title\": \"Test\", \"date\": \"2025-06-16\"}]}}")] // Scotland and Northern Ireland missing
    [TestCase(200, "{\"wales\": {\"events\": []}}")] // unknown division
    [TestCase(200, "{\"england-and-wales\": {\"events\": [{\"title\": \"Test\", \"date\": \"16/06/2025\"}]}}")] // date not ISO
    [TestCase(500, "oops")] // GOV.UK down
    public async Task Refresh_FailedFetchOrMalformedFile_ChangesNothingAndRecordsFailure(int status, string body)
    {
        var open = await _db.OpenFoiaAsync(Received, "How many?");
        Serve(status, body);

        var result = await Refresh().RunAsync(CancellationToken.None);

        Assert.That(result.Outcome, Is.EqualTo(HolidayRefreshOutcome.Failed));
        Assert.That(result.Error, Is.Not.Empty);
        Assert.That(await AdditionsAsync(), Is.Zero);
        Assert.That(await _db.RecomputeEventsAsync(open.Id), Is.Empty);
        var record = await LastRecordAsync();
        Assert.That((record.Outcome, record.Added), Is.EqualTo(("failed", 0)));
        Assert.That(record.Detail, Does.Contain("error"));
    }
}
