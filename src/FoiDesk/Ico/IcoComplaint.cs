namespace FoiDesk.Ico;

/// <summary>A complaint to the Information Commissioner about a case, and the dates the ICO set.</summary>
public sealed record IcoComplaint
{
    public required long Id { get; init; }
    public required long CaseId { get; init; }
    public required string Reference { get; init; }
    public required string IcoReference { get; init; }
    public required DateOnly ReceivedOn { get; init; }

    /// <summary>The date the ICO gave for the council's submissions (from its letter; not computed).</summary>
    public required DateOnly ResponseDueOn { get; init; }
    public DateOnly? SubmittedOn { get; init; }
    public string? Outcome { get; init; }
    public DateOnly? DecidedOn { get; init; }
    public DateOnly? ComplianceDueOn { get; init; }
    public DateOnly? TribunalDecidedOn { get; init; }
    public required string RecordedBy { get; init; }

    public bool Open => Outcome is null || (Outcome == IcoOutcomes.Tribunal && TribunalDecidedOn is null);

    /// <summary>The next date the council owes the ICO something: its submissions, then compliance with a notice.</summary>
    public DateOnly? NextDue => SubmittedOn is null && Outcome is null ? ResponseDueOn
        : ComplianceDueOn is { } c && Open is false ? c
        : null;
}
