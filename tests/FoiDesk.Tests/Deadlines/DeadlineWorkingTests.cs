using FoiDesk.Deadlines;

namespace FoiDesk.Tests.Deadlines;

public sealed class DeadlineWorkingTests
{
    [Test]
    public void Working_WorldCupDayUnderFoia_NamesTheDayAndScotland()
    {
        var result = DeadlineTableTests.Run("foia", "2026-06-01T10:00:00+01:00", "");

        var step = result.Working.Single(s => s.Kind == StepKind.NonWorkingDay);
        Assert.That(step.Date, Is.EqualTo(new DateOnly(2026, 6, 15)));
        Assert.That(step.Text, Does.Contain("World Cup bank holiday (Scotland only)"));
        Assert.That(step.Text, Does.Contain("FOIA s10(6)"));
        Assert.That(step.Clock, Is.EqualTo(DateNames.ResponseDue));
    }

    [Test]
    public void Working_ChristmasUnderFoia_ListsEachHolidayOncePerClockWithNations()
    {
        var result = DeadlineTableTests.Run("foia", "2025-12-01T10:00:00Z", "pit_notice_sent:2025-12-19");

        var skipped = result.Working.Where(s => s.Kind == StepKind.NonWorkingDay && s.Clock == DateNames.ResponseDuePit).ToList();
        Assert.That(skipped.Select(s => s.Date), Is.EqualTo(new[]
        {
            new DateOnly(2025, 12, 25), new DateOnly(2025, 12, 26), new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 2),
        }));
        Assert.That(skipped[0].Text, Does.Contain("Christmas Day (all of the UK)"));
        Assert.That(skipped[3].Text, Does.Contain("2nd January (Scotland only)"));
    }

    [Test]
    public void Working_SimpleFoiaCase_GivesReceiptDayOneWeekendsAndDue()
    {
        var result = DeadlineTableTests.Run("foia", "2025-06-06T23:30:00+01:00", "");

        Assert.That(result.Working.Select(s => s.Kind), Is.EqualTo(new[] { StepKind.Receipt, StepKind.DayOne, StepKind.Weekends, StepKind.Due }));
        Assert.That(result.Working[0].Text, Does.Contain("23:30 Europe/London").And.Contain("Fri 6 Jun 2025"));
        Assert.That(result.Working[1].Date, Is.EqualTo(new DateOnly(2025, 6, 9)));
        Assert.That(result.Working[2].Text, Does.StartWith("8 Saturdays and Sundays"));
        Assert.That(result.Working[3].Text, Does.Contain("working day 20").And.Contain("Fri 4 Jul 2025"));
    }

    [Test]
    public void Working_ReceivedOnSaturday_SaysItIsStillTheDateOfReceipt()
    {
        var result = DeadlineTableTests.Run("foia", "2025-06-07T10:00:00+01:00", "");

        var note = result.Working.Single(s => s.Kind == StepKind.Note);
        Assert.That(note.Date, Is.EqualTo(new DateOnly(2025, 6, 7)));
        Assert.That(note.Text, Does.Contain("Saturday").And.Contain("still the date of receipt"));
    }

    [Test]
    public void Working_ClarificationAndFee_ShowRestartAndPause()
    {
        var clarified = DeadlineTableTests.Run("foia", "2025-06-02T10:00:00+01:00", "clarification_sent:2025-06-04;clarification_received:2025-06-16");
        var restart = clarified.Working.Single(s => s.Kind == StepKind.Restart);
        Assert.That(restart.Date, Is.EqualTo(new DateOnly(2025, 6, 16)));
        Assert.That(restart.Text, Does.Contain("new date of receipt"));

        var paid = DeadlineTableTests.Run("foia", "2025-06-02T10:00:00+01:00", "fees_notice_sent:2025-06-09;fee_received:2025-06-13");
        var pause = paid.Working.Single(s => s.Kind == StepKind.Pause);
        Assert.That(pause.Text, Does.Contain("the 5 working days").And.Contain("FOIA s10(2)"));
    }

    [Test]
    public void Working_OutstandingClarification_StopsTheClockWithoutResponseDue()
    {
        var result = DeadlineTableTests.Run("foia", "2025-06-02T10:00:00+01:00", "clarification_sent:2025-06-04");

        Assert.That(result.Dates, Does.Not.ContainKey(DateNames.ResponseDue));
        Assert.That(result.Working.Any(s => s.Kind == StepKind.Stopped), Is.True);
        Assert.That(result.Warnings, Has.Some.Contains("stopped"));
    }

    [Test]
    public void Working_OutstandingFee_GivesOnlyThePaymentDeadline()
    {
        var result = DeadlineTableTests.Run("foisa", "2025-08-18T10:00:00+01:00", "fees_notice_sent:2025-08-20");

        Assert.That(result.Dates.Keys, Is.EqualTo(new[] { DateNames.FeePaymentDeadline }));
    }

    [Test]
    public void Working_SubjectAccessRollForward_NamesEachDayMovedOff()
    {
        var result = DeadlineTableTests.Run("sar", "2024-02-29T10:00:00Z", "");

        var rolled = result.Working.Where(s => s.Kind == StepKind.RollForward).ToList();
        Assert.That(rolled.Select(s => s.Date), Is.EqualTo(new[]
        {
            new DateOnly(2024, 3, 29), new DateOnly(2024, 3, 30), new DateOnly(2024, 3, 31), new DateOnly(2024, 4, 1),
        }));
        Assert.That(rolled[0].Text, Does.Contain("Good Friday (all of the UK)"));
        Assert.That(rolled[3].Text, Does.Contain("Easter Monday (England and Wales, Northern Ireland only)"));
    }

    [Test]
    public void Working_SubjectAccessMonthEnd_SaysTheDateWasClamped()
    {
        var result = DeadlineTableTests.Run("sar", "2025-01-31T10:00:00Z", "");

        var clamp = result.Working.Single(s => s.Kind == StepKind.MonthEnd);
        Assert.That(clamp.Date, Is.EqualTo(new DateOnly(2025, 2, 28)));
    }

    [TestCase("foia", "2025-06-02T10:00:00+01:00", "pit_notice_sent:2025-07-01", "s17(2)")] // F5: PIT notice after the 20 WD
    [TestCase("eir", "2025-06-02T10:00:00+01:00", "extension_notice_sent:2025-07-01", "reg 7(3)")] // E2: extension notice after the 20 WD
    [TestCase("foia", "2025-06-02T10:00:00+01:00", "response_sent:2025-07-01", "late")] // response after response_due
    [TestCase("foia", "2025-06-02T10:00:00+01:00", "fees_notice_sent:2025-06-09;fee_received:2025-09-09", "8.6")] // fee paid after the s9(2) window
    [TestCase("sar", "2025-01-31T10:00:00Z", "extension_notice_sent:2025-03-03", "first month")] // D5: notice outside the first month
    [TestCase("foia-review", "2025-09-01T10:00:00+01:00", "response_sent:2025-10-01", "exceptional")] // I3: beyond 20 WD
    public void Warnings_LateNotices_AreFlagged(string regime, string received, string events, string expected)
    {
        var result = DeadlineTableTests.Run(regime, received, events);

        Assert.That(result.Warnings, Has.Some.Contains(expected));
    }

    [Test]
    public void Compute_BeyondHolidayTable_FallsBackAndWarns()
    {
        // 2029 is not in the table: only weekends, Christmas Day and Good Friday are known, so 1-2 Jan 2029 count.
        var result = DeadlineTableTests.Run("foia", "2028-12-15T10:00:00Z", "");

        Assert.That(result.Dates[DateNames.ResponseDue], Is.EqualTo(new DateOnly(2029, 1, 16)));
        Assert.That(result.Warnings, Has.One.Contains("does not cover 2029"));
    }

    [Test]
    public void Compute_GoodFridayBeyondTable_IsAFixedRuleDay()
    {
        // Good Friday 2030 is 19 Apr (Easter Sunday 21 Apr 2030).
        var calendar = HolidayTable.Embedded.Calendar(CalendarId.Uk);

        Assert.That(calendar.IsWorkingDay(new DateOnly(2030, 4, 19)), Is.False);
        Assert.That(calendar.Explain(new DateOnly(2030, 4, 19)).Single().Kind, Is.EqualTo(DayOffKind.FixedRule));
        Assert.That(calendar.IsWorkingDay(new DateOnly(2030, 4, 22)), Is.True, "Easter Monday is not a fixed-rule day");
    }

    [Test]
    public void Dates_FoiaWithEverything_AreInContractOrder()
    {
        var result = DeadlineTableTests.Run("foia", "2025-06-02T10:00:00+01:00", "fees_notice_sent:2025-06-09;fee_received:2025-06-13;pit_notice_sent:2025-06-30;response_sent:2025-07-20");

        Assert.That(result.Dates.Keys, Is.EqualTo(new[]
        {
            DateNames.FeePaymentDeadline, DateNames.ResponseDue, DateNames.ResponseDuePit, DateNames.ReviewRequestDeadline,
        }));
        Assert.That(result.HolidayTableVersion, Is.EqualTo(HolidayTable.Embedded.Version));
    }
}
