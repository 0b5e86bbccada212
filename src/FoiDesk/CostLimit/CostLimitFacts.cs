namespace FoiDesk.CostLimit;

/// <summary>
/// What a cost limit refusal states (FOIA s.12 and s.17(5); for EIR, reg 12(4)(b) and reg 14): the appropriate
/// limit, the estimate with its breakdown by activity (Fees Regulations 2004 reg 4(3)), and the advice and
/// assistance on narrowing the request (FOIA s.16; EIR reg 9).
/// </summary>
public sealed record CostLimitFacts
{
    public required decimal LimitHours { get; init; }
    public required decimal HourlyRate { get; init; }
    public required decimal EstimatedHours { get; init; }

    /// <summary>The estimate as a Markdown table, one row per question, with totals.</summary>
    public required string Breakdown { get; init; }

    /// <summary>Advice on narrowing the request (Markdown).</summary>
    public required string Advice { get; init; }

    public decimal LimitAmount => LimitHours * HourlyRate;

    public decimal EstimatedCost => EstimatedHours * HourlyRate;
}
