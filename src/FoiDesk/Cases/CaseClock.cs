using FoiDesk.Deadlines;
using Npgsql;

namespace FoiDesk.Cases;

/// <summary>
/// A case's statutory clock: every date is computed from the receipt instant and the recorded clock
/// events with the holiday table in force, never cached.
/// </summary>
public sealed class CaseClock(CaseStore cases, HolidayStore holidays, TimeProvider time)
{
    public static DeadlineResult? Compute(CaseRow c, IReadOnlyList<ClockEventRow> events, HolidayTable table) =>
        Compute(c, [.. events.Select(e => new ClockEvent(e.Name, e.OccurredOn))], table);

    public static DeadlineResult? Compute(CaseRow c, IReadOnlyList<ClockEvent> events, HolidayTable table)
    {
        if (c.Regime is null)
        {
            return null;
        }

        return DeadlineEngine.Compute(
            Regimes.Parse(c.Regime),
            c.ReceivedAt,
            events,
            new DeadlineOptions { Holidays = table, SarCalendar = DeadlineInput.ParseSarCalendar(c.SarCalendar) });
    }

    public async Task<DeadlineResult?> ComputeAsync(CaseRow c, CancellationToken ct) =>
        Compute(c, await cases.ClockEventsAsync(c.Id, ct), await holidays.CurrentAsync(ct));

    /// <summary>
    /// What the dates would be with one more event, without saving: officers see the new deadlines and
    /// their working before they record it. Throws <see cref="DeadlineInputException"/> for an event the
    /// regime does not allow or one out of order.
    /// </summary>
    public async Task<DeadlineResult?> PreviewAsync(CaseRow c, string name, DateOnly date, CancellationToken ct)
    {
        var events = (await cases.ClockEventsAsync(c.Id, ct)).ToList();
        events.Add(new ClockEventRow { Id = 0, CaseId = c.Id, Name = name, OccurredOn = date, RecordedAt = time.GetUtcNow(), RecordedBy = "", Note = "" });
        return Compute(c, [.. events.OrderBy(e => e.OccurredOn)], await holidays.CurrentAsync(ct));
    }

    /// <summary>
    /// Records a clock event (validated by the engine) and moves the case's status with it, without an audit entry:
    /// for system actors and fixtures. People record events through <see cref="CaseWorkflow.RecordClockEventAsync"/>.
    /// </summary>
    public async Task<DeadlineResult?> RecordAsync(CaseRow c, string name, DateOnly date, string actor, string note, CancellationToken ct)
    {
        var result = await PreviewAsync(c, name, date, ct)
            ?? throw new DeadlineInputException($"case {c.Reference} has no statutory clock ({c.Classification})");
        await using var conn = await cases.DataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await CaseWorkflow.ClockEventInAsync(conn, tx, c.Id, name, date, note, actor, result, time.GetUtcNow(), ct);
        await tx.CommitAsync(ct);
        return result;
    }
}
