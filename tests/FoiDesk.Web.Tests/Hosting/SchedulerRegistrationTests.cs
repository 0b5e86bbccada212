using FoiDesk.Deadlines;
using FoiDesk.Reporting;
using FoiDesk.Tests.Database;
using FoiDesk.Web.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quartz;

namespace FoiDesk.Web.Tests.Hosting;

/// <summary>The clock jobs as the host schedules them, read back from the clustered job store.</summary>
public sealed class SchedulerRegistrationTests
{
    [Test]
    public async Task Scheduler_NoRefreshUrl_SchedulesRemindersButNotTheRefresh()
    {
        await using var host = await StartAsync(refreshUrl: null);
        var scheduler = host.Services.GetRequiredKeyedService<IScheduler>(FoiDeskServices.SchedulerName);

        Assert.That(await scheduler.Exists(ReminderJob.Key, CancellationToken.None), Is.True);
        Assert.That(await scheduler.Exists(HolidayRefreshJob.Key, CancellationToken.None), Is.False, "off by default: nothing reaches GOV.UK");
        var publication = (ISimpleTrigger)(await scheduler.GetTrigger(new TriggerKey("disclosure-log", "publication"), CancellationToken.None))!;
        Assert.That(publication.RepeatInterval, Is.EqualTo(TimeSpan.FromMinutes(15)));
        var trigger = (ICronTrigger)(await scheduler.GetTrigger(new TriggerKey("reminders", "deadlines"), CancellationToken.None))!;
        Assert.That(trigger.TimeZone.Id, Is.EqualTo(FoiDesk.LondonTime.Zone.Id));
        var next = TimeZoneInfo.ConvertTime(trigger.NextFireTimeUtc!.Value, FoiDesk.LondonTime.Zone);
        Assert.That((next.Hour, next.Minute), Is.EqualTo((7, 30)));
        Assert.That(next.DayOfWeek, Is.Not.EqualTo(DayOfWeek.Saturday).And.Not.EqualTo(DayOfWeek.Sunday));
        // The job queues the digests after recording the day's rows: what it needs must resolve from the host.
        Assert.That(host.Services.GetRequiredService<ReminderDigests>(), Is.Not.Null);
    }

    [TestCase(null, null, "http://127.0.0.1:5080")] // the default listening address
    [TestCase(null, "http://*:8080;https://*:8443", "http://localhost:8080")] // a wildcard host is not an address to click
    [TestCase("https://foi.council.example/", "http://*:8080", "https://foi.council.example")] // behind a proxy: the configured address
    public void PublicUrl_Configuration_ResolvesTheAddressForLinksInEmails(string? publicUrl, string? urls, string expected)
    {
        Assert.That(new FoiDeskOptions { PublicUrl = publicUrl }.ResolvedPublicUrl(urls), Is.EqualTo(expected));
    }

    [Test]
    public async Task Scheduler_RefreshUrlSet_SchedulesTheRefresh()
    {
        await using var host = await StartAsync(refreshUrl: "http://127.0.0.1:9/bank-holidays.json");
        var scheduler = host.Services.GetRequiredKeyedService<IScheduler>(FoiDeskServices.SchedulerName);

        Assert.That(await scheduler.Exists(HolidayRefreshJob.Key, CancellationToken.None), Is.True);
    }

    [Test]
    public async Task Scheduler_Always_RefreshesTheTimelinessSummaryEveryMinute()
    {
        await using var host = await StartAsync(refreshUrl: null);
        var scheduler = host.Services.GetRequiredKeyedService<IScheduler>(FoiDeskServices.SchedulerName);

        Assert.That(await scheduler.Exists(TimelinessSummaryJob.Key, CancellationToken.None), Is.True);
        var trigger = (ISimpleTrigger)(await scheduler.GetTrigger(new TriggerKey("timeliness-summary", "reporting"), CancellationToken.None))!;
        Assert.That((trigger.RepeatInterval, trigger.RepeatCount), Is.EqualTo((TimeSpan.FromMinutes(1), -1)));
        Assert.That(host.Services.GetRequiredService<TimelinessSummary>(), Is.Not.Null, "the job's service is a core service, resolvable without the web pages");
    }

    [TestCase(null, false)]
    [TestCase("imap.council.example", true)]
    public async Task Host_InboxKind_WatchesForNewMailOnlyOverImap(string? imapHost, bool watching)
    {
        // IDLE needs an IMAP inbox; the drop folder is read at each poll. (The watcher itself is tested against
        // Dovecot in IntakeEndToEndTests; here the host must register it, and resolve what it needs.)
        await using var host = await StartAsync(refreshUrl: null, imapHost: imapHost, start: false);

        var watcher = host.Services.GetServices<IHostedService>().OfType<FoiDesk.Intake.NewMailWatcher>().Single();

        Assert.That(watcher.Enabled, Is.EqualTo(watching));
    }

    private static async Task<AsyncHost> StartAsync(string? refreshUrl, string? imapHost = null, bool start = true)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), $"fds-{Guid.NewGuid().ToString("N")[..8]}");
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["FoiDesk:DataDirectory"] = dataDirectory;
        builder.Configuration["FoiDesk:Holidays:RefreshUrl"] = refreshUrl;
        builder.Configuration["FoiDesk:Mail:Imap:Host"] = imapHost;
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var options = builder.Configuration.GetSection(FoiDeskOptions.Section).Get<FoiDeskOptions>() ?? new FoiDeskOptions();
        // Long intervals: only the schedule is under test, not the other jobs' work.
        options.HeartbeatSeconds = 3600;
        options.IntakePollSeconds = 3600;
        builder.Services.AddFoiDeskCore(builder.Configuration, await TestCluster.CreateDatabaseAsync());
        builder.Services.AddFoiDeskScheduler(options);
        var host = builder.Build();
        Directory.CreateDirectory(Path.Combine(dataDirectory, "mail", "inbox"));
        if (start)
        {
            await host.StartAsync();
        }

        return new AsyncHost(host, dataDirectory, start);
    }

    private sealed class AsyncHost(IHost host, string dataDirectory, bool started) : IAsyncDisposable
    {
        public IServiceProvider Services => host.Services;

        public async ValueTask DisposeAsync()
        {
            if (started)
            {
                await host.StopAsync();
            }

            host.Dispose();
            Directory.Delete(dataDirectory, recursive: true);
        }
    }
}
