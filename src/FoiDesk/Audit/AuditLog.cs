using System.Text.Json;
using Dapper;
using Npgsql;

namespace FoiDesk.Audit;

/// <summary>Who did or saw what, and when. Append-only (the table refuses updates and deletes).</summary>
public sealed class AuditLog(NpgsqlDataSource db, TimeProvider time)
{
    public async Task RecordAsync(long? accountId, string actor, string action, string? subject, object? detail, CancellationToken ct, NpgsqlConnection? conn = null, NpgsqlTransaction? tx = null)
    {
        const string Sql = """
            insert into audit_event (at, account_id, actor, action, subject, detail)
            values (@at, @accountId, @actor, @action, @subject, @detail::jsonb)
            """;
        var args = new CommandDefinition(Sql, new
        {
            at = time.GetUtcNow(),
            accountId,
            actor,
            action,
            subject,
            detail = JsonSerializer.Serialize(detail ?? new { }),
        }, tx, cancellationToken: ct);
        if (conn is not null)
        {
            await conn.ExecuteAsync(args);
            return;
        }

        await using var own = await db.OpenConnectionAsync(ct);
        await own.ExecuteAsync(args);
    }
}
