using FoiDesk.Operations;

namespace FoiDesk.Replies;

/// <summary>Sends due outbox entries. Thin; idempotent (claims are leased); exceptions reach the job server.</summary>
public sealed class OutboxJob(OutboxSender sender) : IScheduledJob
{
    public async Task RunAsync(JobRun run, CancellationToken ct)
    {
        var sent = await sender.SendDueAsync(batch: 100, ct);
        if (sent.Sent > 0)
        {
            FoiDeskMetrics.OutboxSent.Add(sent.Sent);
        }

        if (sent.Retrying > 0)
        {
            FoiDeskMetrics.OutboxFailures.Add(sent.Retrying, new KeyValuePair<string, object?>("retrying", true));
        }

        if (sent.Failed > 0)
        {
            FoiDeskMetrics.OutboxFailures.Add(sent.Failed, new KeyValuePair<string, object?>("retrying", false));
        }
    }
}
