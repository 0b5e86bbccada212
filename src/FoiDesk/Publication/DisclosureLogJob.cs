using Quartz;

namespace FoiDesk.Publication;

/// <summary>
/// Publishes sent responses the officers chose for the disclosure log, every 15 minutes. Thin; idempotent (a
/// run with nothing new writes nothing, and a case is published from a given letter once); clustered, so one
/// instance runs each firing; exceptions (a leak in the index, an unwritable folder) reach Quartz.
/// </summary>
[DisallowConcurrentExecution]
public sealed class DisclosureLogJob(DisclosureLog log) : IJob
{
    public static readonly JobKey Key = new("disclosure-log", "publication");

    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(15);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await log.PublishAsync(log.Directory, cancellationToken, onlyWhenChanged: true);
}
