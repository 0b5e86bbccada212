using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using FoiDesk.Operations;
using FoiDesk.Tests.Support;
using FoiDesk.Web.Hosting;
using FoiDesk.Web.Jobs;
using FoiDesk.Web.Tests.Support;
using Hangfire;
using Hangfire.States;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FoiDesk.Web.Tests.Jobs;

/// <summary>FoiDesk's metrics as an in-process MeterListener sees them while real jobs run on the job server.</summary>
public sealed class JobMetricsTests
{
    [Test]
    public async Task IntakeJob_TwoRequestsDropped_CountsMessagesAndTheRunsDuration()
    {
        var measured = new ConcurrentBag<(string Instrument, double Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == FoiDeskMetrics.Name)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => measured.Add((i.Name, v, Tags(tags))));
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => measured.Add((i.Name, v, Tags(tags))));
        listener.Start();
        await using var app = await TestWebApp.StartAsync(overrides: services => services.AddFoiDeskJobServer());
        var inbox = app.Services.GetRequiredService<IOptions<FoiDeskOptions>>().Value.InboxDirectory;
        for (var i = 0; i < 2; i++)
        {
            await File.WriteAllBytesAsync(Path.Combine(inbox, $"m{i}.eml"), RequestMail.Generate(900 + i, app.Time.GetUtcNow()));
        }

        var id = app.Services.GetRequiredService<JobStarter>().StartNow(JobTable.Intake)!;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        string? state = null;
        while (clock.Elapsed < TimeSpan.FromSeconds(60) && state != SucceededState.StateName)
        {
            await Task.Delay(200);
            using var connection = app.Services.GetRequiredService<JobStorage>().GetConnection();
            state = connection.GetStateData(id)?.Name;
        }

        Assert.That(state, Is.EqualTo(SucceededState.StateName));
        // The recurring poll may have been reading them when ours started (ours then skips): let it finish.
        double Requests() => measured.Where(m => m.Instrument == "foidesk.intake.messages" && Equals(m.Tags.GetValueOrDefault("outcome"), "request")).Sum(m => m.Value);
        while (clock.Elapsed < TimeSpan.FromSeconds(90) && Requests() < 2)
        {
            await Task.Delay(200);
        }

        var requests = Requests();
        Assert.That(requests, Is.EqualTo(2), "the recurring poll may have read them first, but each is counted once");
        Assert.That(measured.Any(m => m.Instrument == "foidesk.job.duration" && Equals(m.Tags["job"], "intake") && Equals(m.Tags["outcome"], "succeeded")), Is.True);
    }

    private static Dictionary<string, object?> Tags(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var d = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var t in tags)
        {
            d[t.Key] = t.Value;
        }

        return d;
    }
}
