namespace FoiDesk.Deadlines;

/// <summary>
/// Working days of one calendar over a holiday table. Precomputed once per table: a running count of working
/// days and the sorted list of working days over the table's years (plus margins), so "the nth working day
/// after day 0" is two array lookups. Beyond the arrays it falls back to counting day by day.
/// A day is not a working day if it is a Saturday or Sunday, a bank holiday in one of the calendar's divisions,
/// or, in a year the table does not cover, Christmas Day or Good Friday (the days FOIA s10(6) and FOISA s73 name).
/// </summary>
public sealed class WorkingCalendar
{
    private const int MarginYearsBefore = 2;
    private const int MarginYearsAfter = 3;

    private readonly HolidayTable _table;
    private readonly HashSet<Division> _divisions;
    private readonly int _originDay;
    private readonly bool[] _isWorking;

    // _cumulative[i] = number of working days in [origin, origin + i]; _working[k] = offset of the (k+1)th working day.
    private readonly int[] _cumulative;
    private readonly int[] _working;

    internal WorkingCalendar(CalendarId id, HolidayTable table)
    {
        Id = id;
        _table = table;
        _divisions = [.. id.DivisionsOf()];
        var first = new DateOnly(table.MinYear - MarginYearsBefore, 1, 1);
        var last = new DateOnly(table.MaxYear + MarginYearsAfter, 12, 31);
        _originDay = first.DayNumber;
        var length = last.DayNumber - first.DayNumber + 1;
        _isWorking = new bool[length];
        _cumulative = new int[length];
        var working = new List<int>(length);
        var count = 0;
        for (var i = 0; i < length; i++)
        {
            var isWorking = IsWorkingByRule(DateOnly.FromDayNumber(_originDay + i));
            _isWorking[i] = isWorking;
            if (isWorking)
            {
                working.Add(i);
                count++;
            }

            _cumulative[i] = count;
        }

        _working = [.. working];
    }

    public CalendarId Id { get; }

    public HolidayTable Table => _table;

    public bool IsWorkingDay(DateOnly date)
    {
        var i = date.DayNumber - _originDay;
        return (uint)i < (uint)_isWorking.Length ? _isWorking[i] : IsWorkingByRule(date);
    }

    /// <summary>Whether the holiday table lists this date's year for every division (otherwise only fixed-rule days are known).</summary>
    public bool Covers(DateOnly date) => _table.IsCovered(date.Year);

    /// <summary>
    /// The <paramref name="n"/>th working day after <paramref name="day0"/>. Day 0 is never counted, whether or
    /// not it is a working day (rule book 2.2, R2). n = 0 returns day 0.
    /// </summary>
    public DateOnly AddWorkingDays(DateOnly day0, int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        if (n == 0)
        {
            return day0;
        }

        var i = day0.DayNumber - _originDay;
        if ((uint)i < (uint)_cumulative.Length)
        {
            var k = _cumulative[i] + n - 1;
            if ((uint)k < (uint)_working.Length)
            {
                return DateOnly.FromDayNumber(_originDay + _working[k]);
            }
        }

        var d = day0;
        for (var counted = 0; counted < n;)
        {
            d = d.AddDays(1);
            if (IsWorkingDay(d))
            {
                counted++;
            }
        }

        return d;
    }

    /// <summary>
    /// The nth working day after day 0, disregarding the working days inside each range (both ends inclusive):
    /// the fees-notice pause of FOIA s10(2) and FOISA s10(2). Ranges may be in any order and may overlap.
    /// </summary>
    public DateOnly AddWorkingDays(DateOnly day0, int n, IReadOnlyList<DateRange> disregard)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        if (n == 0 || disregard.Count == 0)
        {
            return AddWorkingDays(day0, n);
        }

        var cursor = day0;
        var remaining = n;
        foreach (var range in disregard.OrderBy(r => r.From))
        {
            if (range.To <= cursor)
            {
                continue;
            }

            var available = range.From > cursor ? CountWorkingDays(cursor, range.From.AddDays(-1)) : 0;
            if (available >= remaining)
            {
                return AddWorkingDays(cursor, remaining);
            }

            remaining -= available;
            cursor = range.To;
        }

        return AddWorkingDays(cursor, remaining);
    }

    /// <summary>
    /// The working day <paramref name="n"/> working days before <paramref name="date"/>: the day d with exactly
    /// n working days in (d, date]. Used for internal targets ("escalate 3 working days before the due date").
    /// </summary>
    public DateOnly SubtractWorkingDays(DateOnly date, int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        var i = date.DayNumber - _originDay;
        if ((uint)i < (uint)_cumulative.Length)
        {
            var k = _cumulative[i] - n - 1;
            if ((uint)k < (uint)_working.Length)
            {
                return DateOnly.FromDayNumber(_originDay + _working[k]);
            }
        }

        // Slow path: step back over n working days, then on to the working day before them.
        var d = date;
        for (var counted = 0; counted < n;)
        {
            if (IsWorkingDay(d))
            {
                counted++;
            }

            d = d.AddDays(-1);
        }

        while (!IsWorkingDay(d))
        {
            d = d.AddDays(-1);
        }

        return d;
    }

    /// <summary>Working days in (<paramref name="after"/>, <paramref name="through"/>]; negative when through is before after.</summary>
    public int CountWorkingDays(DateOnly after, DateOnly through)
    {
        if (through < after)
        {
            return -CountWorkingDays(through, after);
        }

        var a = after.DayNumber - _originDay;
        var b = through.DayNumber - _originDay;
        if ((uint)a < (uint)_cumulative.Length && (uint)b < (uint)_cumulative.Length)
        {
            return _cumulative[b] - _cumulative[a];
        }

        var count = 0;
        for (var d = after.AddDays(1); d <= through; d = d.AddDays(1))
        {
            if (IsWorkingDay(d))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>The date itself if it is a working day, else the next working day (subject access roll-forward, rule book D4).</summary>
    public DateOnly OnOrNextWorkingDay(DateOnly date) => IsWorkingDay(date) ? date : AddWorkingDays(date, 1);

    /// <summary>Why the day is not a working day; empty if it is one.</summary>
    public IReadOnlyList<DayOff> Explain(DateOnly date)
    {
        var reasons = new List<DayOff>();
        if (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            reasons.Add(new DayOff(date, date.DayOfWeek.ToString(), [], DayOffKind.Weekend));
        }

        // A holiday that counts here is described with every nation it is a bank holiday in ("Good Friday (all of the UK)").
        foreach (var group in _table.On(date).GroupBy(r => (r.Title, r.Source)).Where(g => g.Any(r => _divisions.Contains(r.Division))))
        {
            var kind = string.Equals(group.Key.Source, HolidayRow.GovUkSource, StringComparison.Ordinal) ? DayOffKind.BankHoliday : DayOffKind.AdminAdded;
            reasons.Add(new DayOff(date, group.Key.Title, [.. group.Select(r => r.Division).Distinct().Order()], kind, group.Key.Source));
        }

        if (!_table.IsCovered(date.Year) && FixedRuleName(date) is { } name)
        {
            reasons.Add(new DayOff(date, name, [], DayOffKind.FixedRule));
        }

        return reasons;
    }

    private bool IsWorkingByRule(DateOnly date)
    {
        if (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            return false;
        }

        foreach (var row in _table.On(date))
        {
            if (_divisions.Contains(row.Division))
            {
                return false;
            }
        }

        return _table.IsCovered(date.Year) || FixedRuleName(date) is null;
    }

    private static string? FixedRuleName(DateOnly date) =>
        date.Month == 12 && date.Day == 25 ? "Christmas Day"
        : date == Easter.Sunday(date.Year).AddDays(-2) ? "Good Friday"
        : null;
}

/// <summary>A span of days, both ends inclusive.</summary>
public readonly record struct DateRange(DateOnly From, DateOnly To);

/// <summary>Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher).</summary>
public static class Easter
{
    public static DateOnly Sunday(int year)
    {
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }
}
