namespace FoiDesk.Deadlines;

/// <summary>One named statutory date, e.g. (response_due_pit, 2025-08-01).</summary>
public sealed record StatutoryDate(string Name, DateOnly Date);

/// <summary>
/// The statutory dates of one clock, and the one rule for which of them the response is due by now. Every screen,
/// letter, report and reminder asks <see cref="CurrentDue"/>, so they cannot disagree.
/// </summary>
public sealed record StatutoryDates(IReadOnlyDictionary<string, DateOnly> Dates)
{
    /// <summary>
    /// The order of precedence: a PIT extension (FOIA s10(3), only after a s17(2) notice) or an extension notice
    /// (EIR reg 7(1); UK GDPR Art 12(3)) replaces the 20 working day / one month date once given; a review is
    /// measured against its 20 (EIR: 40) working day date. review_response_due_extended is the Code's outer limit
    /// for exceptional reviews (rule book I3), never the date a review is due by, so it is not in the list.
    /// </summary>
    public static IReadOnlyList<string> Precedence { get; } =
        [DateNames.ResponseDuePit, DateNames.ResponseDueExtended, DateNames.ResponseDue, DateNames.ReviewResponseDue];

    /// <summary>The date the response is due by now; null while the clock is stopped (no such date yet).</summary>
    public StatutoryDate? CurrentDue => CurrentDueOf(Dates);

    /// <summary>The extended date (PIT or extension notice) when one is in force, else null.</summary>
    public StatutoryDate? Extended => CurrentDue is { Name: DateNames.ResponseDuePit or DateNames.ResponseDueExtended } due ? due : null;

    /// <summary>The <see cref="CurrentDue"/> rule over a bare date map.</summary>
    public static StatutoryDate? CurrentDueOf(IReadOnlyDictionary<string, DateOnly> dates)
    {
        foreach (var name in Precedence)
        {
            if (dates.TryGetValue(name, out var date))
            {
                return new StatutoryDate(name, date);
            }
        }

        return null;
    }
}
