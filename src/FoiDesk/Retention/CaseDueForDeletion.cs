namespace FoiDesk.Retention;

/// <summary>A closed case whose retention period has run out, and what (if anything) stops its deletion.</summary>
public sealed record CaseDueForDeletion
{
    public required long CaseId { get; init; }
    public required string Reference { get; init; }
    public required DateOnly ClosedOn { get; init; }
    public required DateOnly DeleteAfter { get; init; }
    public required string Rule { get; init; }

    /// <summary>Null when it may go; otherwise "on hold until ...", "open internal review" or "open ICO complaint".</summary>
    public string? Blocked { get; init; }
}
