using Dapper;
using Npgsql;
using Quartz;

namespace FoiDesk.Operations;

/// <summary>
/// Records each firing so /health can report the scheduler and tests can see that a clustered firing ran
/// on exactly one instance. Old rows are pruned as it goes.
/// </summary>
[DisallowConcurrentExecution]
public sealed class HeartbeatJob(NpgsqlDataSource db, TimeProvider time) : IJob
{
    public static readonly JobKey Key = new("heartbeat", "operations");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        const string Sql = """
            insert into scheduler_heartbeat (scheduled_at, fired_at, instance_id) values (@scheduled, @fired, @instance);
            delete from scheduler_heartbeat where fired_at < @fired - interval '1 day';
            """;
        await using var conn = await db.OpenConnectionAsync(cancellationToken);
        await conn.ExecuteAsync(new CommandDefinition(Sql, new
        {
            scheduled = context.ScheduledFireTimeUtc ?? context.FireTimeUtc,
            fired = time.GetUtcNow(),
            instance = context.Scheduler.SchedulerInstanceId,
        }, cancellationToken: cancellationToken));
    }

    public static async Task<DateTimeOffset?> LastRunAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.ExecuteScalarAsync<DateTimeOffset?>(new CommandDefinition("select max(fired_at) from scheduler_heartbeat", cancellationToken: ct));
    }
}
