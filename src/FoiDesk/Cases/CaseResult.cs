namespace FoiDesk.Cases;

/// <summary>
/// What a <see cref="CaseWorkflow"/> command did: the case's status afterwards, or the problem that stopped it.
/// <see cref="Warning"/> is a problem with a later, separate step that did not undo the change (the acknowledgement
/// after a confirmed triage). <see cref="OutboxId"/> is the letter queued with the change, if any.
/// </summary>
public sealed record CaseResult
{
    public CaseStatus? Status { get; init; }

    public CaseProblem? Problem { get; init; }

    public CaseProblem? Warning { get; init; }

    public long? OutboxId { get; init; }

    public static CaseResult Moved(CaseStatus status, long? outboxId = null) => new() { Status = status, OutboxId = outboxId };

    public static CaseResult Refused(CaseProblem problem) => new() { Problem = problem };
}
