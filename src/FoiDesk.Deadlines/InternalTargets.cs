namespace FoiDesk.Deadlines;

/// <summary>An authority's own targets for a question; never shown as a statutory date.</summary>
public sealed record InternalTargetOptions
{
    public static InternalTargetOptions Default { get; } = new();

    /// <summary>Working days after assignment the draft answer is due.</summary>
    public int DraftWorkingDays { get; init; } = 10;

    /// <summary>Working days before the statutory date the question is escalated.</summary>
    public int EscalationWorkingDaysBefore { get; init; } = 3;
}

/// <param name="DraftDue">The draft is due; never later than <see cref="EscalateOn"/>.</param>
/// <param name="EscalateOn">The question is escalated if still open.</param>
/// <param name="DraftClamped">True when 10 working days from assignment would have passed the escalation date.</param>
public sealed record InternalTarget(DateOnly DraftDue, DateOnly EscalateOn, bool DraftClamped);

public static class InternalTargets
{
    /// <param name="calendar">The case's calendar (<c>holidays.Calendar(regime.CalendarOf(...))</c>), so targets skip the same days.</param>
    public static InternalTarget For(DateOnly assignedOn, DateOnly statutoryDue, WorkingCalendar calendar, InternalTargetOptions? options = null)
    {
        options ??= InternalTargetOptions.Default;
        var escalate = calendar.SubtractWorkingDays(statutoryDue, options.EscalationWorkingDaysBefore);
        var draft = calendar.AddWorkingDays(assignedOn, options.DraftWorkingDays);
        return draft > escalate
            ? new InternalTarget(escalate, escalate, DraftClamped: true)
            : new InternalTarget(draft, escalate, DraftClamped: false);
    }
}

/// <summary>Where a case stands against a due date on a given day (it becomes overdue at 00:00 the day after).</summary>
/// <param name="WorkingDaysRemaining">Working days after today up to and including the due date (0 on the due date or once overdue).</param>
/// <param name="WorkingDaysOverdue">Working days after the due date up to and including today (0 unless overdue).</param>
/// <param name="CalendarDaysOverdue">Calendar days since the due date (0 unless overdue).</param>
public sealed record DueStatus(bool Overdue, int WorkingDaysRemaining, int WorkingDaysOverdue, int CalendarDaysOverdue);

public static class WorkingDays
{
    /// <summary>Working days in (from, to]; negative when to is before from.</summary>
    public static int Between(DateOnly from, DateOnly to, WorkingCalendar calendar) => calendar.CountWorkingDays(from, to);

    /// <param name="today">The Europe/London date now (<c>LondonTime.DateOf(timeProvider.GetUtcNow())</c>).</param>
    public static DueStatus Remaining(DateOnly today, DateOnly due, WorkingCalendar calendar) =>
        today <= due
            ? new DueStatus(false, calendar.CountWorkingDays(today, due), 0, 0)
            : new DueStatus(true, 0, calendar.CountWorkingDays(due, today), today.DayNumber - due.DayNumber);
}
