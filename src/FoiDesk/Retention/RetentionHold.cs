namespace FoiDesk.Retention;

/// <summary>A hold on a case: its deletion waits until the expiry (litigation, an ICO investigation).</summary>
public sealed record RetentionHold
{
    public required long Id { get; init; }
    public required string Reference { get; init; }
    public required string Reason { get; init; }
    public required DateOnly ExpiresOn { get; init; }
    public required string PlacedBy { get; init; }
    public required DateTimeOffset PlacedAt { get; init; }
    public string? ReleasedBy { get; init; }
    public DateTimeOffset? ReleasedAt { get; init; }
}
