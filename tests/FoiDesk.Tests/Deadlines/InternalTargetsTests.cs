using FoiDesk.Deadlines;

namespace FoiDesk.Tests.Deadlines;

public sealed class InternalTargetsTests
{
    private static readonly WorkingCalendar Uk = HolidayTable.Embedded.Calendar(CalendarId.Uk);

    [TestCase("2025-06-02", "2025-06-30", "2025-06-16", "2025-06-25", false)] // draft 10 WD on; escalate 3 WD before (26, 27, 30 Jun)
    [TestCase("2025-06-23", "2025-06-30", "2025-06-25", "2025-06-25", true)] // 10 WD would pass escalation: clamped
    [TestCase("2025-11-17", "2025-12-02", "2025-11-26", "2025-11-26", true)] // St Andrew's substitute 1 Dec is skipped counting back
    [TestCase("2025-12-15", "2026-01-16", "2025-12-31", "2026-01-13", false)] // draft: 25-26 Dec skipped, 29-31 Dec count
    public void For_DefaultOptions_GivesDraftAndEscalation(string assigned, string due, string draft, string escalate, bool clamped)
    {
        var target = InternalTargets.For(DateOnly.Parse(assigned), DateOnly.Parse(due), Uk);

        Assert.That(target, Is.EqualTo(new InternalTarget(DateOnly.Parse(draft), DateOnly.Parse(escalate), clamped)));
    }

    [Test]
    public void For_CustomOptions_UsesThem()
    {
        var target = InternalTargets.For(new DateOnly(2025, 6, 2), new DateOnly(2025, 6, 30), Uk,
            new InternalTargetOptions { DraftWorkingDays = 5, EscalationWorkingDaysBefore = 1 });

        Assert.That(target, Is.EqualTo(new InternalTarget(new DateOnly(2025, 6, 9), new DateOnly(2025, 6, 27), false)));
    }

    [TestCase("2025-06-23", "2025-07-04", false, 9, 0, 0)] // 24 Jun to 4 Jul: 9 working days left
    [TestCase("2025-07-04", "2025-07-04", false, 0, 0, 0)] // the due date itself: in time all day
    [TestCase("2025-07-05", "2025-07-04", true, 0, 0, 1)] // Saturday after: overdue from 00:00, no working day lost yet
    [TestCase("2025-07-15", "2025-07-04", true, 0, 6, 11)] // 7, 8, 9, 10, 11, 15 Jul (14 Jul Boyne substitute skipped)
    public void Remaining_TodayAgainstDue_GivesStatus(string today, string due, bool overdue, int remaining, int overdueWd, int overdueDays) =>
        Assert.That(WorkingDays.Remaining(DateOnly.Parse(today), DateOnly.Parse(due), Uk),
            Is.EqualTo(new DueStatus(overdue, remaining, overdueWd, overdueDays)));

    [TestCase("2025-06-06", "2025-07-04", 20)]
    [TestCase("2025-07-04", "2025-06-06", -20)]
    [TestCase("2025-06-06", "2025-06-06", 0)]
    public void Between_Dates_CountsWorkingDaysAfterFromThroughTo(string from, string to, int expected) =>
        Assert.That(WorkingDays.Between(DateOnly.Parse(from), DateOnly.Parse(to), Uk), Is.EqualTo(expected));

    [Test]
    public void SubtractWorkingDays_BeyondTable_MatchesFastPathRule()
    {
        // Fast and slow paths agree: step back 3 WD from Fri 4 Jul 2025, then from a date outside the arrays.
        Assert.That(Uk.SubtractWorkingDays(new DateOnly(2025, 7, 4), 3), Is.EqualTo(new DateOnly(2025, 7, 1)));
        Assert.That(Uk.SubtractWorkingDays(new DateOnly(2040, 7, 6), 3), Is.EqualTo(new DateOnly(2040, 7, 3)));
        Assert.That(Uk.AddWorkingDays(new DateOnly(2040, 7, 3), 3), Is.EqualTo(new DateOnly(2040, 7, 6)));
    }
}
