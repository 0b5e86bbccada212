using FoiDesk.Accounts;
using FoiDesk.Database;
using FoiDesk.Operations;
using FoiDesk.Web.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;
using Quartz;

namespace FoiDesk.Web.Health;

/// <summary>One component's state on /health.</summary>
public sealed record ComponentHealth(string State, string Detail)
{
    public const string Up = "up";
    public const string Down = "down";

    public bool IsUp => State == Up;
}

/// <summary>
/// GET /health: 200 with each component's state when all are up, 503 when any is down. Anyone may ask (load
/// balancers and monitors do, without signing in), so an anonymous answer carries only "up" or "down" per
/// component: no exception text, versions or paths (security review, Low), which tell an attacker what to
/// aim at. An admin signed in gets each component's detail as well.
/// </summary>
public static class HealthEndpoint
{
    public static void Map(WebApplication app) => app.MapGet("/health", async (HttpContext http, IServiceProvider services, CancellationToken ct) =>
    {
        var components = new Dictionary<string, ComponentHealth>
        {
            ["database"] = await Check(() => DatabaseAsync(services, ct)),
            ["migrations"] = await Check(() => MigrationsAsync(services, ct)),
            ["scheduler"] = await Check(() => SchedulerAsync(services, ct)),
            ["mailbox"] = await Check(() => MailboxAsync(services)),
        };
        var up = components.Values.All(c => c.IsUp);
        http.Response.Headers.CacheControl = "no-store";
        var status = up ? ComponentHealth.Up : ComponentHealth.Down;
        return http.User.IsInRole(Roles.Admin)
            ? Results.Json(new { status, components }, statusCode: up ? 200 : 503)
            : Results.Json(new { status, components = components.ToDictionary(c => c.Key, c => new { state = c.Value.State }) }, statusCode: up ? 200 : 503);
    }).AllowAnonymous();

    private static async Task<ComponentHealth> Check(Func<Task<ComponentHealth>> check)
    {
        try
        {
            return await check();
        }
        catch (Exception e)
        {
            return new ComponentHealth(ComponentHealth.Down, e.Message);
        }
    }

    private static async Task<ComponentHealth> DatabaseAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<NpgsqlDataSource>();
        await using var cmd = db.CreateCommand("select version()");
        var version = (string?)await cmd.ExecuteScalarAsync(ct);
        return new ComponentHealth(ComponentHealth.Up, version?.Split(',')[0] ?? "connected");
    }

    private static async Task<ComponentHealth> MigrationsAsync(IServiceProvider services, CancellationToken ct)
    {
        var options = services.GetRequiredService<IOptions<FoiDeskOptions>>().Value;
        var migrations = MigrationRunner.Load(options.ResolvedMigrationsDirectory);
        var status = await services.GetRequiredService<MigrationRunner>().StatusAsync(migrations, ct);
        if (status.Problem is not null)
        {
            return new ComponentHealth(ComponentHealth.Down, status.Problem);
        }

        return status.Pending.Count == 0
            ? new ComponentHealth(ComponentHealth.Up, $"{status.Applied.Count} applied")
            : new ComponentHealth(ComponentHealth.Down, $"{status.Pending.Count} pending");
    }

    private static async Task<ComponentHealth> SchedulerAsync(IServiceProvider services, CancellationToken ct)
    {
        var scheduler = services.GetKeyedService<IScheduler>(FoiDeskServices.SchedulerName);
        if (scheduler is null || await scheduler.GetStatus(ct) != SchedulerStatus.Running)
        {
            return new ComponentHealth(ComponentHealth.Down, "scheduler not running");
        }

        var options = services.GetRequiredService<IOptions<FoiDeskOptions>>().Value;
        var time = services.GetRequiredService<TimeProvider>();
        var last = await HeartbeatJob.LastRunAsync(services.GetRequiredService<NpgsqlDataSource>(), ct);
        var allowed = TimeSpan.FromSeconds(options.HeartbeatSeconds * 3 + 15);
        var meta = await scheduler.GetMetadata(ct);
        var startedAt = meta.RunningSince ?? time.GetUtcNow();
        if (last is null || last < time.GetUtcNow() - allowed)
        {
            // Right after start the first heartbeat may not have fired yet.
            return time.GetUtcNow() - startedAt < allowed
                ? new ComponentHealth(ComponentHealth.Up, "started; first heartbeat pending")
                : new ComponentHealth(ComponentHealth.Down, last is null ? "no heartbeat recorded" : $"last heartbeat {last:O}");
        }

        return new ComponentHealth(ComponentHealth.Up, $"clustered; last heartbeat {last:O}");
    }

    private static Task<ComponentHealth> MailboxAsync(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<FoiDeskOptions>>().Value;
        var inbox = options.InboxDirectory;
        if (!Directory.Exists(inbox))
        {
            return Task.FromResult(new ComponentHealth(ComponentHealth.Down, $"drop folder missing: {inbox}"));
        }

        var probe = Path.Combine(inbox, $".health-{Guid.NewGuid():N}");
        File.WriteAllBytes(probe, []);
        File.Delete(probe);
        return Task.FromResult(new ComponentHealth(ComponentHealth.Up, $"drop folder {inbox}"));
    }
}
