namespace FoiDesk.Retention;

/// <summary>A case on a run: the rule that made it due and, after the deletion, what happened to it.</summary>
public sealed record RetentionRunCase
{
    public required string Reference { get; init; }
    public required DateOnly ClosedOn { get; init; }
    public required DateOnly DeleteAfter { get; init; }
    public required string Rule { get; init; }
    public string? Result { get; init; }
    public required int FilesDeleted { get; init; }
}
