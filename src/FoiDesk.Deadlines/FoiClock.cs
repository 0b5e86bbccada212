namespace FoiDesk.Deadlines;

/// <summary>FOIA s10, EIR reg 5 and FOISA s10: 20 working days from the date of receipt, restarted by clarification,
/// paused by a fees notice, extended by a PIT notice (FOIA) or an extension notice (EIR).</summary>
internal static class FoiClock
{
    private const int ResponseDays = 20;
    private const int ExtendedDays = 40;
    private const int ReviewWindowDays = 40;

    public static void Compute(Regime regime, DateOnly receipt, ClockEvents events, WorkingCalendar calendar, WorkingLog log, OrderedDictionary<string, DateOnly> dates)
    {
        var law = Law.Of(regime);
        var pauses = new List<DateRange>();
        var stopped = false;

        // Fees: the working days from notice to payment, both ends inclusive, are disregarded (FOIA/FOISA s10(2)).
        DateOnly? feeDeadline = null;
        foreach (var fee in events.Fees)
        {
            feeDeadline = FeeWindow.LastDay(fee.Start);
            if (fee.End is { } paid)
            {
                pauses.Add(new DateRange(fee.Start, paid));
                var disregarded = calendar.CountWorkingDays(fee.Start.AddDays(-1), paid);
                log.Add(StepKind.Pause, fee.Start,
                    $"Fees notice given on {WorkingLog.Day(fee.Start)}, fee received on {WorkingLog.Day(paid)}: the {disregarded} working days from one to the other, both included, are disregarded ({law.FeePause}).");
                if (paid > feeDeadline)
                {
                    log.Warn($"The fee was received on {ClockEvents.Iso(paid)}, after the three-month period ended on {ClockEvents.Iso(feeDeadline.Value)} ({law.FeeWindow}; late on the strict reading, rule book 8.6).");
                }
            }
            else
            {
                stopped = true;
                log.Add(StepKind.Stopped, fee.Start,
                    $"Fees notice given on {WorkingLog.Day(fee.Start)} and no fee received yet: there is no duty to comply until it is paid ({law.FeeWindow}), so no response date can be given.");
            }
        }

        // Clarification: the day the information arrives becomes the date of receipt; earlier days do not carry over.
        var day0 = receipt;
        foreach (var round in events.Clarifications)
        {
            var dueBefore = calendar.AddWorkingDays(day0, ResponseDays, pauses);
            log.Add(StepKind.Note, round.Start, $"Clarification sought on {WorkingLog.Day(round.Start)} ({law.Clarification}).");
            if (round.Start > dueBefore)
            {
                log.Warn($"Clarification was sought on {ClockEvents.Iso(round.Start)}, after the response was already due on {ClockEvents.Iso(dueBefore)}.");
            }

            if (round.End is { } answered)
            {
                day0 = answered;
                log.Add(StepKind.Restart, answered,
                    $"Clarification received on {WorkingLog.Day(answered)}: this is the new date of receipt and counting restarts from it; the days before do not carry over ({law.Clarification}; rule book F2).");
            }
            else
            {
                stopped = true;
                log.Add(StepKind.Stopped, round.Start,
                    "The clock is stopped until the clarification is received; no response date can be given yet.");
            }
        }

        if (feeDeadline is { } lastDay)
        {
            dates[DateNames.FeePaymentDeadline] = lastDay;
            log.Add(StepKind.Due, lastDay,
                $"{DateNames.FeePaymentDeadline}: three months beginning with the day of the fees notice end on {WorkingLog.Day(lastDay)} ({law.FeeWindow}; a calendar period with no roll-forward, rule book F4, 8.6).",
                DateNames.FeePaymentDeadline);
        }

        var response = events.Single(ClockEventNames.ResponseSent);
        if (stopped)
        {
            log.Warn("The clock is stopped (clarification or fee outstanding): response dates will appear once it restarts.");
            if (response is { } r && regime != Regime.Foisa)
            {
                ReviewWindow(regime, r, calendar, log, dates);
            }

            return;
        }

        var due = calendar.AddWorkingDays(day0, ResponseDays, pauses);
        dates[DateNames.ResponseDue] = due;
        log.Count(DateNames.ResponseDue, day0, ResponseDays, due, pauses, law.Response);
        var finalDue = due;

        foreach (var fee in events.Fees)
        {
            if (fee.Start > due)
            {
                log.Warn($"The fees notice of {ClockEvents.Iso(fee.Start)} came after the response was due; it does not extend the time.");
            }
        }

        var extensionEvent = regime == Regime.Foia ? ClockEventNames.PitNoticeSent : ClockEventNames.ExtensionNoticeSent;
        if (events.Single(extensionEvent) is { } notice && law.Extension is { } extension)
        {
            var extended = calendar.AddWorkingDays(day0, ExtendedDays, pauses);
            dates[extension.DateName] = extended;
            log.Add(StepKind.Note, notice, $"{extensionEvent} on {WorkingLog.Day(notice)} ({extension.Basis}).");
            log.Count(extension.DateName, day0, ExtendedDays, extended, pauses, extension.Basis);
            if (notice > due)
            {
                log.Warn($"The {extensionEvent} of {ClockEvents.Iso(notice)} came after {DateNames.ResponseDue} ({ClockEvents.Iso(due)}): {extension.NoticeRule}.");
            }

            finalDue = extended;
        }

        if (response is { } sent)
        {
            if (sent > finalDue)
            {
                log.Warn($"The response sent on {ClockEvents.Iso(sent)} was late: it was due by {ClockEvents.Iso(finalDue)}.");
            }

            if (regime != Regime.Foisa)
            {
                ReviewWindow(regime, sent, calendar, log, dates);
            }
        }

        if (regime == Regime.Foisa)
        {
            FoisaReviewWindow(due, response, calendar, log, dates);
        }
    }

    /// <summary>FOIA s45 Code Part 5 and EIR reg 11(2): 40 working days after the date of the response.</summary>
    private static void ReviewWindow(Regime regime, DateOnly responseSent, WorkingCalendar calendar, WorkingLog log, OrderedDictionary<string, DateOnly> dates)
    {
        var basis = regime == Regime.Eir
            ? "EIR reg 11(2): representations within 40 working days (rule book E5)"
            : "FOIA s45 Code Part 5: ask within 40 working days of the response; a later request may still be accepted (rule book I1)";
        var deadline = calendar.AddWorkingDays(responseSent, ReviewWindowDays);
        dates[DateNames.ReviewRequestDeadline] = deadline;
        log.Count(DateNames.ReviewRequestDeadline, responseSent, ReviewWindowDays, deadline, [], basis);
    }

    /// <summary>
    /// FOISA s20(5): 40 working days after the 20-day period expired, or after a late response. When the response
    /// was on time OSIC advises counting from the response; that earlier date is given as advice only (rule book S5, 8.3).
    /// </summary>
    private static void FoisaReviewWindow(DateOnly due, DateOnly? response, WorkingCalendar calendar, WorkingLog log, OrderedDictionary<string, DateOnly> dates)
    {
        var late = response is { } r && r > due;
        var from = late ? response!.Value : due;
        var deadline = calendar.AddWorkingDays(from, ReviewWindowDays);
        dates[DateNames.ReviewRequestDeadline] = deadline;
        var basis = late
            ? "FOISA s20(5)(b): 40 working days after a late response"
            : "FOISA s20(5)(a): 40 working days after the time for complying expired (rule book S5, 8.3)";
        log.Count(DateNames.ReviewRequestDeadline, from, ReviewWindowDays, deadline, [], basis);

        if (response is { } onTime && !late)
        {
            var advised = calendar.AddWorkingDays(onTime, ReviewWindowDays);
            dates[DateNames.ReviewRequestAdvised] = advised;
            log.Add(StepKind.Due, advised,
                $"{DateNames.ReviewRequestAdvised}: OSIC advises requesters to ask within 40 working days of the response, i.e. by {WorkingLog.Day(advised)}; the statutory cut-off is {WorkingLog.Day(deadline)} (rule book 8.3).",
                DateNames.ReviewRequestAdvised);
        }
    }

    private sealed record Extension(string DateName, string Basis, string NoticeRule);

    private sealed record Law(string Response, string Clarification, string FeePause, string FeeWindow, Extension? Extension)
    {
        public static Law Of(Regime regime) => regime switch
        {
            Regime.Foia => new(
                "FOIA s10(1): the twentieth working day following the date of receipt",
                "FOIA s1(3), s10(6)(b)",
                "FOIA s10(2)",
                "FOIA s9(2)",
                new(DateNames.ResponseDuePit,
                    "FOIA s10(3), s17(2): public interest test; the ICO expects no more than 20 further working days (rule book F5, 8.9)",
                    "the s17(2) notice must be given within the 20 working days")),
            Regime.Eir => new(
                "EIR reg 5(2): no later than 20 working days after the date of receipt",
                "EIR reg 9(4)",
                "not modelled",
                "not modelled",
                new(DateNames.ResponseDueExtended,
                    "EIR reg 7(1): 40 working days for complex and voluminous requests (rule book E2)",
                    "reg 7(3) requires the notice within the 20 working days")),
            Regime.Foisa => new(
                "FOISA s10(1): the twentieth working day after receipt",
                "FOISA s1(3), s10(1)(b)",
                "FOISA s10(2)",
                "FOISA s9(4)",
                null),
            _ => throw new ArgumentOutOfRangeException(nameof(regime)),
        };
    }
}
