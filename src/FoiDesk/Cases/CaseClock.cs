using Dapper;
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

    /// <summary>Records a clock event (validated by the engine) and moves the case's status with it.</summary>
    public async Task<DeadlineResult?> RecordAsync(CaseRow c, string name, DateOnly date, string actor, string note, CancellationToken ct)
    {
        var result = await PreviewAsync(c, name, date, ct)
            ?? throw new DeadlineInputException($"case {c.Reference} has no statutory clock ({c.Classification})");
        await using var conn = await cases.DataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        const string Insert = """
            insert into clock_event (case_id, name, occurred_on, recorded_at, recorded_by, note)
            values (@Id, @name, @date, @now, @actor, @note)
            """;
        await conn.ExecuteAsync(new CommandDefinition(Insert, new { c.Id, name, date, now = time.GetUtcNow(), actor, note }, tx, cancellationToken: ct));
        var status = name switch
        {
            // FOIA s1(3) and s9: the clock stops until the clarification or fee arrives.
            ClockEventNames.ClarificationSent or ClockEventNames.FeesNoticeSent => CaseStatuses.OnHold,
            ClockEventNames.ClarificationReceived or ClockEventNames.FeeReceived or ClockEventNames.IdReceived => CaseStatuses.Open,
            ClockEventNames.ResponseSent => CaseStatuses.Responded,
            _ => null,
        };
        if (status is not null)
        {
            await conn.ExecuteAsync(new CommandDefinition("update foi_case set status = @status where id = @Id", new { status, c.Id }, tx, cancellationToken: ct));
        }

        await cases.AddEventAsync(conn, tx, c.Id, actor, "clock-event", new { name, date = date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), note, dates = result.Dates }, ct);
        await tx.CommitAsync(ct);
        return result;
    }
}
