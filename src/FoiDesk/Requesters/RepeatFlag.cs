namespace FoiDesk.Requesters;

/// <summary>An earlier answered request from the same requester that this one repeats, perhaps (FOIA s.14(2)).</summary>
public sealed record RepeatFlag
{
    public required string EarlierReference { get; init; }
    public required string EarlierSubject { get; init; }
    public required DateOnly RespondedOn { get; init; }

    /// <summary>The last day of the reasonable interval after the earlier response.</summary>
    public required DateOnly IntervalEndsOn { get; init; }
    public required double Similarity { get; init; }
    public required IReadOnlyList<RequesterMatch> Matches { get; init; }
    public RecordedDecision? Decision { get; init; }

    public bool Identical => Similarity >= 1;
}
