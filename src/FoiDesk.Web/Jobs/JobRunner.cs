using System.ComponentModel;
using System.Diagnostics;
using Dapper;
using FoiDesk.Operations;
using FoiDesk.Web.Hosting;
using Hangfire.Server;
using Microsoft.Extensions.Options;
using Npgsql;

namespace FoiDesk.Web.Jobs;

/// <summary>
/// What Hangfire invokes for every job: finds the job in <see cref="JobTable"/>, makes sure no other run of the
/// same job is under way on any host, and runs it in its own scope. A run that finds the job already running
/// skips (and succeeds): the running one does the work, so overlaps never show as failures on /admin/jobs.
/// </summary>
public sealed partial class JobRunner(IServiceProvider services, NpgsqlDataSource db, IOptions<FoiDeskOptions> options, ILogger<JobRunner> log)
{
    /// <summary>Names FoiDesk's job locks among advisory locks ("FDJb"); the second key is hashtext(job id).</summary>
    private const int LockClass = 0x46444A62;

    /// <summary>This process, as the heartbeat rows and logs name it.</summary>
    public static readonly string Instance = $"{Environment.MachineName}-{Environment.ProcessId}";

    /// <param name="jobId">A <see cref="JobTable"/> id.</param>
    /// <param name="context">Supplied by Hangfire (pass null): the firing's scheduled time is read from it.</param>
    /// <param name="ct">Supplied by Hangfire: cancelled when this host shuts down, and the job goes back to the queue.</param>
    [DisplayName("{0}")]
    public async Task RunAsync(string jobId, PerformContext? context, CancellationToken ct)
    {
        var job = JobTable.Find(options.Value, jobId);
        var scheduled = ScheduledAt(context);

        // A session advisory lock on a connection of its own: held for the run, released by PostgreSQL if this
        // host dies, so a killed host never blocks the job for the others.
        await using var conn = await db.OpenConnectionAsync(ct);
        if (!await conn.ExecuteScalarAsync<bool>(new CommandDefinition(
            "select pg_try_advisory_lock(@LockClass, hashtext(@jobId))", new { LockClass, jobId }, cancellationToken: ct)))
        {
            LogSkipped(jobId);
            return;
        }

        using var activity = FoiDeskMetrics.Activities.StartActivity($"job {jobId}");
        var clock = Stopwatch.StartNew();
        var outcome = "failed";
        try
        {
            await using var scope = services.CreateAsyncScope();
            var work = (IScheduledJob)ActivatorUtilities.CreateInstance(scope.ServiceProvider, job.JobType);
            await work.RunAsync(new JobRun(jobId, scheduled, Instance), ct);
            outcome = "succeeded";
        }
        catch (Exception e)
        {
            FoiDeskMetrics.JobFailures.Add(1, new KeyValuePair<string, object?>("job", jobId), new KeyValuePair<string, object?>("permanent", e is PermanentJobFailureException));
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            throw;
        }
        finally
        {
            FoiDeskMetrics.JobDuration.Record(clock.Elapsed.TotalSeconds, new KeyValuePair<string, object?>("job", jobId), new KeyValuePair<string, object?>("outcome", outcome));
            await conn.ExecuteAsync(new CommandDefinition("select pg_advisory_unlock(@LockClass, hashtext(@jobId))", new { LockClass, jobId }));
        }
    }

    /// <summary>
    /// The occurrence a recurring firing belongs to (Hangfire's "Time" parameter, Unix seconds); the moment the
    /// job was created for a fire-and-forget run.
    /// </summary>
    private static DateTimeOffset ScheduledAt(PerformContext? context)
    {
        if (context?.GetJobParameter<long?>("Time") is { } time)
        {
            return DateTimeOffset.FromUnixTimeSeconds(time);
        }

        return context?.BackgroundJob.CreatedAt is { } created ? new DateTimeOffset(DateTime.SpecifyKind(created, DateTimeKind.Utc)) : DateTimeOffset.UnixEpoch;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} is already running on a host; this run skips")]
    private partial void LogSkipped(string jobId);
}
