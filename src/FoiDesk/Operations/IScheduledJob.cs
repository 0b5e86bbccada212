namespace FoiDesk.Operations;

/// <summary>
/// Work the job server runs on a schedule or on demand. Implementations are thin and idempotent: a firing
/// caught up after a restart, or started twice (a schedule and a "start now"), does nothing twice. Exceptions
/// reach the job server, which retries transient ones and marks <see cref="PermanentJobFailureException"/> failed at once.
/// </summary>
public interface IScheduledJob
{
    Task RunAsync(JobRun run, CancellationToken ct);
}
