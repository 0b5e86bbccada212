using System.Globalization;

namespace FoiDesk.Deadlines;

/// <summary>
/// The statutory clocks. Pure: no I/O, no clock; the arrival instant, the events and the holiday table are
/// passed in. Every date comes with the working a person would check it with.
/// </summary>
public static class DeadlineEngine
{
    /// <summary>Computes every date that applies to a case given its events.</summary>
    /// <param name="received">When the request (or review request) arrived; its Europe/London date is the date of receipt.</param>
    /// <exception cref="DeadlineInputException">An event is unknown, not allowed for the regime, or out of order.</exception>
    public static DeadlineResult Compute(Regime regime, DateTimeOffset received, IReadOnlyList<ClockEvent> events, DeadlineOptions? options = null)
    {
        options ??= DeadlineOptions.Default;
        var calendarId = regime.CalendarOf(options.SarCalendar);
        var calendar = options.Holidays.Calendar(calendarId);
        var receipt = LondonTime.DateOf(received);
        var validated = ClockEvents.Validate(regime, receipt, events);
        var log = new WorkingLog(calendar, regime);
        var dates = new OrderedDictionary<string, DateOnly>(StringComparer.Ordinal);

        LogReceipt(regime, received, receipt, calendar, log);
        switch (regime)
        {
            case Regime.Foia or Regime.Eir or Regime.Foisa:
                FoiClock.Compute(regime, receipt, validated, calendar, log, dates);
                break;
            case Regime.FoiaReview or Regime.EirReview or Regime.FoisaReview:
                ReviewClock.Compute(regime, receipt, validated, calendar, log, dates);
                break;
            case Regime.Sar:
                SubjectAccessClock.Compute(receipt, validated, calendar, log, dates);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(regime));
        }

        log.FinishCoverage();
        return new DeadlineResult
        {
            Regime = regime,
            ReceiptDate = receipt,
            Calendar = calendarId,
            Dates = new System.Collections.ObjectModel.ReadOnlyDictionary<string, DateOnly>(dates),
            Working = log.Steps,
            Warnings = log.Warnings,
            HolidayTableVersion = options.Holidays.Version,
        };
    }

    /// <summary>
    /// The fast path for the first statutory date of a case with no events (response_due, or review_response_due
    /// for a review): no working, no validation. Same arithmetic as <see cref="Compute"/>.
    /// </summary>
    public static DateOnly StatutoryDue(Regime regime, DateTimeOffset received, HolidayTable holidays, CalendarId sarCalendar = CalendarId.EnglandAndWales)
    {
        var calendar = holidays.Calendar(regime.CalendarOf(sarCalendar));
        var receipt = LondonTime.DateOf(received);
        return regime switch
        {
            Regime.Sar => calendar.OnOrNextWorkingDay(receipt.AddMonths(1)),
            Regime.EirReview => calendar.AddWorkingDays(receipt, 40),
            _ => calendar.AddWorkingDays(receipt, 20),
        };
    }

    private static void LogReceipt(Regime regime, DateTimeOffset received, DateOnly receipt, WorkingCalendar calendar, WorkingLog log)
    {
        var local = TimeZoneInfo.ConvertTime(received, LondonTime.Zone);
        var what = regime is Regime.FoiaReview or Regime.EirReview or Regime.FoisaReview ? "review request" : "request";
        var basis = regime == Regime.Sar
            ? "UK GDPR Art 12(3): the receipt day is day 1 of the month (rule book D1, D2)"
            : "it is day 0 and never counted, whatever the hour (FOIA s10(6)(a); rule book R1, R3, 8.2)";
        log.Add(StepKind.Receipt, receipt,
            $"The {what} arrived at {local.ToString("HH:mm", CultureInfo.InvariantCulture)} Europe/London time ({received.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture)}), so the date of receipt is {WorkingLog.Day(receipt)}: {basis}.");
        if (regime != Regime.Sar && !calendar.IsWorkingDay(receipt))
        {
            log.Add(StepKind.Note, receipt,
                $"{WorkingLog.Day(receipt)} is not a working day ({string.Join("; ", calendar.Explain(receipt).Select(r => r.Describe()))}); it is still the date of receipt, and day 1 is the first working day after it (rule book R2, 8.1).");
        }
    }
}
