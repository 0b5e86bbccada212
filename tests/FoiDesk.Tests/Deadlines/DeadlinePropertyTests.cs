using System.Text.Json;
using FoiDesk.Deadlines;

namespace FoiDesk.Tests.Deadlines;

/// <summary>
/// Random receipt instants checked against a naive day-by-day counter (rule book 2.2) written here from its own
/// parse of the GOV.UK data and its own BST rule, so it shares nothing with the engine but the data file.
/// </summary>
public sealed class DeadlinePropertyTests
{
    private const int Samples = 20_000;

    [Test]
    public void ResponseDue_RandomFoiaInstants_IsTwentiethWorkingDayAfterReceiptAndNotBeforeFoisa()
    {
        var (uk, scotland) = LoadIndependentHolidays();
        var random = new Random(20250606);
        var first = new DateTimeOffset(2022, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
        var last = new DateTimeOffset(2028, 11, 15, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds(); // due dates stay inside the table
        for (var i = 0; i < Samples; i++)
        {
            var instant = DateTimeOffset.FromUnixTimeSeconds(random.NextInt64(first, last));
            var receipt = NaiveLondonDate(instant);

            var foia = DeadlineEngine.Compute(Regime.Foia, instant, []);
            var foisa = DeadlineEngine.Compute(Regime.Foisa, instant, []);
            var due = foia.Dates[DateNames.ResponseDue];

            Assert.That(foia.ReceiptDate, Is.EqualTo(receipt), $"receipt date of {instant:O}");
            Assert.That(IsWorking(due, uk), Is.True, $"{instant:O}: {due} is not a working day");
            Assert.That(NaiveCount(receipt, due, uk), Is.EqualTo(20), $"{instant:O}: {due} is not 20 WD after {receipt}");
            Assert.That(due, Is.EqualTo(NaiveNth(receipt, 20, uk)), $"{instant:O}");
            Assert.That(foisa.Dates[DateNames.ResponseDue], Is.EqualTo(NaiveNth(receipt, 20, scotland)), $"{instant:O} FOISA");
            Assert.That(due, Is.GreaterThanOrEqualTo(foisa.Dates[DateNames.ResponseDue]), $"{instant:O}: FOIA earlier than FOISA");
            Assert.That(DeadlineEngine.StatutoryDue(Regime.Foia, instant, HolidayTable.Embedded), Is.EqualTo(due), "fast path");
            Assert.That(foia.Warnings, Is.Empty);
        }
    }

    // Rule book 2.2, literally.
    private static DateOnly NaiveNth(DateOnly day0, int n, HashSet<DateOnly> holidays)
    {
        var d = day0;
        var k = 0;
        while (k < n)
        {
            d = d.AddDays(1);
            if (IsWorking(d, holidays))
            {
                k++;
            }
        }

        return d;
    }

    private static int NaiveCount(DateOnly day0, DateOnly through, HashSet<DateOnly> holidays)
    {
        var count = 0;
        for (var d = day0.AddDays(1); d <= through; d = d.AddDays(1))
        {
            if (IsWorking(d, holidays))
            {
                count++;
            }
        }

        return count;
    }

    private static bool IsWorking(DateOnly d, HashSet<DateOnly> holidays) =>
        d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !holidays.Contains(d);

    // R3: BST runs from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October.
    private static DateOnly NaiveLondonDate(DateTimeOffset instant)
    {
        var utc = instant.UtcDateTime;
        var start = LastSunday(utc.Year, 3).AddHours(1);
        var end = LastSunday(utc.Year, 10).AddHours(1);
        var local = utc >= start && utc < end ? utc.AddHours(1) : utc;
        return DateOnly.FromDateTime(local);
    }

    private static DateTime LastSunday(int year, int month)
    {
        var d = new DateTime(year, month, DateTime.DaysInMonth(year, month), 0, 0, 0, DateTimeKind.Utc);
        while (d.DayOfWeek != DayOfWeek.Sunday)
        {
            d = d.AddDays(-1);
        }

        return d;
    }

    private static (HashSet<DateOnly> Uk, HashSet<DateOnly> Scotland) LoadIndependentHolidays()
    {
        var path = Path.Combine(TestContext.CurrentContext.TestDirectory, "Deadlines", "Data", "uk-bank-holidays.json");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var uk = new HashSet<DateOnly>();
        var scotland = new HashSet<DateOnly>();
        foreach (var division in doc.RootElement.EnumerateObject())
        {
            foreach (var e in division.Value.GetProperty("events").EnumerateArray())
            {
                var date = DateOnly.Parse(e.GetProperty("date").GetString()!);
                uk.Add(date);
                if (division.Name == "scotland")
                {
                    scotland.Add(date);
                }
            }
        }

        return (uk, scotland);
    }
}
