using FoiDesk.Accounts;
using FoiDesk.Database;
using FoiDesk.Intake;
using FoiDesk.Operations;
using FoiDesk.Web.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;
using FoiDesk.Web.Jobs;
using Hangfire;

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

    /// <summary>
    /// Up while Hangfire servers are checking in and the heartbeat job ran recently; the detail names how many
    /// servers (hosts) there are and how old the newest server heartbeat and the last heartbeat run are.
    /// </summary>
    private static async Task<ComponentHealth> SchedulerAsync(IServiceProvider services, CancellationToken ct)
    {
        if (services.GetService<IHostedService>() is null || !services.GetServices<IHostedService>().OfType<RecurringJobRegistration>().Any())
        {
            return new ComponentHealth(ComponentHealth.Down, "no job server in this process");
        }

        var options = services.GetRequiredService<IOptions<FoiDeskOptions>>().Value;
        var time = services.GetRequiredService<TimeProvider>();
        var now = time.GetUtcNow();
        var servers = services.GetRequiredService<JobStorage>().GetMonitoringApi().Servers();
        var newest = servers.Select(s => s.Heartbeat).Where(h => h is not null).Select(h => new DateTimeOffset(DateTime.SpecifyKind(h!.Value, DateTimeKind.Utc))).DefaultIfEmpty().Max();
        var serverAge = servers.Count == 0 ? (TimeSpan?)null : now - newest;
        var last = await HeartbeatJob.LastRunAsync(services.GetRequiredService<NpgsqlDataSource>(), ct);
        var allowed = TimeSpan.FromSeconds(options.HeartbeatSeconds * 3 + 15);
        var detail = $"{servers.Count} job server(s); newest server heartbeat {Age(serverAge)} ago; last heartbeat job {Age(now - last)} ago";
        if (servers.Count == 0 || serverAge > TimeSpan.FromMinutes(2))
        {
            return new ComponentHealth(ComponentHealth.Down, detail);
        }

        if (last is null || now - last > allowed)
        {
            // Right after start the first heartbeat may not have fired yet.
            var startedAt = servers.Min(s => new DateTimeOffset(DateTime.SpecifyKind(s.StartedAt, DateTimeKind.Utc)));
            return now - startedAt < allowed
                ? new ComponentHealth(ComponentHealth.Up, $"started; first heartbeat pending; {detail}")
                : new ComponentHealth(ComponentHealth.Down, detail);
        }

        return new ComponentHealth(ComponentHealth.Up, detail);
    }

    private static string Age(TimeSpan? age) => age is { } a ? $"{Math.Max(0, a.TotalSeconds):0} s" : "never";

    private static Task<ComponentHealth> MailboxAsync(IServiceProvider services)
    {
        // What this host's intake passes saw: an IMAP server that is down, or refuses the sign-in, shows here
        // from the first failed pass until one reads the mailbox again (issue 14, item 6).
        var state = services.GetRequiredService<MailboxState>().Snapshot();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        if (state.Failing)
        {
            return Task.FromResult(new ComponentHealth(ComponentHealth.Down, $"intake could not read the mailbox for {Age(now - state.FailingSince)}: {state.LastError}"));
        }

        var mail = services.GetRequiredService<IOptions<MailSettings>>().Value;
        if (mail.Imap.Configured)
        {
            return Task.FromResult(new ComponentHealth(ComponentHealth.Up, state.LastRead is null ? $"IMAP {mail.Imap.Host}, not read yet by this host" : $"IMAP {mail.Imap.Host}, last read {Age(now - state.LastRead)} ago"));
        }

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
