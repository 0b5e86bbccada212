using System.Text.Json;
using FoiDesk.Deadlines;

namespace FoiDesk.Tests.Deadlines.Store;

/// <summary>
/// Rule book 8.5: a bank holiday proclaimed after a request arrived still applies to its running clock, so
/// adding a day to the table moves every open case whose window contains it, and the case history says why.
/// </summary>
public sealed class HolidayRecomputeTests
{
    // Monday 2 June 2025, 10:00 BST: day 1 is Tue 3 June, the 20th working day Mon 30 June (no holidays in June).
    private static readonly DateTimeOffset Received = new(2025, 6, 2, 10, 0, 0, TimeSpan.FromHours(1));
    private static readonly DateOnly ProclaimedDay = new(2025, 6, 16);
    private ClockDatabase _db = null!;

    [SetUp]
    public async Task SetUp() => _db = await ClockDatabase.CreateAsync(new DateTimeOffset(2025, 6, 5, 9, 0, 0, TimeSpan.Zero));

    [TearDown]
    public async Task TearDown() => await _db.DisposeAsync();

    [Test]
    public async Task AddHoliday_InsideOpenCaseWindow_MovesResponseDueOneWorkingDayAndHistorySaysWhy()
    {
        var open = await _db.OpenFoiaAsync(Received, "How many?");
        var before = await _db.ResponseDueAsync(open.Id);

        var changes = await _db.Admin.AddAsync(ProclaimedDay, "Proclaimed test holiday", [Division.EnglandAndWales], "London Gazette 12345", "admin@test", CancellationToken.None);

        var after = await _db.ResponseDueAsync(open.Id);
        Assert.That(before, Is.EqualTo(new DateOnly(2025, 6, 30)));
        Assert.That(after, Is.EqualTo(new DateOnly(2025, 7, 1)), "one more non-working day in the window: one working day later");
        Assert.That(changes.Select(c => c.Reference), Is.EqualTo(new[] { open.Reference }));
        Assert.That(changes[0].Moved, Is.EqualTo(new[] { new DateMove(DateNames.ResponseDue, before, after) }));

        var recorded = await _db.RecomputeEventsAsync(open.Id);
        Assert.That(recorded, Has.Count.EqualTo(1));
        using var detail = JsonDocument.Parse(recorded[0].Detail);
        Assert.That(detail.RootElement.GetProperty("reason").GetString(), Does.Contain("2025-06-16").And.Contain("Proclaimed test holiday").And.Contain("England and Wales"));
        var moved = detail.RootElement.GetProperty("moved")[0];
        Assert.That(moved.GetProperty("date").GetString(), Is.EqualTo("response_due"));
        Assert.That(moved.GetProperty("from").GetString(), Is.EqualTo("2025-06-30"));
        Assert.That(moved.GetProperty("to").GetString(), Is.EqualTo("2025-07-01"));
        Assert.That(recorded[0].Actor, Is.EqualTo("admin@test"));
    }

    [Test]
    public async Task AddHoliday_ScotlandOnlyDay_StillMovesFoiaCase()
    {
        // FOIA s10(6): a bank holiday in any part of the UK is not a working day.
        var open = await _db.OpenFoiaAsync(Received, "How many?");

        await _db.Admin.AddAsync(ProclaimedDay, "Scottish proclaimed day", [Division.Scotland], "Edinburgh Gazette", "admin@test", CancellationToken.None);

        Assert.That(await _db.ResponseDueAsync(open.Id), Is.EqualTo(new DateOnly(2025, 7, 1)));
    }

    [Test]
    public async Task AddHoliday_ClosedCase_IsNotTouched()
    {
        var closed = await _db.OpenFoiaAsync(Received, "How many?");
        await _db.ExecuteAsync("update foi_case set status = 'closed', outcome = 'withdrawn' where id = @Id", new { closed.Id });

        var changes = await _db.Admin.AddAsync(ProclaimedDay, "Proclaimed test holiday", [Division.EnglandAndWales], "London Gazette 12345", "admin@test", CancellationToken.None);

        Assert.That(changes, Is.Empty);
        Assert.That(await _db.RecomputeEventsAsync(closed.Id), Is.Empty);
    }

    [Test]
    public async Task AddHoliday_OutsideEveryWindow_RecordsNothing()
    {
        var open = await _db.OpenFoiaAsync(Received, "How many?");

        // After the 30 June due date: no open date depends on it.
        var changes = await _db.Admin.AddAsync(new DateOnly(2025, 9, 15), "Proclaimed later", [Division.EnglandAndWales], "London Gazette 67890", "admin@test", CancellationToken.None);

        Assert.That(changes, Is.Empty);
        Assert.That(await _db.RecomputeEventsAsync(open.Id), Is.Empty);
        Assert.That(await _db.ResponseDueAsync(open.Id), Is.EqualTo(new DateOnly(2025, 6, 30)));
        var listed = await _db.Admin.ListAsync(2025, CancellationToken.None);
        Assert.That(listed.Single(h => h.Date == new DateOnly(2025, 9, 15)).Source, Is.EqualTo("London Gazette 67890"), "the day is stored even though no case moved");
    }

    [Test]
    public async Task List_Year_GroupsDivisionsOfOneDay()
    {
        var listed = await _db.Admin.ListAsync(2025, CancellationToken.None);

        // 1 Jan is a bank holiday in all three divisions; 17 Mar (St Patrick's Day) in Northern Ireland only.
        Assert.That(listed.Single(h => h.Date == new DateOnly(2025, 1, 1)).Divisions, Is.EqualTo(new[] { "england-and-wales", "scotland", "northern-ireland" }));
        Assert.That(listed.Single(h => h.Date == new DateOnly(2025, 3, 17)).Divisions, Is.EqualTo(new[] { "northern-ireland" }));
        Assert.That(listed.All(h => h.Date.Year == 2025), Is.True);
    }

    [TestCase("", "London Gazette")] // no title
    [TestCase("A day", "gov.uk")] // an admin's row must not pass as the feed's
    public void Add_BadInput_IsRefused(string title, string source)
    {
        Assert.ThrowsAsync<ArgumentException>(() => _db.Admin.AddAsync(ProclaimedDay, title, [Division.Scotland], source, "admin@test", CancellationToken.None));
    }
}
