namespace FoiDesk.Deadlines;

/// <summary>
/// UK GDPR Art 12(3) as amended by the Data (Use and Access) Act 2025: one calendar month from the later of
/// receipt and the ID or fee asked for, clamped to the month end, stopped while clarification is awaited,
/// then rolled forward off a non-working day of the controller's calendar (rule book section 7).
/// </summary>
internal static class SubjectAccessClock
{
    public static void Compute(DateOnly receipt, ClockEvents events, WorkingCalendar calendar, WorkingLog log, OrderedDictionary<string, DateOnly> dates)
    {
        // D1: time runs from the later of receipt and receipt of the ID or fee requested.
        var start = receipt;
        foreach (var restart in events.All(ClockEventNames.IdReceived).Concat(events.All(ClockEventNames.FeeReceived)).Order())
        {
            if (restart > start)
            {
                start = restart;
            }

            log.Add(StepKind.Restart, restart,
                $"ID or fee received on {WorkingLog.Day(restart)}: time runs from the later of this and receipt, so the month starts on {WorkingLog.Day(start)} (UK GDPR Art 12(3); rule book D1).");
        }

        // D6: the days from the clarification request to the answer, both included, do not count.
        var pauseDays = 0;
        foreach (var round in events.Clarifications)
        {
            if (round.End is not { } answered)
            {
                log.Add(StepKind.Stopped, round.Start,
                    $"Clarification sought on {WorkingLog.Day(round.Start)} and not yet received: the clock is stopped (DPA 2018 s54(3C) as amended by the DUAA 2025), so no date can be given yet.");
                log.Warn("The clock is stopped awaiting clarification: response dates will appear once it is received.");
                return;
            }

            var days = PauseDays(round.Start, answered, start);
            pauseDays += days;
            log.Add(StepKind.Pause, round.Start,
                $"Clarification sought on {WorkingLog.Day(round.Start)} and received on {WorkingLog.Day(answered)}: {days} calendar days, both ends included, do not count (DUAA 2025; rule book D6, 8.4 [interpretation]).");
        }

        var due = MonthsOn(DateNames.ResponseDue, start, 1, pauseDays, calendar, log,
            "UK GDPR Art 12(3): one month, to the same date in the following month (ICO; rule book D2)");
        dates[DateNames.ResponseDue] = due;
        var latest = due;

        if (events.Single(ClockEventNames.ExtensionNoticeSent) is { } notice)
        {
            var extended = MonthsOn(DateNames.ResponseDueExtended, start, 3, pauseDays, calendar, log,
                "UK GDPR Art 12(3): two further months, calculated as three months from the start (ICO; rule book D5)");
            dates[DateNames.ResponseDueExtended] = extended;
            if (notice > due)
            {
                log.Warn($"The extension notice of {ClockEvents.Iso(notice)} came after the first month ended on {ClockEvents.Iso(due)}: Art 12(3) requires it within the first month.");
            }

            latest = extended;
        }

        if (events.Single(ClockEventNames.ResponseSent) is { } sent && sent > latest)
        {
            log.Warn($"The response sent on {ClockEvents.Iso(sent)} was late: it was due by {ClockEvents.Iso(latest)}.");
        }
    }

    /// <summary>
    /// Calendar days the clarification round stops the clock for: sent to received, both included, from no
    /// earlier than the start (a round before an ID restart is wiped by the restart). Rule book 8.4 says to
    /// change only this function if the ICO publishes a worked example that differs.
    /// </summary>
    internal static int PauseDays(DateOnly sent, DateOnly received, DateOnly start)
    {
        var from = sent > start ? sent : start;
        return received < from ? 0 : received.DayNumber - from.DayNumber + 1;
    }

    private static DateOnly MonthsOn(string clock, DateOnly start, int months, int pauseDays, WorkingCalendar calendar, WorkingLog log, string basis)
    {
        var corresponding = start.AddMonths(months);
        if (corresponding.Day != start.Day)
        {
            log.Add(StepKind.MonthEnd, corresponding,
                $"{WorkingLog.Day(start)} has no corresponding date {months} month(s) on, so the last day of that month, {WorkingLog.Day(corresponding)}, is used (rule book D3).",
                clock);
        }
        else
        {
            log.Add(StepKind.Note, corresponding, $"{months} month(s) from {WorkingLog.Day(start)} is {WorkingLog.Day(corresponding)}.", clock);
        }

        var paused = corresponding.AddDays(pauseDays);
        if (pauseDays > 0)
        {
            log.Add(StepKind.Pause, paused, $"Adding the {pauseDays} stopped days gives {WorkingLog.Day(paused)}.", clock);
        }

        var due = calendar.OnOrNextWorkingDay(paused);
        log.RollForward(clock, paused, due);
        log.Add(StepKind.Due, due, $"{clock}: {WorkingLog.Day(due)} ({basis}).", clock);
        return due;
    }
}
