namespace FoiDesk.Deadlines;

/// <summary>Internal review clocks, counted from receipt of the review request.</summary>
internal static class ReviewClock
{
    public static void Compute(Regime regime, DateOnly receipt, ClockEvents events, WorkingCalendar calendar, WorkingLog log, OrderedDictionary<string, DateOnly> dates)
    {
        var (days, basis) = regime switch
        {
            Regime.FoiaReview => (20, "FOIA s45 Code Part 5: complete the review within 20 working days (rule book I2)"),
            Regime.EirReview => (40, "EIR reg 11(4): decision no later than 40 working days after receipt of the representations (rule book E5)"),
            Regime.FoisaReview => (20, "FOISA s21(1): the twentieth working day after receipt of the requirement (rule book S6)"),
            _ => throw new ArgumentOutOfRangeException(nameof(regime)),
        };
        var due = calendar.AddWorkingDays(receipt, days);
        dates[DateNames.ReviewResponseDue] = due;
        log.Count(DateNames.ReviewResponseDue, receipt, days, due, [], basis);
        var latest = due;

        if (regime == Regime.FoiaReview)
        {
            // The Code's outer limit for complex or voluminous reviews; anything later is flagged, not computed.
            var extended = calendar.AddWorkingDays(receipt, 40);
            dates[DateNames.ReviewResponseDueExtended] = extended;
            log.Count(DateNames.ReviewResponseDueExtended, receipt, 40, extended, [],
                "FOIA s45 Code Part 5: up to 40 working days in total in exceptional cases (rule book I3)");
            latest = extended;
        }

        if (events.Single(ClockEventNames.ResponseSent) is { } sent && sent > due)
        {
            log.Warn(sent > latest
                ? $"The review response sent on {ClockEvents.Iso(sent)} was late: it was due by {ClockEvents.Iso(latest)}."
                : $"The review response sent on {ClockEvents.Iso(sent)} took more than 20 working days: the Code allows this only in exceptional cases.");
        }
    }
}
