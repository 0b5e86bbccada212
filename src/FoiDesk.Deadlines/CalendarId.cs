namespace FoiDesk.Deadlines;

/// <summary>The working-day calendars of the rule book (section 2.3).</summary>
public enum CalendarId
{
    /// <summary>FOIA s10(6) and EIR reg 2(1), and their reviews: a bank holiday in ANY part of the UK is not a working day.</summary>
    Uk,

    /// <summary>FOISA s73 and its reviews; also the subject access roll-forward for a Scottish controller.</summary>
    Scotland,

    /// <summary>Subject access roll-forward for a controller in England and Wales (the default, rule book 8.7).</summary>
    EnglandAndWales,

    /// <summary>Subject access roll-forward for a controller in Northern Ireland.</summary>
    NorthernIreland,
}

public static class CalendarIds
{
    /// <summary>The divisions whose bank holidays are non-working days in the calendar.</summary>
    public static IReadOnlyList<Division> DivisionsOf(this CalendarId id) => id switch
    {
        CalendarId.Uk => Divisions.All,
        CalendarId.Scotland => [Division.Scotland],
        CalendarId.EnglandAndWales => [Division.EnglandAndWales],
        CalendarId.NorthernIreland => [Division.NorthernIreland],
        _ => throw new ArgumentOutOfRangeException(nameof(id)),
    };

    /// <summary>The name used on the command line and in stored options: uk, scotland, england-and-wales, northern-ireland.</summary>
    public static string Key(this CalendarId id) => id switch
    {
        CalendarId.Uk => "uk",
        CalendarId.Scotland => "scotland",
        CalendarId.EnglandAndWales => "england-and-wales",
        CalendarId.NorthernIreland => "northern-ireland",
        _ => throw new ArgumentOutOfRangeException(nameof(id)),
    };

    public static bool TryParse(string key, out CalendarId id)
    {
        foreach (var c in Enum.GetValues<CalendarId>())
        {
            if (string.Equals(c.Key(), key, StringComparison.Ordinal))
            {
                id = c;
                return true;
            }
        }

        id = default;
        return false;
    }
}
