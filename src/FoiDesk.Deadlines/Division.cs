namespace FoiDesk.Deadlines;

/// <summary>
/// A part of the UK with its own bank holidays under the Banking and Financial Dealings Act 1971 (Sch 1).
/// GOV.UK publishes one list per division; there is no Wales-only or UK-wide list.
/// </summary>
public enum Division
{
    EnglandAndWales,
    Scotland,
    NorthernIreland,
}

public static class Divisions
{
    public static IReadOnlyList<Division> All { get; } = [Division.EnglandAndWales, Division.Scotland, Division.NorthernIreland];

    /// <summary>The GOV.UK feed's key, e.g. <c>england-and-wales</c>.</summary>
    public static string Key(this Division division) => division switch
    {
        Division.EnglandAndWales => "england-and-wales",
        Division.Scotland => "scotland",
        Division.NorthernIreland => "northern-ireland",
        _ => throw new ArgumentOutOfRangeException(nameof(division)),
    };

    /// <summary>The name a person reads in the working, e.g. "England and Wales".</summary>
    public static string DisplayName(this Division division) => division switch
    {
        Division.EnglandAndWales => "England and Wales",
        Division.Scotland => "Scotland",
        Division.NorthernIreland => "Northern Ireland",
        _ => throw new ArgumentOutOfRangeException(nameof(division)),
    };

    public static bool TryParse(string key, out Division division)
    {
        foreach (var d in All)
        {
            if (string.Equals(d.Key(), key, StringComparison.Ordinal))
            {
                division = d;
                return true;
            }
        }

        division = default;
        return false;
    }
}
