namespace FoiDesk.Retention;

/// <summary>
/// One weekly list of cases due for deletion, and once confirmed its deletion certificate: which cases went,
/// under which rule, and who confirmed (UK GDPR Art 5(2), accountability: the controller can show it deleted).
/// </summary>
public sealed record RetentionRun
{
    public required long Id { get; init; }
    public required DateTimeOffset ListedAt { get; init; }
    public required DateOnly ListedOn { get; init; }
    public required string Status { get; init; }
    public string? ConfirmedBy { get; init; }
    public DateTimeOffset? ConfirmedAt { get; init; }
    public required bool Automatic { get; init; }
    public IReadOnlyList<RetentionRunCase> Cases { get; init; } = [];
}
