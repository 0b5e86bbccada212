namespace FoiDesk.Deadlines;

/// <summary>The statutory clocks FoiDesk computes. <see cref="Regimes.Key"/> gives the contract names (foia, eir, ...).</summary>
public enum Regime
{
    /// <summary>FOIA 2000 s10: 20 working days, UK calendar.</summary>
    Foia,

    /// <summary>EIR 2004 reg 5(2): 20 working days, UK calendar (reg 2(1) borrows FOIA s10(6)).</summary>
    Eir,

    /// <summary>FOISA 2002 s10: 20 working days, Scotland calendar (s73).</summary>
    Foisa,

    /// <summary>Internal review under the FOIA s45 Code, Part 5 (non-statutory).</summary>
    FoiaReview,

    /// <summary>EIR reg 11 reconsideration (statutory, 40 working days).</summary>
    EirReview,

    /// <summary>FOISA s21 review (statutory, 20 working days, Scotland calendar).</summary>
    FoisaReview,

    /// <summary>UK GDPR Art 12(3) subject access: one calendar month, rolled forward off a non-working day.</summary>
    Sar,
}

public static class Regimes
{
    public static string Key(this Regime regime) => regime switch
    {
        Regime.Foia => "foia",
        Regime.Eir => "eir",
        Regime.Foisa => "foisa",
        Regime.FoiaReview => "foia-review",
        Regime.EirReview => "eir-review",
        Regime.FoisaReview => "foisa-review",
        Regime.Sar => "sar",
        _ => throw new ArgumentOutOfRangeException(nameof(regime)),
    };

    /// <summary>Parses a contract name; throws <see cref="DeadlineInputException"/> for anything else.</summary>
    public static Regime Parse(string key)
    {
        foreach (var r in Enum.GetValues<Regime>())
        {
            if (string.Equals(r.Key(), key, StringComparison.Ordinal))
            {
                return r;
            }
        }

        throw new DeadlineInputException(
            $"unknown regime '{key}' (expected one of: {string.Join(", ", Enum.GetValues<Regime>().Select(r => r.Key()))})");
    }

    /// <summary>The working-day calendar a regime counts in (rule book 2.3); SAR uses the controller's nation.</summary>
    public static CalendarId CalendarOf(this Regime regime, CalendarId sarCalendar) => regime switch
    {
        Regime.Foia or Regime.Eir or Regime.FoiaReview or Regime.EirReview => CalendarId.Uk,
        Regime.Foisa or Regime.FoisaReview => CalendarId.Scotland,
        Regime.Sar => sarCalendar == CalendarId.Uk
            ? throw new DeadlineInputException("subject access rolls forward on one nation's calendar: england-and-wales, scotland or northern-ireland")
            : sarCalendar,
        _ => throw new ArgumentOutOfRangeException(nameof(regime)),
    };
}
