namespace FoiDesk.CostLimit;

/// <summary>
/// A case's estimates added up against the appropriate limit. The limit applies to the request as a whole
/// (Fees Regulations reg 4(1)), so the questions' hours are summed; questions without an estimate count as none.
/// </summary>
public sealed record CaseCost
{
    public required string Reference { get; init; }

    /// <summary>EIR cases have no hours limit in law; the limit is the starting point for reg 12(4)(b) (ICO guidance).</summary>
    public required bool Eir { get; init; }
    public required decimal LimitHours { get; init; }
    public required decimal HourlyRate { get; init; }
    public required IReadOnlyList<QuestionCost> Questions { get; init; }

    public decimal LimitAmount => LimitHours * HourlyRate;

    public decimal TotalHours => Questions.Sum(q => q.Estimate?.TotalHours ?? 0);

    public decimal TotalCost => TotalHours * HourlyRate;

    /// <summary>Past the limit: s.12(1) lets the authority refuse (it is not obliged to). Equal to the limit is within it.</summary>
    public bool OverLimit => TotalHours > LimitHours;

    public int Unestimated => Questions.Count(q => q.Estimate is null);

    /// <summary>Hours per activity across the request, in reg 4(3) order.</summary>
    public IReadOnlyList<(string Name, decimal Hours)> ByActivity() =>
    [
        .. new CostEstimate(0, 0, 0, 0).Activities().Select((a, i) => (a.Name,
            Questions.Sum(q => q.Estimate is { } e ? e.Activities().ElementAt(i).Hours : 0))),
    ];

    /// <summary>
    /// Questions that, taken in the requester's order, fit within the limit together: the basis of the advice on
    /// narrowing the request (FOIA s.16; s.45 Code of Practice para 6.9-6.11 asks the authority to say what could
    /// be provided within the limit).
    /// </summary>
    public IReadOnlyList<QuestionCost> FitWithinLimit()
    {
        var fit = new List<QuestionCost>();
        var hours = 0m;
        foreach (var q in Questions.OrderBy(q => q.Position))
        {
            var h = q.Estimate?.TotalHours ?? 0;
            if (hours + h <= LimitHours)
            {
                fit.Add(q);
                hours += h;
            }
        }

        return fit;
    }
}
