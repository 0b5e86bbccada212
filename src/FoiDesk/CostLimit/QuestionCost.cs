namespace FoiDesk.CostLimit;

/// <summary>One question of a case with its estimate, if a commissioner has recorded one.</summary>
public sealed record QuestionCost
{
    public required long QuestionId { get; init; }
    public required int Position { get; init; }
    public required string Number { get; init; }
    public required string Text { get; init; }
    public CostEstimate? Estimate { get; init; }
    public string? EstimatedBy { get; init; }
    public DateTimeOffset? EstimatedAt { get; init; }
}
