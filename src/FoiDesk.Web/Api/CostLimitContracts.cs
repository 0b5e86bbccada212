using FoiDesk.CostLimit;
using FoiDesk.Requesters;

namespace FoiDesk.Web.Api;

// Bodies of the cost limit and requester history endpoints (issue 19 parts 2 and 3). Members of request bodies
// are optional in the type so that a missing one is answered with a field error.

/// <summary>PUT body and GET answer: hours for each activity of the Fees Regulations 2004 reg 4(3).</summary>
public sealed record CostEstimateBody
{
    public decimal? Determining { get; init; }
    public decimal? Locating { get; init; }
    public decimal? Retrieving { get; init; }
    public decimal? Extracting { get; init; }

    /// <summary>How the estimate was made.</summary>
    public string? Basis { get; init; }
    public decimal? TotalHours { get; init; }

    public static CostEstimateBody From(CostEstimate e) => new()
    {
        Determining = e.Determining, Locating = e.Locating, Retrieving = e.Retrieving, Extracting = e.Extracting, Basis = e.Basis, TotalHours = e.TotalHours,
    };
}

public sealed record QuestionCostBody(long QuestionId, int Position, string Number, CostEstimateBody? Estimate, string? EstimatedBy);

/// <summary>The proposed refusal while the estimate is over the limit: the letter as it would go, or why it cannot.</summary>
public sealed record CostLimitProposal(string Letter, string Subject, string Text, bool CanSend, IReadOnlyList<string> Problems);

public sealed record CaseCostBody(
    string Reference, bool Eir, decimal LimitHours, decimal HourlyRate, decimal LimitAmount, decimal TotalHours, decimal TotalCost,
    bool OverLimit, int Unestimated, IReadOnlyList<QuestionCostBody> Questions, CostLimitProposal? Proposal)
{
    public static CaseCostBody From(CaseCost c, CostLimitProposal? proposal) => new(
        c.Reference, c.Eir, c.LimitHours, c.HourlyRate, c.LimitAmount, c.TotalHours, c.TotalCost, c.OverLimit, c.Unestimated,
        [.. c.Questions.Select(q => new QuestionCostBody(q.QuestionId, q.Position, q.Number, q.Estimate is null ? null : CostEstimateBody.From(q.Estimate), q.EstimatedBy))],
        proposal);
}

/// <summary>POST body: the officer's decision on a flag. Other is the other case's reference.</summary>
public sealed record FlagDecisionInput
{
    public string? Other { get; init; }

    /// <summary>Aggregate (reg 5), or treat as a repeated request (s.14(2)).</summary>
    public bool? Yes { get; init; }
    public string? Reason { get; init; }
}

public sealed record DecisionBody(bool Yes, string Reason, string DecidedBy, DateTimeOffset DecidedAt)
{
    public static DecisionBody? From(RecordedDecision? d) => d is null ? null : new(d.Yes, d.Reason, d.DecidedBy, d.DecidedAt);
}

public sealed record AggregationCandidateBody(string Reference, DateTimeOffset ReceivedAt, bool SameRequester, double Similarity, string Why, DecisionBody? Decision);

public sealed record RequesterCaseBody(string Reference, string Subject, DateTimeOffset ReceivedAt, string Status, string? Outcome, DateOnly? RespondedOn, IReadOnlyList<string> Matches);

public sealed record RepeatFlagBody(string EarlierReference, DateOnly RespondedOn, DateOnly IntervalEndsOn, double Similarity, bool Identical, DecisionBody? Decision);

public sealed record RequesterHistoryBody(string Reference, IReadOnlyList<RequesterCaseBody> Others, IReadOnlyList<RepeatFlagBody> Repeats);
