using System.Globalization;

namespace FoiDesk.CostLimit;

/// <summary>
/// FoiDesk:CostLimit. The appropriate limit in hours for each kind of authority and the hourly rate (Fees
/// Regulations 2004 reg 4(4): staff time is costed at £25 per person per hour). Validated at start-up: a
/// limit that is not positive would propose a refusal for every request.
/// </summary>
public sealed class CostLimitOptions
{
    public const string Section = "FoiDesk:CostLimit";

    /// <summary>Which of the two limits this authority works under.</summary>
    public AuthorityKind Authority { get; set; } = AuthorityKind.LocalAuthority;

    public decimal LocalAuthorityHours { get; set; } = 18m;

    public decimal CentralGovernmentHours { get; set; } = 24m;

    public decimal HourlyRate { get; set; } = 25m;

    public decimal LimitHours => Authority == AuthorityKind.CentralGovernment ? CentralGovernmentHours : LocalAuthorityHours;

    public decimal LimitAmount => LimitHours * HourlyRate;

    /// <summary>The problems with these settings, empty when they can be used.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (!Enum.IsDefined(Authority))
        {
            problems.Add($"{Section}:Authority must be LocalAuthority or CentralGovernment");
        }

        foreach (var (name, value) in new[] { ("LocalAuthorityHours", LocalAuthorityHours), ("CentralGovernmentHours", CentralGovernmentHours), ("HourlyRate", HourlyRate) })
        {
            if (value <= 0 || value > 1000)
            {
                problems.Add($"{Section}:{name} must be more than 0 and at most 1000, not {value.ToString(CultureInfo.InvariantCulture)}");
            }
        }

        return problems;
    }
}
