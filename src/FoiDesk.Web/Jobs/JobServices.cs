using Dapper;
using FoiDesk.Database;
using FoiDesk.Intake;
using FoiDesk.Mail;
using FoiDesk.Operations;
using FoiDesk.Web.Hosting;
using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace FoiDesk.Web.Jobs;

/// <summary>
/// Hangfire on FoiDesk's PostgreSQL database: the storage (jobs, queues, recurring definitions, servers) in
/// its own schema, <see cref="Schema"/>; the server that runs <see cref="JobTable"/>; the dashboard at /admin/jobs.
/// </summary>
public static class JobServices
{
    /// <summary>Hangfire's tables live here, apart from FoiDesk's own (created by Hangfire's installer, see <see cref="PrepareStorageAsync"/>).</summary>
    public const string Schema = "hangfire";

    public const string DashboardPath = "/admin/jobs";

    /// <summary>Storage and the client: enough to enqueue work and show the dashboard; runs nothing.</summary>
    public static IServiceCollection AddFoiDeskJobStorage(this IServiceCollection services)
    {
        services.AddHangfire((sp, config) => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseFilter(RetryPolicy())
            .UsePostgreSqlStorage(
                o => o.UseConnectionFactory(new DataSourceConnectionFactory(sp.GetRequiredService<NpgsqlDataSource>())),
                new PostgreSqlStorageOptions
                {
                    SchemaName = Schema,
                    PrepareSchemaIfNecessary = true,
                    // Workers look for queued work every second, so a job started now starts within a second.
                    QueuePollInterval = TimeSpan.FromSeconds(1),
                    // A job fetched by a host that dies becomes visible to the others again after this; while the
                    // host lives, the sliding timeout keeps extending it, so a long run is never taken twice.
                    UseSlidingInvisibilityTimeout = true,
                    InvisibilityTimeout = TimeSpan.FromMinutes(2),
                    DistributedLockTimeout = TimeSpan.FromMinutes(1),
                }));
        services.AddTransient<JobRunner>();
        services.AddSingleton<JobStarter>();
        return services;
    }

    /// <summary>
    /// Transient failures (a mailbox or relay down, a timeout) are tried again after 10 s, 1 min and 5 min, then
    /// left failed on /admin/jobs; a <see cref="PermanentJobFailureException"/> fails at once.
    /// </summary>
    public static AutomaticRetryAttribute RetryPolicy() => new()
    {
        Attempts = 3,
        DelaysInSeconds = [10, 60, 300],
        ExceptOn = [typeof(PermanentJobFailureException)],
        OnAttemptsExceeded = AttemptsExceededAction.Fail,
        LogEvents = true,
    };

    /// <summary>The server: recurring firings, queued work, this host's part in the cluster.</summary>
    public static IServiceCollection AddFoiDeskJobServer(this IServiceCollection services)
    {
        services.AddHostedService<RecurringJobRegistration>();
        services.AddHangfireServer(o =>
        {
            o.ServerName = JobRunner.Instance;
            // The recurring scheduler looks for due firings every second, so a 10 s or 15 s schedule fires on
            // time; missed firings collapse into one run (MisfireHandlingMode.Relaxed), never a burst.
            o.SchedulePollingInterval = TimeSpan.FromSeconds(1);
            o.WorkerCount = 4;
            o.ServerCheckInterval = TimeSpan.FromSeconds(30);
            o.ServerTimeout = TimeSpan.FromMinutes(2);
            o.HeartbeatInterval = TimeSpan.FromSeconds(10);
            // On stop, a run in progress is cancelled and goes back to the queue for another host.
            o.StopTimeout = TimeSpan.FromSeconds(5);
            o.ShutdownTimeout = TimeSpan.FromSeconds(15);
        });

        // Another member's migration may create types this process has not loaded (issue 13); every host checks
        // for itself, so this is a hosted service, not a clustered job that would run on one member only.
        services.AddHostedService(sp => new TypeCatalogueWatch(
            sp.GetRequiredService<MigrationRunner>(),
            TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<FoiDeskOptions>>().Value.HeartbeatSeconds),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<TypeCatalogueWatch>>()));

        // With an IMAP inbox, IDLE starts a pass as soon as mail arrives; the poll stays as the safety net.
        services.AddHostedService(sp =>
        {
            var mail = sp.GetRequiredService<IOptions<MailSettings>>().Value;
            var starter = sp.GetRequiredService<JobStarter>();
            return new NewMailWatcher(
                () => mail.Imap.Configured ? new ImapMailbox(mail.Imap.Endpoint()) : throw new InvalidOperationException("no IMAP inbox"),
                mail.Imap.Configured ? mail.ImapFolder : "",
                _ =>
                {
                    starter.StartNow(JobTable.Intake);
                    return Task.CompletedTask;
                },
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<NewMailWatcher>>())
            {
                Enabled = mail.Imap.Configured,
            };
        });
        return services;
    }

    /// <summary>
    /// Creates or upgrades Hangfire's schema with Hangfire.PostgreSql's own installer (its scripts, its version
    /// table <c>hangfire.schema</c>), under FoiDesk's migration lock so two hosts starting at once take turns.
    /// </summary>
    public static async Task PrepareStorageAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<NpgsqlDataSource>();
        await using var conn = await db.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("select pg_advisory_lock(@key)", new { key = Database.MigrationRunner.AdvisoryLockKey }, cancellationToken: ct));
        try
        {
            _ = services.GetRequiredService<JobStorage>();
        }
        finally
        {
            await conn.ExecuteAsync(new CommandDefinition("select pg_advisory_unlock(@key)", new { key = Database.MigrationRunner.AdvisoryLockKey }));
        }
    }

    /// <summary>
    /// The dashboard at /admin/jobs: administrators only (the endpoint's policy, then Hangfire's own check), in
    /// FoiDesk's sign-in. Its buttons post with ASP.NET Core's anti-forgery token, which Hangfire.AspNetCore
    /// checks when anti-forgery is registered (it is, for the pages), and the cookie is SameSite=Strict.
    /// </summary>
    public static void MapFoiDeskJobsDashboard(this WebApplication app) =>
        app.MapHangfireDashboard(DashboardPath, new DashboardOptions
        {
            Authorization = [new DashboardAdminsOnly()],
            AppPath = "/admin",
            DashboardTitle = "FoiDesk jobs",
            DisplayStorageConnectionString = false,
            IgnoreAntiforgeryToken = false,
        })
        // Its pages are GETs and its buttons POSTs; naming them keeps every other method out.
        .WithMetadata(new HttpMethodMetadata(["GET", "POST"]))
        .RequireAuthorization(Policies.Admin);
}
