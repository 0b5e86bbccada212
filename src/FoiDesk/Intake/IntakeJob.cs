using Quartz;

namespace FoiDesk.Intake;

/// <summary>Polls the configured mailbox. Thin: the runner does the work; exceptions reach Quartz.</summary>
[DisallowConcurrentExecution]
public sealed class IntakeJob(IntakeRunner runner, IMailSource source) : IJob
{
    public static readonly JobKey Key = new("intake", "mail");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await runner.RunOnceAsync(source, cancellationToken);
}
