using CsCheck;
using FoiDesk.Deadlines;

namespace FoiDesk.Tests.Deadlines;

/// <summary>
/// The fast path (<see cref="DeadlineEngine.StatutoryDue"/>) against the full engine's
/// <see cref="StatutoryDates.CurrentDue"/>, for every regime, over random receipt instants (any hour, across the
/// clock changes), random extra holidays (a proclaimed day in any division) and every subject access calendar.
/// Reports and the case list use the fast path when a case has no events but response_sent, so the two must agree.
/// </summary>
public sealed class StatutoryDuePropertyTests
{
    private static readonly long First = new DateTimeOffset(2022, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
    private static readonly long Last = new DateTimeOffset(2028, 6, 30, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds(); // 40 WD stays inside the table

    private static readonly Gen<DateTimeOffset> Instant = Gen.Long[First, Last].Select(DateTimeOffset.FromUnixTimeSeconds);

    private static readonly Gen<HolidayRow> ExtraHoliday =
        Gen.Select(Gen.Int[0, 365 * 7], Gen.Int[0, Divisions.All.Count - 1],
            (day, division) => new HolidayRow(new DateOnly(2022, 1, 1).AddDays(day), "Proclaimed day (test)", Divisions.All[division], "test"));

    private static readonly Gen<CalendarId> SarCalendar = Gen.OneOf(CalendarId.EnglandAndWales, CalendarId.Scotland, CalendarId.NorthernIreland);

    private static readonly Gen<(Regime Regime, DateTimeOffset Received, HolidayRow[] Extra, CalendarId Sar, int SentAfter)> Input =
        Gen.Select(Gen.Enum<Regime>(), Instant, ExtraHoliday.Array[0, 4], SarCalendar, Gen.Int[-20, 80]); // SentAfter < 0: no response yet

    [Test]
    public void StatutoryDue_RandomInputsEveryRegime_EqualsFullEngineCurrentDue()
    {
        var seen = new HashSet<Regime>();
        Input.Sample(input =>
        {
            var (regime, received, extra, sar, sentAfter) = input;
            lock (seen)
            {
                seen.Add(regime);
            }

            var table = extra.Length == 0 ? HolidayTable.Embedded : HolidayTable.Embedded.WithAdded(extra);
            // response_sent alone does not move the statutory date: the case list and reports rely on that.
            ClockEvent[] events = sentAfter >= 0 ? [new ClockEvent(ClockEventNames.ResponseSent, LondonTime.DateOf(received).AddDays(sentAfter))] : [];
            var full = DeadlineEngine.Compute(regime, received, events, new DeadlineOptions { Holidays = table, SarCalendar = sar });
            var fast = DeadlineEngine.StatutoryDue(regime, received, table, sar);
            return full.Statutory.CurrentDue?.Date == fast;
        }, iter: 20_000);

        Assert.That(seen, Is.EquivalentTo(Enum.GetValues<Regime>()), "every regime was sampled");
    }

    [TestCase(Regime.Foia, DateNames.ResponseDue)]
    [TestCase(Regime.Eir, DateNames.ResponseDue)]
    [TestCase(Regime.Foisa, DateNames.ResponseDue)]
    [TestCase(Regime.FoiaReview, DateNames.ReviewResponseDue)]
    [TestCase(Regime.EirReview, DateNames.ReviewResponseDue)]
    [TestCase(Regime.FoisaReview, DateNames.ReviewResponseDue)]
    [TestCase(Regime.Sar, DateNames.ResponseDue)]
    public void CurrentDue_NoEvents_IsTheRegimesFirstDate(Regime regime, string expected)
    {
        var result = DeadlineEngine.Compute(regime, new DateTimeOffset(2025, 6, 6, 10, 0, 0, TimeSpan.Zero), []);

        Assert.That(result.Statutory.CurrentDue?.Name, Is.EqualTo(expected));
    }

    [TestCase(Regime.Foia, ClockEventNames.PitNoticeSent, DateNames.ResponseDuePit)]
    [TestCase(Regime.Eir, ClockEventNames.ExtensionNoticeSent, DateNames.ResponseDueExtended)]
    [TestCase(Regime.Sar, ClockEventNames.ExtensionNoticeSent, DateNames.ResponseDueExtended)]
    public void CurrentDue_ExtensionNoticeSent_IsTheExtendedDate(Regime regime, string notice, string expected)
    {
        var result = DeadlineEngine.Compute(regime, new DateTimeOffset(2025, 6, 6, 10, 0, 0, TimeSpan.Zero), [new ClockEvent(notice, new DateOnly(2025, 6, 20))]);

        Assert.That((result.Statutory.CurrentDue?.Name, result.Statutory.Extended?.Name), Is.EqualTo((expected, expected)));
    }

    [Test]
    public void CurrentDue_ClockStoppedAwaitingClarification_IsNull()
    {
        var result = DeadlineEngine.Compute(Regime.Foia, new DateTimeOffset(2025, 6, 6, 10, 0, 0, TimeSpan.Zero), [new ClockEvent(ClockEventNames.ClarificationSent, new DateOnly(2025, 6, 10))]);

        Assert.That(result.Statutory.CurrentDue, Is.Null);
    }
}
