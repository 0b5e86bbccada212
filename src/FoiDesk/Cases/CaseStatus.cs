namespace FoiDesk.Cases;

/// <summary>
/// Where a case is (foi_case.status). The database keeps the text of <see cref="CaseStatuses"/>; the moves
/// between them are <see cref="CaseTransitions"/>, and only <see cref="CaseWorkflow"/> makes them.
/// </summary>
public enum CaseStatus
{
    /// <summary>Received, awaiting triage.</summary>
    New,

    /// <summary>Confirmed and being answered; the clock runs.</summary>
    Open,

    /// <summary>The clock is stopped: awaiting clarification (FOIA s1(3)) or a fee (s9).</summary>
    OnHold,

    /// <summary>Every question has a submitted answer; the reply waits for an approver.</summary>
    AwaitingApproval,

    /// <summary>The reply is approved and waits to be sent.</summary>
    Approved,

    /// <summary>The reply has been sent ('complied with' in FOIA s10, or a s17 refusal notice given).</summary>
    Responded,

    /// <summary>Withdrawn, lapsed (clarification or fee never came), not FOI, or a duplicate.</summary>
    Closed,
}
