using System.Globalization;

namespace FoiDesk.Deadlines;

/// <summary>Collects the steps and warnings of one computation, in the words a person checking it would use.</summary>
internal sealed class WorkingLog(WorkingCalendar calendar, Regime regime)
{
    private readonly List<WorkingStep> _steps = [];
    private readonly List<string> _warnings = [];
    private readonly HashSet<(string? Clock, DateOnly Date)> _explained = [];
    private readonly SortedSet<int> _uncoveredYears = [];

    public IReadOnlyList<WorkingStep> Steps => _steps;

    public List<string> Warnings => _warnings;

    public static string Day(DateOnly date) => date.ToString("ddd d MMM yyyy", CultureInfo.InvariantCulture);

    public void Add(StepKind kind, DateOnly date, string text, string? clock = null) => _steps.Add(new WorkingStep(kind, date, text, clock));

    public void Warn(string text) => _warnings.Add(text);

    /// <summary>Logs a working-day count: day 1, each holiday skipped (once per clock, so each date's working is complete), the weekends, the due date.</summary>
    public void Count(string clock, DateOnly day0, int n, DateOnly due, IReadOnlyList<DateRange> disregard, string basis)
    {
        var day1 = calendar.AddWorkingDays(day0, 1, disregard);
        Add(StepKind.DayOne, day1, $"Day 0 is {Day(day0)}; day 1 of {n} is {Day(day1)}, the first working day after it.", clock);
        var weekends = 0;
        for (var d = day0.AddDays(1); d <= due; d = d.AddDays(1))
        {
            NoteCoverage(d);
            if (calendar.IsWorkingDay(d))
            {
                continue;
            }

            if (d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday && calendar.Table.On(d).Count == 0)
            {
                weekends++;
                continue;
            }

            var reasons = calendar.Explain(d);
            if (reasons.All(r => r.Kind == DayOffKind.Weekend))
            {
                weekends++;
            }
            else if (_explained.Add((clock, d)))
            {
                Add(StepKind.NonWorkingDay, d, $"{Day(d)} is not a working day: {string.Join("; ", reasons.Select(r => r.Describe()))}. {HolidayRule()}", clock);
            }
        }

        if (weekends > 0)
        {
            Add(StepKind.Weekends, due, $"{weekends} Saturdays and Sundays between {Day(day0)} and {Day(due)} are not counted.", clock);
        }

        Add(StepKind.Due, due, $"{clock}: working day {n} after {Day(day0)} is {Day(due)} ({basis}).", clock);
    }

    /// <summary>Logs why a day was moved off (subject access roll-forward).</summary>
    public void RollForward(string clock, DateOnly from, DateOnly to)
    {
        for (var d = from; d < to; d = d.AddDays(1))
        {
            NoteCoverage(d);
            _explained.Add((clock, d));
            Add(StepKind.RollForward, d,
                $"{Day(d)} is not a working day: {string.Join("; ", calendar.Explain(d).Select(r => r.Describe()))}; the deadline moves to the next working day (rule book D4). {HolidayRule()}",
                clock);
        }

        NoteCoverage(to);
    }

    /// <summary>Adds one warning per year outside the holiday table that a counted date fell in.</summary>
    public void FinishCoverage()
    {
        if (_uncoveredYears.Count > 0)
        {
            _warnings.Add(
                $"The holiday table does not cover {string.Join(", ", _uncoveredYears)}: only weekends, Christmas Day and Good Friday are known there. Check the dates by hand or load that year's bank holidays.");
        }
    }

    private void NoteCoverage(DateOnly d)
    {
        if (!calendar.Covers(d))
        {
            _uncoveredYears.Add(d.Year);
        }
    }

    private string HolidayRule() => regime switch
    {
        Regime.Foia or Regime.FoiaReview => "FOIA s10(6): a bank holiday in any part of the UK is not a working day.",
        Regime.Eir or Regime.EirReview => "EIR reg 2(1) with FOIA s10(6): a bank holiday in any part of the UK is not a working day.",
        Regime.Foisa or Regime.FoisaReview => "FOISA s73: only a bank holiday in Scotland (or Christmas Day) is not a working day.",
        _ => $"Subject access rolls forward on the controller's calendar ({calendar.Id.Key()}, rule book 8.7).",
    };
}
