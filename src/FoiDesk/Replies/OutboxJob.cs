using Quartz;

namespace FoiDesk.Replies;

/// <summary>Sends due outbox entries. Thin; idempotent (claims are leased); exceptions reach Quartz.</summary>
[DisallowConcurrentExecution]
public sealed class OutboxJob(OutboxSender sender) : IJob
{
    public static readonly JobKey Key = new("outbox", "mail");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await sender.SendDueAsync(batch: 100, cancellationToken);
}
