namespace FoiDesk.Ico;

/// <summary>A date the council owes the ICO something on a case.</summary>
public sealed record IcoDue
{
    public required long CaseId { get; init; }
    public required DateOnly Due { get; init; }
}
