using FoiDesk.Web.Hosting;
using Hangfire;
using Microsoft.Extensions.Options;

namespace FoiDesk.Web.Jobs;

/// <summary>
/// At start-up, makes Hangfire's recurring jobs match <see cref="JobTable"/>: adds or updates the enabled ones
/// (every host does this; the same definition written twice is one job) and removes the disabled ones.
/// </summary>
public sealed class RecurringJobRegistration(IRecurringJobManager recurring, IOptions<FoiDeskOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var job in JobTable.For(options.Value))
        {
            if (job.Enabled)
            {
                var id = job.Id;
                recurring.AddOrUpdate<JobRunner>(id, r => r.RunAsync(id, null, CancellationToken.None), job.Cron, new RecurringJobOptions
                {
                    TimeZone = LondonTime.Zone,
                    // One run for any number of firings missed while no host was up: catch up, never burst.
                    MisfireHandling = MisfireHandlingMode.Relaxed,
                });
            }
            else
            {
                recurring.RemoveIfExists(job.Id);
            }
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
