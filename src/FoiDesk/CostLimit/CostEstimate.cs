namespace FoiDesk.CostLimit;

/// <summary>
/// Hours for each activity the Fees Regulations 2004 reg 4(3) allow to be counted towards the appropriate limit.
/// Time spent considering exemptions or redacting is not among them and must not be included.
/// </summary>
public sealed record CostEstimate(decimal Determining, decimal Locating, decimal Retrieving, decimal Extracting, string Basis = "")
{
    /// <summary>Most hours one activity may be given for one question: a typing slip (1800 for 18.00) is refused, not counted.</summary>
    public const decimal MaxHours = 10_000m;

    public decimal TotalHours => Determining + Locating + Retrieving + Extracting;

    /// <summary>What is wrong with the figures, empty when they can be saved.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        foreach (var (name, hours) in Activities())
        {
            if (hours < 0)
            {
                problems.Add($"Hours for {name} cannot be negative");
            }
            else if (hours > MaxHours)
            {
                problems.Add($"Hours for {name} must be at most {MaxHours:0}");
            }
            else if (decimal.Round(hours, 2) != hours)
            {
                problems.Add($"Hours for {name} can have at most two decimal places");
            }
        }

        return problems;
    }

    /// <summary>The four activities in the order of reg 4(3)(a)-(d), with the words the regulation uses.</summary>
    public IEnumerable<(string Name, decimal Hours)> Activities() =>
    [
        ("determining whether the information is held", Determining),
        ("locating the information", Locating),
        ("retrieving the information", Retrieving),
        ("extracting the information", Extracting),
    ];
}
