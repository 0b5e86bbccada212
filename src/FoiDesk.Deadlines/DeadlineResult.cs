namespace FoiDesk.Deadlines;

/// <summary>Choices that are not part of the case's events.</summary>
public sealed record DeadlineOptions
{
    public static DeadlineOptions Default { get; } = new();

    /// <summary>The holiday table to count with; store <see cref="HolidayTable.Version"/> beside each due date.</summary>
    public HolidayTable Holidays { get; init; } = HolidayTable.Embedded;

    /// <summary>Subject access only: the controller's nation for the roll-forward (rule book 8.7; England and Wales by default).</summary>
    public CalendarId SarCalendar { get; init; } = CalendarId.EnglandAndWales;
}

/// <summary>The dates of one clock and the working a person would check them with.</summary>
public sealed record DeadlineResult
{
    public required Regime Regime { get; init; }

    /// <summary>The Europe/London date of arrival (rule book R1, R3).</summary>
    public required DateOnly ReceiptDate { get; init; }

    public required CalendarId Calendar { get; init; }

    /// <summary>Name (see <see cref="DateNames"/>) to date, in a fixed order. Only dates that apply given the events are present.</summary>
    public required IReadOnlyDictionary<string, DateOnly> Dates { get; init; }

    /// <summary>Receipt, day 1, each non-working day skipped (named, with its nation), each pause and restart, each due date.</summary>
    public required IReadOnlyList<WorkingStep> Working { get; init; }

    /// <summary>Things to check by hand: late notices, dates beyond the holiday table, a stopped clock.</summary>
    public required IReadOnlyList<string> Warnings { get; init; }

    /// <summary>The <see cref="HolidayTable.Version"/> the dates were computed from: recompute when it changes (rule book 8.5).</summary>
    public required string HolidayTableVersion { get; init; }

    /// <summary>The dates with the one rule for which is due now (<see cref="StatutoryDates.CurrentDue"/>).</summary>
    public StatutoryDates Statutory => new(Dates);
}

/// <summary>One line of working.</summary>
/// <param name="Clock">The date name the step belongs to (e.g. response_due), or null for steps shared by all dates.</param>
public sealed record WorkingStep(StepKind Kind, DateOnly Date, string Text, string? Clock = null);

public enum StepKind
{
    /// <summary>The date of receipt (day 0).</summary>
    Receipt,

    /// <summary>The first working day counted.</summary>
    DayOne,

    /// <summary>A holiday inside the counted period, named with its nation(s).</summary>
    NonWorkingDay,

    /// <summary>The Saturdays and Sundays inside the counted period, as one line.</summary>
    Weekends,

    /// <summary>Working days disregarded (fees notice) or calendar days added (subject access clarification).</summary>
    Pause,

    /// <summary>A new day 0: clarification received, ID or fee received.</summary>
    Restart,

    /// <summary>The clock is stopped and a date cannot be given yet.</summary>
    Stopped,

    /// <summary>A date a subject access month lands on, clamped to the month end.</summary>
    MonthEnd,

    /// <summary>A subject access date moved off a non-working day.</summary>
    RollForward,

    /// <summary>A computed date.</summary>
    Due,

    /// <summary>Anything else worth reading (a notice or response recorded).</summary>
    Note,
}
