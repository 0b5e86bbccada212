using FoiDesk.Operations;

namespace FoiDesk.Publication;

/// <summary>
/// Publishes sent responses the officers chose for the disclosure log, every 15 minutes and at once when an
/// officer publishes a case. Thin; idempotent (a run with nothing new writes nothing, and a case is published
/// from a given letter once); exceptions (a leak in the index, an unwritable folder) reach the job server.
/// </summary>
public sealed class DisclosureLogJob(DisclosureLog log) : IScheduledJob
{
    public async Task RunAsync(JobRun run, CancellationToken ct) =>
        await log.PublishAsync(log.Directory, ct, onlyWhenChanged: true);
}
