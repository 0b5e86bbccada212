namespace FoiDesk.Requesters;

/// <summary>Another case from the same requester, with the reasons FoiDesk thinks so.</summary>
public sealed record RequesterCase
{
    public required long Id { get; init; }
    public required string Reference { get; init; }
    public required string Subject { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }
    public required string Status { get; init; }
    public string? Outcome { get; init; }
    public string? Regime { get; init; }

    /// <summary>The day the response was sent (the response_sent clock event), if it has been.</summary>
    public DateOnly? RespondedOn { get; init; }

    /// <summary>The rules that matched: <see cref="RequesterMatch"/> values.</summary>
    public required IReadOnlyList<RequesterMatch> Matches { get; init; }
}
