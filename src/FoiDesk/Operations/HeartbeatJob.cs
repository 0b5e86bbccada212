using Dapper;
using Npgsql;

namespace FoiDesk.Operations;

/// <summary>
/// Records each firing so /health can report the job server and tests can see that a firing ran on exactly
/// one host. Old rows are pruned as it goes.
/// </summary>
public sealed class HeartbeatJob(NpgsqlDataSource db, TimeProvider time) : IScheduledJob
{
    public async Task RunAsync(JobRun run, CancellationToken ct)
    {
        const string Sql = """
            insert into scheduler_heartbeat (scheduled_at, fired_at, instance_id) values (@scheduled, @fired, @instance);
            delete from scheduler_heartbeat where fired_at < @fired - interval '1 day';
            """;
        await using var conn = await db.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(Sql, new
        {
            scheduled = run.ScheduledAt,
            fired = time.GetUtcNow(),
            instance = run.Instance,
        }, cancellationToken: ct));
    }

    public static async Task<DateTimeOffset?> LastRunAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.ExecuteScalarAsync<DateTimeOffset?>(new CommandDefinition("select max(fired_at) from scheduler_heartbeat", cancellationToken: ct));
    }
}
