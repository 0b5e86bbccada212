using System.Data.Common;
using FoiDesk.Accounts;
using FoiDesk.Audit;
using FoiDesk.Cases;
using FoiDesk.Deadlines;
using FoiDesk.Intake;
using Microsoft.Extensions.Options;
using FoiDesk.Database;
using FoiDesk.Operations;
using Npgsql;
using Quartz;

namespace FoiDesk.Web.Hosting;

/// <summary>The services FoiDesk needs, shared by the web host and the database CLI verbs.</summary>
public static class FoiDeskServices
{
    public static IServiceCollection AddFoiDeskCore(this IServiceCollection services, IConfiguration configuration, string connectionString)
    {
        DapperSetup.Configure();
        services.AddOptions<FoiDeskOptions>().Bind(configuration.GetSection(FoiDeskOptions.Section));
        services.AddSingleton(TimeProvider.System);

        // One NpgsqlDataSource for the app, shared with Quartz's job store (registered as DbDataSource).
        services.AddSingleton(sp =>
        {
            var builder = new NpgsqlDataSourceBuilder(connectionString);
            builder.UseLoggerFactory(sp.GetRequiredService<ILoggerFactory>());
            return builder.Build();
        });
        services.AddSingleton<DbDataSource>(sp => sp.GetRequiredService<NpgsqlDataSource>());

        services.AddSingleton<MigrationRunner>();
        services.AddSingleton<AccountService>();
        services.AddSingleton<AuditLog>();

        services.AddOptions<IntakeOptions>().Bind(configuration.GetSection(IntakeOptions.Section));
        services.AddOptions<MailSettings>().Bind(configuration.GetSection(MailSettings.Section));
        services.AddSingleton<CaseStore>();
        services.AddSingleton<CaseClock>();
        services.AddSingleton<HolidayStore>();
        services.AddSingleton<IntakeProcessor>();
        services.AddSingleton<IntakeRunner>();
        services.AddSingleton<HoldingPen>();
        services.AddSingleton<SimilarQuestions>();
        services.AddSingleton<Acknowledgements>();
        services.AddSingleton<IMailSource>(sp => MailSources.Inbox(
            sp.GetRequiredService<IOptions<MailSettings>>().Value,
            sp.GetRequiredService<IOptions<FoiDeskOptions>>().Value));
        return services;
    }

    /// <summary>Quartz with its PostgreSQL job store, clustered: every instance shares the schedule, and a firing runs once.</summary>
    public static IServiceCollection AddFoiDeskScheduler(this IServiceCollection services, FoiDeskOptions options)
    {
        services.AddQuartz(SchedulerName, q =>
        {
            q.ConfigureScheduler(s =>
            {
                // Unique per process: clustering tells instances apart by this id.
                s.InstanceId = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}";
            });
            q.UseTimeProvider(TimeProvider.System);
            q.UsePersistentStore(store =>
            {
                store.UseClustering(c =>
                {
                    c.CheckinInterval = TimeSpan.FromSeconds(5);
                    c.CheckinMisfireThreshold = TimeSpan.FromSeconds(15);
                });
                store.UsePostgres(ds => ds.UseRegisteredDataSource = true);
                store.UseSystemTextJsonSerializer();
                // The tables come from migrations/0002; Quartz only checks them.
                store.ConfigureStore(s => s.SchemaProvisioning = SchemaProvisioning.Validate);
            });
            q.ScheduleJob<IntakeJob>(
                trigger => trigger
                    .WithIdentity("intake", "mail")
                    .ForJob(IntakeJob.Key)
                    .StartNow()
                    .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromSeconds(options.IntakePollSeconds)).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)),
                job => job.WithIdentity(IntakeJob.Key));
            q.ScheduleJob<HeartbeatJob>(
                trigger => trigger
                    .WithIdentity("heartbeat", "operations")
                    .ForJob(HeartbeatJob.Key)
                    .StartNow()
                    .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromSeconds(options.HeartbeatSeconds)).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)),
                job => job.WithIdentity(HeartbeatJob.Key));
        });
        services.AddQuartzHostedService(SchedulerName, o => o.WaitForJobsToComplete = true);
        return services;
    }

    public const string SchedulerName = "FoiDesk";
}
