using BenchmarkDotNet.Attributes;
using FoiDesk.Deadlines;

namespace FoiDesk.Benchmarks;

/// <summary>
/// FOIA response_due for 1,000,000 random receipt instants (2022 to mid-Nov 2028, so every due date is inside the
/// holiday table): the engine's fast path (precomputed working-day arrays, two index lookups) against the rule
/// book's 2.2 algorithm (day-by-day over a HashSet of UK holidays), measured in the same run. The *Dates variants
/// start from precomputed receipt dates to separate the counting from the Europe/London conversion both share.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 5)]
[MemoryDiagnoser]
public class DeadlineBenchmarks
{
    private const int Cases = 1_000_000;

    private DateTimeOffset[] _instants = [];
    private DateOnly[] _receipts = [];
    private HolidayTable _table = null!;
    private WorkingCalendar _uk = null!;
    private HashSet<DateOnly> _ukHolidays = [];

    [GlobalSetup]
    public void Setup()
    {
        _instants = RandomInstants(Cases);
        _receipts = [.. _instants.Select(LondonTime.DateOf)];
        _table = HolidayTable.Embedded;
        _uk = _table.Calendar(CalendarId.Uk);
        _ukHolidays = [.. _table.Rows.Select(r => r.Date)];
    }

    [Benchmark(Baseline = true, Description = "Naive day-by-day (rule book 2.2), 1M instants")]
    public long Naive()
    {
        long sum = 0;
        foreach (var instant in _instants)
        {
            sum += NaiveNth(LondonTime.DateOf(instant), 20).DayNumber;
        }

        return sum;
    }

    [Benchmark(Description = "Engine fast path StatutoryDue, 1M instants")]
    public long Engine()
    {
        long sum = 0;
        foreach (var instant in _instants)
        {
            sum += DeadlineEngine.StatutoryDue(Regime.Foia, instant, _table).DayNumber;
        }

        return sum;
    }

    [Benchmark(Description = "Naive day-by-day, 1M receipt dates")]
    public long NaiveDates()
    {
        long sum = 0;
        foreach (var receipt in _receipts)
        {
            sum += NaiveNth(receipt, 20).DayNumber;
        }

        return sum;
    }

    [Benchmark(Description = "Engine AddWorkingDays, 1M receipt dates")]
    public long EngineDates()
    {
        long sum = 0;
        foreach (var receipt in _receipts)
        {
            sum += _uk.AddWorkingDays(receipt, 20).DayNumber;
        }

        return sum;
    }

    /// <summary>Seeded arrival instants from 2022 to mid-November 2028, so every due date is inside the holiday table.</summary>
    internal static DateTimeOffset[] RandomInstants(int count)
    {
        var random = new Random(20250606);
        var first = new DateTimeOffset(2022, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
        var last = new DateTimeOffset(2028, 11, 15, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
        return [.. Enumerable.Range(0, count).Select(_ => DateTimeOffset.FromUnixTimeSeconds(random.NextInt64(first, last)))];
    }

    private DateOnly NaiveNth(DateOnly day0, int n)
    {
        var d = day0;
        var k = 0;
        while (k < n)
        {
            d = d.AddDays(1);
            if (d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !_ukHolidays.Contains(d))
            {
                k++;
            }
        }

        return d;
    }
}

/// <summary>The full computation with its working (what a page or the recompute-all job calls), per 10,000 cases.</summary>
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 5)]
[MemoryDiagnoser]
public class DeadlineComputeBenchmarks
{
    private const int Cases = 10_000;
    private DateTimeOffset[] _instants = [];

    [GlobalSetup]
    public void Setup()
    {
        _instants = DeadlineBenchmarks.RandomInstants(Cases);
        _ = HolidayTable.Embedded.Calendar(CalendarId.Uk);
    }

    [Benchmark(Description = "Compute with working (foia, no events), 10k instants")]
    public int Compute()
    {
        var steps = 0;
        foreach (var instant in _instants)
        {
            steps += DeadlineEngine.Compute(Regime.Foia, instant, []).Working.Count;
        }

        return steps;
    }
}
