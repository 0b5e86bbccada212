using System.Text.Json;
using Dapper;
using FoiDesk.Cases;
using FoiDesk.Tests.Database;
using FoiDesk.Tests.Support;
using FoiDesk.Web.Cli;
using FoiDesk.Web.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace FoiDesk.Web.Tests.Cli;

/// <summary>The holiday verbs against a fresh migrated database, with the services the CLI builds.</summary>
public sealed class HolidayVerbTests
{
    private ServiceProvider _services = null!;

    [SetUp]
    public async Task SetUp()
    {
        var configuration = new ConfigurationBuilder().Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddFoiDeskCore(configuration, await TestCluster.CreateDatabaseAsync());
        services.Replace(ServiceDescriptor.Singleton<TimeProvider>(new ManualTime(new DateTimeOffset(2025, 6, 5, 9, 0, 0, TimeSpan.Zero))));
        _services = services.BuildServiceProvider();
    }

    [TearDown]
    public async Task TearDown() => await _services.DisposeAsync();

    [Test]
    public async Task HolidaysAdd_DayInsideOpenCase_PrintsCaseMovedFromTo()
    {
        var reference = await OpenFoiaCaseAsync(new DateTimeOffset(2025, 6, 2, 10, 0, 0, TimeSpan.FromHours(1)));

        var (exit, stdout, stderr) = await Run("holidays", "add", "--date", "2025-06-16", "--title", "Proclaimed day",
            "--division", "england-and-wales", "--division", "scotland", "--source", "London Gazette 12345");

        Assert.That(exit, Is.EqualTo(0), stderr);
        using var json = JsonDocument.Parse(stdout);
        Assert.That(json.RootElement.GetProperty("divisions").EnumerateArray().Select(d => d.GetString()), Is.EqualTo(new[] { "england-and-wales", "scotland" }));
        var moved = json.RootElement.GetProperty("casesMoved")[0];
        Assert.That(moved.GetProperty("reference").GetString(), Is.EqualTo(reference));
        var date = moved.GetProperty("moved")[0];
        Assert.That((date.GetProperty("date").GetString(), date.GetProperty("from").GetString(), date.GetProperty("to").GetString()),
            Is.EqualTo(("response_due", "2025-06-30", "2025-07-01")));
    }

    [Test]
    public async Task HolidaysList_Year_PrintsOnlyThatYearWithDivisionsAndSource()
    {
        var (exit, stdout, _) = await Run("holidays", "list", "--year", "2026");

        Assert.That(exit, Is.EqualTo(0));
        using var json = JsonDocument.Parse(stdout);
        var days = json.RootElement.EnumerateArray().ToList();
        Assert.That(days.All(d => d.GetProperty("date").GetString()!.StartsWith("2026-", StringComparison.Ordinal)), Is.True);
        var newYear = days.First(d => d.GetProperty("date").GetString() == "2026-01-01");
        Assert.That(newYear.GetProperty("divisions").GetArrayLength(), Is.EqualTo(3));
        Assert.That(newYear.GetProperty("source").GetString(), Is.EqualTo("gov.uk"));
        Assert.That(newYear.GetProperty("title").GetString(), Is.Not.Empty);
    }

    [TestCase("list", "--year", "26", "four-digit year")]
    [TestCase("list", "extra", "unexpected argument")]
    [TestCase("add", "--title", "x", "--division", "scotland", "--date is required")]
    [TestCase("add", "--date", "2025-13-01", "--title", "x", "--division", "scotland", "--date must be YYYY-MM-DD")]
    [TestCase("add", "--date", "16/06/2025", "--title", "x", "--division", "scotland", "--date must be YYYY-MM-DD")]
    [TestCase("add", "--date", "2025-06-16", "--title", "x", "--division", "wales", "unknown division 'wales'")] // Wales has no list of its own
    [TestCase("add", "--date", "2025-06-16", "--title", "x", "--division is required")]
    [TestCase("add", "--date", "2025-06-16", "--title", " ", "--division", "scotland", "--title must not be empty")]
    public async Task Holidays_BadArguments_ExitTwo(params string[] argsAndMessage)
    {
        var (exit, stdout, stderr) = await Run(["holidays", .. argsAndMessage[..^1]]);

        Assert.That(exit, Is.EqualTo(2));
        Assert.That(stdout, Is.Empty);
        Assert.That(stderr.Split('\n')[0], Does.Contain(argsAndMessage[^1]));
    }

    [Test]
    public async Task RemindersRunOnce_Thursday_PrintsTheRun()
    {
        var (exit, stdout, _) = await Run("reminders", "run-once");

        Assert.That(exit, Is.EqualTo(0));
        using var json = JsonDocument.Parse(stdout);
        Assert.That((json.RootElement.GetProperty("day").GetString(), json.RootElement.GetProperty("workingDay").GetBoolean()), Is.EqualTo(("2025-06-05", true)));
    }

    [Test]
    public async Task HolidaysRefresh_NoUrlConfigured_FailsWithExitOne()
    {
        var (exit, _, stderr) = await Run("holidays", "refresh");

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(stderr, Does.Contain("RefreshUrl is not configured"));
    }

    private async Task<string> OpenFoiaCaseAsync(DateTimeOffset received)
    {
        var db = _services.GetRequiredService<NpgsqlDataSource>();
        await using var conn = await db.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync();
        var opened = await _services.GetRequiredService<CaseStore>().OpenAsync(conn, tx, new NewCase
        {
            Classification = Classifications.Foi,
            Regime = "foia",
            Subject = "Test",
            ReceivedAt = received,
            RequestText = "How many?",
        }, "test", CancellationToken.None);
        await conn.ExecuteAsync("update foi_case set status = 'open' where id = @Id", new { opened.Id }, tx);
        await tx.CommitAsync();
        return opened.Reference;
    }

    private async Task<(int Exit, string Stdout, string Stderr)> Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await CliDispatcher.RunAsync(args, (_, _) => Task.FromResult<(IServiceProvider, IAsyncDisposable)>((_services, NoLifetime.Instance)), stdout, stderr, CancellationToken.None);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private sealed class NoLifetime : IAsyncDisposable
    {
        public static readonly NoLifetime Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
