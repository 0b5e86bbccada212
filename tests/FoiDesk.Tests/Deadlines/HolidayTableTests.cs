using FoiDesk.Deadlines;

namespace FoiDesk.Tests.Deadlines;

public sealed class HolidayTableTests
{
    private static readonly DateTimeOffset Received = new(2025, 6, 6, 12, 0, 0, TimeSpan.FromHours(1));

    [Test]
    public void Embedded_GovUkSnapshot_HasEveryDivisionAndCovers2022To2028()
    {
        var table = HolidayTable.Embedded;

        // Rule book 9.3: 59 England & Wales, 67 Scotland and 73 NI dates for 2022-2028.
        Assert.That(table.Rows.Count(r => r.Division == Division.EnglandAndWales), Is.EqualTo(59));
        Assert.That(table.Rows.Count(r => r.Division == Division.Scotland), Is.EqualTo(67));
        Assert.That(table.Rows.Count(r => r.Division == Division.NorthernIreland), Is.EqualTo(73));
        Assert.That(table.CoveredYears, Is.EqualTo(new[] { 2022, 2023, 2024, 2025, 2026, 2027, 2028 }));
        Assert.That(table.Version, Has.Length.EqualTo(64));
    }

    [Test]
    public void WithAdded_ProclaimedDay_MovesDueDatesAndChangesVersion()
    {
        var proclaimed = HolidayTable.Embedded.WithAdded(
            [new HolidayRow(new DateOnly(2025, 6, 20), "Proclaimed test holiday", Division.Scotland, "Gazette notice 1234")]);
        var options = new DeadlineOptions { Holidays = proclaimed };

        var foia = DeadlineEngine.Compute(Regime.Foia, Received, [], options);
        var foisa = DeadlineEngine.Compute(Regime.Foisa, Received, [], options);
        var sar = DeadlineEngine.Compute(Regime.Sar, new DateTimeOffset(2025, 5, 20, 12, 0, 0, TimeSpan.FromHours(1)), [], options);

        Assert.That(proclaimed.Version, Is.Not.EqualTo(HolidayTable.Embedded.Version));
        Assert.That(foia.Dates[DateNames.ResponseDue], Is.EqualTo(new DateOnly(2025, 7, 7)), "FOIA: a Scottish day counts UK-wide");
        Assert.That(foisa.Dates[DateNames.ResponseDue], Is.EqualTo(new DateOnly(2025, 7, 7)));
        Assert.That(sar.Dates[DateNames.ResponseDue], Is.EqualTo(new DateOnly(2025, 6, 20)), "England and Wales SAR calendar is unaffected");
        Assert.That(foia.HolidayTableVersion, Is.EqualTo(proclaimed.Version));
        Assert.That(foia.Working.Single(s => s.Kind == StepKind.NonWorkingDay).Text, Does.Contain("added by admin: Gazette notice 1234"));
        Assert.That(DeadlineEngine.Compute(Regime.Foia, Received, []).Dates[DateNames.ResponseDue], Is.EqualTo(new DateOnly(2025, 7, 4)), "the embedded table is unchanged");
    }

    [Test]
    public void ChangedDates_AdminDayAndRetitledDay_AreListed()
    {
        var changed = HolidayTable.FromRows(HolidayTable.Embedded.Rows
            .Select(r => r.Date == new DateOnly(2026, 6, 15) ? r with { Title = "World Cup day" } : r)
            .Append(new HolidayRow(new DateOnly(2025, 6, 20), "Proclaimed", Division.NorthernIreland, "admin")));

        Assert.That(changed.ChangedDates(HolidayTable.Embedded), Is.EqualTo(new[] { new DateOnly(2025, 6, 20), new DateOnly(2026, 6, 15) }));
        Assert.That(HolidayTable.Embedded.ChangedDates(HolidayTable.Embedded), Is.Empty);
    }

    [Test]
    public void FromRows_SameRowsAsJson_HasSameVersion()
    {
        var fromRows = HolidayTable.FromRows(HolidayTable.Embedded.Rows.Reverse());

        Assert.That(fromRows.Version, Is.EqualTo(HolidayTable.Embedded.Version));
    }

    [Test]
    public void FromRows_TitleChanged_ChangesVersion()
    {
        var rows = HolidayTable.Embedded.Rows.Select(r => r.Date == new DateOnly(2026, 6, 15) ? r with { Title = "World Cup day" } : r);

        Assert.That(HolidayTable.FromRows(rows).Version, Is.Not.EqualTo(HolidayTable.Embedded.Version));
    }

    [Test]
    public void FromRows_SingleLaterDay_DoesNotCoverThatYear()
    {
        var table = HolidayTable.Embedded.WithAdded([new HolidayRow(new DateOnly(2029, 6, 18), "Proclaimed", Division.Scotland, "admin")]);

        Assert.That(table.IsCovered(2029), Is.False);
        Assert.That(table.Calendar(CalendarId.Uk).IsWorkingDay(new DateOnly(2029, 6, 18)), Is.False, "an admin day is honoured even outside the covered years");
    }

    [Test]
    public void FromGovUkJson_IgnoresBuntingAndRejectsUnknownDivision()
    {
        const string Json = """
            { "scotland": { "division": "scotland", "events": [
                { "title": "Good Friday", "date": "2025-04-18", "notes": "", "bunting": false } ] } }
            """;
        var table = HolidayTable.FromGovUkJson(Json);

        Assert.That(table.Rows.Single(), Is.EqualTo(new HolidayRow(new DateOnly(2025, 4, 18), "Good Friday", Division.Scotland)));
        Assert.Throws<FormatException>(() => HolidayTable.FromGovUkJson(Json.Replace("\"scotland\": {", "\"wales\": {", StringComparison.Ordinal)));
    }

    [TestCase(CalendarId.Uk, "2025-03-17", false)] // St Patrick's Day: NI, so UK-wide for FOIA
    [TestCase(CalendarId.Scotland, "2025-03-17", true)]
    [TestCase(CalendarId.EnglandAndWales, "2025-03-17", true)]
    [TestCase(CalendarId.NorthernIreland, "2025-03-17", false)]
    [TestCase(CalendarId.Uk, "2025-08-04", false)] // Scottish summer holiday
    [TestCase(CalendarId.EnglandAndWales, "2025-08-04", true)]
    [TestCase(CalendarId.Scotland, "2025-04-21", true)] // Easter Monday is not a Scottish bank holiday
    [TestCase(CalendarId.NorthernIreland, "2025-07-14", false)] // Boyne substitute day
    [TestCase(CalendarId.Uk, "2025-12-27", false)] // Saturday
    public void Calendar_Day_IsWorkingAsTheRuleBookSays(CalendarId id, string date, bool working) =>
        Assert.That(HolidayTable.Embedded.Calendar(id).IsWorkingDay(DateOnly.Parse(date)), Is.EqualTo(working));

    [TestCase(2024, "2024-03-31")]
    [TestCase(2025, "2025-04-20")]
    [TestCase(2026, "2026-04-05")]
    [TestCase(2029, "2029-04-01")]
    [TestCase(2030, "2030-04-21")]
    public void Easter_Year_IsSunday(int year, string expected) =>
        Assert.That(Easter.Sunday(year), Is.EqualTo(DateOnly.Parse(expected)));

    [Test]
    public void TableWith_SameAdditionsAgain_ReusesTheTableAndItsCalendars()
    {
        HolidayRow[] proclaimed = [new(new DateOnly(2025, 6, 13), "Proclaimed", Division.Scotland, "test")];
        HolidayRow[] other = [new(new DateOnly(2025, 6, 20), "Proclaimed", Division.Scotland, "test")];

        var first = HolidayStore.TableWith(proclaimed);
        var again = HolidayStore.TableWith([.. proclaimed]);
        var changed = HolidayStore.TableWith(other);

        Assert.That(again, Is.SameAs(first));
        Assert.That(changed, Is.Not.SameAs(first));
        Assert.That(changed.Calendar(CalendarId.Uk).IsWorkingDay(new DateOnly(2025, 6, 20)), Is.False, "FOIA s10(6): a bank holiday anywhere in the UK");
        Assert.That(changed.Calendar(CalendarId.Uk).IsWorkingDay(new DateOnly(2025, 6, 13)), Is.True);
        Assert.That(HolidayStore.TableWith([]), Is.SameAs(HolidayTable.Embedded));
    }
}

