using System.Globalization;
using Dapper;
using FoiDesk.Audit;
using FoiDesk.Cases;
using FoiDesk.Deadlines;

namespace FoiDesk.Intake;

/// <summary>Why a received date cannot be corrected (no reason given, a date in the future, the response already sent).</summary>
public sealed class ReceiptCorrectionException(string message) : Exception(message);

/// <summary>
/// An officer corrects when the authority received a request (the evidence was wrong, or the request reached
/// another inbox first: FOIA s10(1) counts from receipt by the authority, not by the FOI team). The date, the
/// reason and every statutory date that moved are on the timeline and in the audit log, in one transaction.
/// The dates themselves are never stored: <see cref="CaseClock"/> recomputes them from the received time.
/// </summary>
public sealed class ReceiptCorrection(CaseStore cases, AuditLog audit, TimeProvider time)
{
    public async Task<IReadOnlyList<DateMove>> CorrectAsync(CaseRow c, DateOnly receivedOn, string reason, long? accountId, string actor, CancellationToken ct)
    {
        reason = reason.Trim();
        if (reason.Length == 0)
        {
            throw new ReceiptCorrectionException("Say why the received date is wrong");
        }

        if (receivedOn > LondonTime.DateOf(time.GetUtcNow()))
        {
            throw new ReceiptCorrectionException("The received date cannot be in the future");
        }

        // Start of that day in London: the clock counts whole days from the date of receipt (rule book R1, R2).
        var local = receivedOn.ToDateTime(TimeOnly.MinValue);
        var receivedAt = new DateTimeOffset(local, LondonTime.Zone.GetUtcOffset(local));

        await using var conn = await cases.DataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        // Locked, so two officers' corrections are applied one after the other, each against the date it replaced.
        var current = await conn.QuerySingleAsync<(DateTime ReceivedAt, string? Evidence)>(new CommandDefinition(
            "select received_at, received_evidence from foi_case where id = @Id for update", new { c.Id }, tx, cancellationToken: ct));
        var events = await CaseStore.ClockEventsAsync(conn, tx, c.Id, ct);
        if (events.Any(e => e.Name == ClockEventNames.ResponseSent))
        {
            // The timeliness report (response_timeliness) was fixed from the date the response went out against.
            throw new ReceiptCorrectionException("The response has been sent: its timeliness was judged from the received date, which can no longer change");
        }

        var before = c with { ReceivedAt = new DateTimeOffset(DateTime.SpecifyKind(current.ReceivedAt, DateTimeKind.Utc)) };
        var table = await HolidayStore.CurrentAsync(conn, tx, ct);
        var moved = Moves(CaseClock.Compute(before, events, table), CaseClock.Compute(before with { ReceivedAt = receivedAt }, events, table));

        await conn.ExecuteAsync(new CommandDefinition("""
            update foi_case set received_at = @receivedAt, received_evidence = @officer, received_flag = null where id = @Id
            """, new { receivedAt, officer = ReceiptEvidence.Officer, c.Id }, tx, cancellationToken: ct));
        var detail = new
        {
            from = LondonTime.DateOf(before.ReceivedAt).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            fromEvidence = current.Evidence,
            to = receivedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            reason,
            moved = moved.Select(m => new { date = m.Name, from = m.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), to = m.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) }),
        };
        await cases.AddEventAsync(conn, tx, c.Id, actor, "received-corrected", detail, ct);
        await audit.RecordAsync(accountId, actor, "received-date-corrected", c.Reference, detail, ct, conn, tx);
        await tx.CommitAsync(ct);
        return moved;
    }

    private static List<DateMove> Moves(DeadlineResult? before, DeadlineResult? after)
    {
        if (after is null)
        {
            return [];
        }

        var old = before?.Dates ?? new Dictionary<string, DateOnly>();
        return [.. after.Dates
            .Where(kv => !old.TryGetValue(kv.Key, out var was) || was != kv.Value)
            .Select(kv => new DateMove(kv.Key, old.TryGetValue(kv.Key, out var was) ? was : null, kv.Value))];
    }
}
