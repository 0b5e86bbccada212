using FoiDesk.Cases;
using FoiDesk.Deadlines;

namespace FoiDesk.Reporting;

/// <summary>The date a case had to be answered by, computed (never stored) from its receipt, events and the holiday table.</summary>
public static class DueDates
{
    /// <summary>
    /// The statutory date the response is measured against: response_due, or the PIT / extended date when that
    /// notice was sent (FOIA s10(3), EIR reg 7), or the review date for a review. Null when the clock is stopped
    /// or the events do not validate (the case page shows why).
    /// </summary>
    /// <param name="events">The case's events; empty or response_sent alone takes the fast path.</param>
    public static DateOnly? ResponseDue(string regimeKey, string sarCalendar, DateTimeOffset received, IReadOnlyList<ClockEvent> events, HolidayTable holidays)
    {
        var regime = Regimes.Parse(regimeKey);
        var sar = DeadlineInput.ParseSarCalendar(sarCalendar);
        if (events.All(e => e.Name == ClockEventNames.ResponseSent))
        {
            return DeadlineEngine.StatutoryDue(regime, received, holidays, sar);
        }

        try
        {
            return DeadlineEngine.Compute(regime, received, events, new DeadlineOptions { Holidays = holidays, SarCalendar = sar }).Statutory.CurrentDue?.Date;
        }
        catch (DeadlineInputException)
        {
            return null;
        }
    }

    public static bool Extended(IReadOnlyList<ClockEvent> events) =>
        events.Any(e => e.Name is ClockEventNames.PitNoticeSent or ClockEventNames.ExtensionNoticeSent);

    public static WorkingCalendar CalendarFor(string regimeKey, string sarCalendar, HolidayTable holidays) =>
        holidays.Calendar(Regimes.Parse(regimeKey).CalendarOf(DeadlineInput.ParseSarCalendar(sarCalendar)));
}
