namespace FoiDesk.Deadlines;

/// <summary>
/// FOIA s9(2) / FOISA s9(4): the fee is due "within the period of three months beginning with the day on which
/// the fees notice is given". "Beginning with" includes the notice day, so the period ends the day before the
/// corresponding date three months on, or on the last day of that month when it has no corresponding date.
/// A calendar period: no working-day roll-forward (rule book F4, 8.6).
/// </summary>
public static class FeeWindow
{
    public static DateOnly LastDay(DateOnly noticeGiven)
    {
        // AddMonths clamps a missing day (31 Nov) to the month end, which is then itself the last day.
        var corresponding = noticeGiven.AddMonths(3);
        return corresponding.Day == noticeGiven.Day ? corresponding.AddDays(-1) : corresponding;
    }
}
