using Hangfire;

namespace FoiDesk.Web.Jobs;

/// <summary>
/// Starts a job now, as a fire-and-forget background job, instead of waiting for its next firing: an approved
/// letter is sent, a published case reaches the disclosure log, new mail is read. A no-op where no job storage
/// is configured (the CLI). The run is the same idempotent job, so one started now and a firing do nothing twice.
/// </summary>
public sealed class JobStarter(IServiceProvider services)
{
    public string? StartNow(string jobId)
    {
        var client = services.GetService<IBackgroundJobClient>();
        return client?.Enqueue<JobRunner>(r => r.RunAsync(jobId, null, CancellationToken.None));
    }
}
