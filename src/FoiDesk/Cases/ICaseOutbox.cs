using FoiDesk.Approval;
using Npgsql;

namespace FoiDesk.Cases;

/// <summary>
/// The letters a case command queues in its own transaction. Letters are rendered by the Replies capability
/// (which depends on Cases), so the workflow asks through this port; <c>Replies.CaseLetters</c> implements it.
/// </summary>
public interface ICaseOutbox
{
    /// <summary>
    /// Queues the acknowledgement of a confirmed request unless one is already queued (or the case gets none):
    /// returns the outbox id, null when none was due, or a problem when the letter cannot be sent as it stands.
    /// </summary>
    Task<(long? OutboxId, string? Problem)> QueueAcknowledgementAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CaseRow confirmed, Actor by, string? officerName, CancellationToken ct);
}
