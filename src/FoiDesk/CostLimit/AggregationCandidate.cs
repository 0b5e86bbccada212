using FoiDesk.Requesters;

namespace FoiDesk.CostLimit;

/// <summary>Another request that may be aggregated with this one for the cost limit (Fees Regulations 2004 reg 5).</summary>
public sealed record AggregationCandidate
{
    public required string Reference { get; init; }
    public required string Subject { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>True: the same requester; false: another requester with near-identical wording (apparently acting in concert).</summary>
    public required bool SameRequester { get; init; }
    public required double Similarity { get; init; }

    /// <summary>The reasons in words, for the officer to check.</summary>
    public required string Why { get; init; }
    public RecordedDecision? Decision { get; init; }
}
