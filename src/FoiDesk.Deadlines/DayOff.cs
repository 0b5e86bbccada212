namespace FoiDesk.Deadlines;

/// <summary>Why a day is not a working day in a calendar.</summary>
/// <param name="Name">"Saturday", or the holiday's title (e.g. "World Cup bank holiday").</param>
/// <param name="Divisions">Where it is a bank holiday; empty for weekends and fixed-rule days.</param>
/// <param name="Source">The holiday row's provenance (gov.uk or the admin's note); null for weekends and fixed-rule days.</param>
public sealed record DayOff(DateOnly Date, string Name, IReadOnlyList<Division> Divisions, DayOffKind Kind, string? Source = null)
{
    /// <summary>"World Cup bank holiday (Scotland)"; "Christmas Day (fixed rule: not in the holiday table)".</summary>
    public string Describe() => Kind switch
    {
        DayOffKind.Weekend => Name,
        DayOffKind.FixedRule => $"{Name} (fixed rule: the holiday table does not cover {Date.Year})",
        DayOffKind.AdminAdded => $"{Name} ({NationList()}; added by admin: {Source})",
        _ => $"{Name} ({NationList()})",
    };

    private string NationList() =>
        Divisions.Count == global::FoiDesk.Deadlines.Divisions.All.Count
            ? "all of the UK"
            : string.Join(", ", Divisions.Select(d => d.DisplayName())) + " only";
}

public enum DayOffKind
{
    Weekend,

    /// <summary>A bank holiday from GOV.UK's list.</summary>
    BankHoliday,

    /// <summary>A bank holiday an admin added (e.g. proclaimed before GOV.UK listed it).</summary>
    AdminAdded,

    /// <summary>Christmas Day or Good Friday in a year the holiday table does not cover (named in FOIA s10(6) and FOISA s73).</summary>
    FixedRule,
}
