using System.Net;
using FoiDesk.Web.Jobs;
using FoiDesk.Web.Tests.Support;
using Hangfire;
using Hangfire.States;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace FoiDesk.Web.Tests.Jobs;

/// <summary>The web app with its Hangfire job server on a real test database: registration, retries, the dashboard.</summary>
public sealed class JobServerTests
{
    private TestWebApp _app = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _app = await TestWebApp.StartAsync(overrides: services =>
    {
        services.AddFoiDeskJobServer();
        services.AddSingleton<TestWork>();
    });

    [OneTimeTearDown]
    public async Task StopAsync() => await _app.DisposeAsync();

    [Test]
    public void JobServer_Start_RegistersTheEnabledJobsInLondonTime()
    {
        using var connection = _app.Services.GetRequiredService<JobStorage>().GetConnection();
        var recurring = connection.GetRecurringJobs();

        Assert.That(recurring.Select(r => r.Id), Is.EquivalentTo(new[] { "intake", "outbox", "heartbeat", "disclosure-log", "timeliness-summary", "reminders", "retention" }),
            "the holiday refresh is off without a RefreshUrl");
        Assert.That(recurring.Select(r => r.TimeZoneId).Distinct(), Is.EqualTo(new[] { "Europe/London" }));
        Assert.That(recurring.Single(r => r.Id == "reminders").Cron, Is.EqualTo("30 7 * * 1-5"));
        Assert.That(recurring.Single(r => r.Id == "outbox").Cron, Is.EqualTo("*/10 * * * * *"));
        Assert.That(recurring.Single(r => r.Id == "outbox").Job.Args[0], Is.EqualTo("outbox"));
    }

    [Test]
    public async Task TransientFailure_FirstAttemptThrows_RetriedThenSucceeds()
    {
        var key = Guid.NewGuid().ToString("N");
        var id = _app.Services.GetRequiredService<IBackgroundJobClient>().Enqueue<TestWork>(w => w.FailOnceAsync(key));

        var state = await WaitForStateAsync(id, SucceededState.StateName, TimeSpan.FromSeconds(90));

        Assert.That(state, Is.EqualTo(SucceededState.StateName));
        Assert.That(TestWork.Attempts[key], Is.EqualTo(2));
        using var connection = _app.Services.GetRequiredService<JobStorage>().GetConnection();
        Assert.That(connection.GetJobParameter(id, "RetryCount"), Is.EqualTo("1"));
    }

    [Test]
    public async Task PermanentFailure_Thrown_FailsAtOnceAndShowsOnTheDashboard()
    {
        var key = Guid.NewGuid().ToString("N");
        var id = _app.Services.GetRequiredService<IBackgroundJobClient>().Enqueue<TestWork>(w => w.FailPermanentlyAsync(key));

        var state = await WaitForStateAsync(id, FailedState.StateName, TimeSpan.FromSeconds(30));

        Assert.That(state, Is.EqualTo(FailedState.StateName));
        Assert.That(TestWork.Attempts[key], Is.EqualTo(1), "no retry");
        using var admin = await _app.ClientAsync("admin");
        var failed = await admin.GetStringAsync(new Uri("/admin/jobs/jobs/failed", UriKind.Relative));
        Assert.That(failed, Does.Contain($"record 7 was rejected ({key})"));
        var details = await admin.GetStringAsync(new Uri($"/admin/jobs/jobs/details/{id}", UriKind.Relative));
        Assert.That(details, Does.Contain("PermanentJobFailureException"));
    }

    [Test]
    public async Task StartNow_Heartbeat_RunsAtOnceAsAFireAndForgetJob()
    {
        var id = _app.Services.GetRequiredService<JobStarter>().StartNow(JobTable.Heartbeat)!;

        Assert.That(await WaitForStateAsync(id, SucceededState.StateName, TimeSpan.FromSeconds(30)), Is.EqualTo(SucceededState.StateName));
    }

    [Test]
    public async Task Health_JobServerRunning_ReportsServersAndHeartbeatAge()
    {
        // The detail is for administrators; anyone else sees each component's state only (issue 16, Low).
        using var http = await _app.ClientAsync("admin");

        using var health = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync(new Uri("/health", UriKind.Relative)));

        var scheduler = health.RootElement.GetProperty("components").GetProperty("scheduler");
        Assert.That(scheduler.GetProperty("state").GetString(), Is.EqualTo("up"), scheduler.ToString());
        Assert.That(scheduler.ToString(), Does.Contain("1 job server(s); newest server heartbeat"));
    }

    [TestCase(null)]
    [TestCase("ig-officer")]
    [TestCase("commissioner")]
    [TestCase("manager")]
    public async Task Dashboard_NotAnAdministrator_Refused(string? role)
    {
        using var http = await _app.ClientAsync(role);

        var response = await http.GetAsync(new Uri("/admin/jobs", UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(response.Headers.Location?.OriginalString, Does.Contain(role is null ? "/sign-in" : "/access-denied"));
    }

    [Test]
    public async Task Dashboard_Administrator_SeesTheRecurringJobs()
    {
        using var admin = await _app.ClientAsync("admin");

        var page = await admin.GetStringAsync(new Uri("/admin/jobs/recurring", UriKind.Relative));

        Assert.That(page, Does.Contain("reminders").And.Contain("heartbeat").And.Contain("30 7 * * 1-5"));
    }

    [Test]
    public async Task Dashboard_PostWithoutAntiforgeryToken_Refused()
    {
        using var admin = await _app.ClientAsync("admin");
        using var body = new FormUrlEncodedContent(new Dictionary<string, string> { ["jobs[]"] = "heartbeat" });

        var response = await admin.PostAsync(new Uri("/admin/jobs/recurring/trigger", UriKind.Relative), body);

        Assert.That(response.StatusCode, Is.Not.EqualTo(HttpStatusCode.OK).And.Not.EqualTo(HttpStatusCode.NoContent), "a cross-site form cannot trigger a job");
    }

    private async Task<string?> WaitForStateAsync(string id, string wanted, TimeSpan timeout)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        string? state = null;
        while (clock.Elapsed < timeout)
        {
            using (var connection = _app.Services.GetRequiredService<JobStorage>().GetConnection())
            {
                state = connection.GetStateData(id)?.Name;
            }

            if (state == wanted)
            {
                return state;
            }

            await Task.Delay(250);
        }

        return state;
    }
}
