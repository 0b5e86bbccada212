using System.Data.Common;
using FoiDesk.Accounts;
using FoiDesk.Audit;
using FoiDesk.Cases;
using FoiDesk.Deadlines;
using FoiDesk.Intake;
using FoiDesk.Mail;
using FoiDesk.Publication;
using FoiDesk.Replies;
using FoiDesk.Reporting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using FoiDesk.Database;
using FoiDesk.Operations;
using FoiDesk.SocialValue;
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
            // No JIT: it compiles a query when the planner's estimate is large, and a generic estimate (a team
            // list from a subquery in "my questions") made it spend 40 ms compiling a query that runs in 1 ms.
            builder.ConnectionStringBuilder.Options = $"{builder.ConnectionStringBuilder.Options} -c jit=off".Trim();
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
        services.AddSingleton<TimelinessSummary>();
        services.AddSingleton<HolidayAdmin>();
        services.AddOptions<HolidayRefreshOptions>().Bind(configuration.GetSection(HolidayRefreshOptions.Section));
        services.AddHttpClient<HolidayRefresh>(http => http.Timeout = TimeSpan.FromSeconds(30));
        services.AddOptions<InternalTargetOptions>().Bind(configuration.GetSection("FoiDesk:Deadlines"));
        services.AddSingleton<QuestionTargets>();
        services.AddSingleton<Reminders>();
        services.AddReminderDigests(configuration);
        services.AddSingleton<IntakeProcessor>();
        services.AddSingleton<IntakeRunner>();
        services.AddSingleton<IMailSender>(sp => MailSources.Outbox(
            sp.GetRequiredService<IOptions<MailSettings>>().Value,
            sp.GetRequiredService<IOptions<FoiDeskOptions>>().Value));
        services.AddSingleton(sp =>
        {
            var mail = sp.GetRequiredService<IOptions<MailSettings>>().Value;
            return new Outbox(sp.GetRequiredService<TimeProvider>(), mail.FromAddress, mail.FromName);
        });
        services.AddSingleton(sp => new OutboxSender(
            sp.GetRequiredService<NpgsqlDataSource>(),
            sp.GetRequiredService<IMailSender>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<OutboxSender>>(),
            sp.GetRequiredService<IOptions<MailSettings>>().Value.FromAddress,
            TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<MailSettings>>().Value.OutboxLeaseSeconds)));
        services.AddOptions<AuthorityOptions>().Bind(configuration.GetSection(AuthorityOptions.Section));
        services.AddSingleton(_ => new LetterRenderer(LetterTemplateLibrary.LoadDirectory(Path.Combine(AppContext.BaseDirectory, "templates"))));
        services.AddSingleton<LetterWording>();
        services.AddSingleton<CaseLetters>();
        services.AddOptions<DisclosureLogOptions>().Bind(configuration.GetSection(DisclosureLogOptions.Section))
            .PostConfigure<IOptions<FoiDeskOptions>>((log, foidesk) => log.Directory ??= Path.Combine(foidesk.Value.FullDataDirectory, "disclosure-log"));
        services.AddSingleton<DisclosureLog>();
        services.AddSingleton<HoldingPen>();
        services.AddSingleton<SimilarQuestions>();
        services.AddSingleton<IMailSource>(sp => MailSources.Inbox(
            sp.GetRequiredService<IOptions<MailSettings>>().Value,
            sp.GetRequiredService<IOptions<FoiDeskOptions>>().Value));
        services.AddSocialValue();
        services.AddManagerCapabilities();
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
            q.ScheduleJob<OutboxJob>(
                trigger => trigger
                    .WithIdentity("outbox", "mail")
                    .ForJob(OutboxJob.Key)
                    .StartNow()
                    .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromSeconds(10)).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)),
                job => job.WithIdentity(OutboxJob.Key));
            q.ScheduleJob<HeartbeatJob>(
                trigger => trigger
                    .WithIdentity("heartbeat", "operations")
                    .ForJob(HeartbeatJob.Key)
                    .StartNow()
                    .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromSeconds(options.HeartbeatSeconds)).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)),
                job => job.WithIdentity(HeartbeatJob.Key));
            q.ScheduleJob<DisclosureLogJob>(
                trigger => trigger
                    .WithIdentity("disclosure-log", "publication")
                    .ForJob(DisclosureLogJob.Key)
                    .StartNow()
                    .WithSimpleSchedule(s => s.WithInterval(DisclosureLogJob.Interval).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)),
                job => job.WithIdentity(DisclosureLogJob.Key));
            q.ScheduleJob<ReminderJob>(
                trigger => trigger
                    .WithIdentity("reminders", "deadlines")
                    .ForJob(ReminderJob.Key)
                    .WithCronSchedule(ReminderJob.Cron, c => c.InTimeZone(LondonTime.Zone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)),
                job => job.WithIdentity(ReminderJob.Key));
            q.ScheduleJob<TimelinessSummaryJob>(
                trigger => trigger
                    .WithIdentity("timeliness-summary", "reporting")
                    .ForJob(TimelinessSummaryJob.Key)
                    .StartNow()
                    .WithSimpleSchedule(s => s.WithInterval(TimelinessSummaryJob.Interval).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)),
                job => job.WithIdentity(TimelinessSummaryJob.Key));
            if (!string.IsNullOrWhiteSpace(options.Holidays.RefreshUrl))
            {
                // Off by default: only an operator who set FoiDesk:Holidays:RefreshUrl reaches GOV.UK. Daily at 06:00, before the reminders.
                q.ScheduleJob<HolidayRefreshJob>(
                    trigger => trigger
                        .WithIdentity("holiday-refresh", "deadlines")
                        .ForJob(HolidayRefreshJob.Key)
                        .WithCronSchedule("0 0 6 * * ?", c => c.InTimeZone(LondonTime.Zone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)),
                    job => job.WithIdentity(HolidayRefreshJob.Key));
            }
        });
        services.AddQuartzHostedService(SchedulerName, o => o.WaitForJobsToComplete = true);

        // With an IMAP inbox, IDLE starts a pass as soon as mail arrives; the poll above stays as the safety net.
        services.AddHostedService(sp =>
        {
            var mail = sp.GetRequiredService<IOptions<MailSettings>>().Value;
            var scheduler = sp.GetRequiredKeyedService<IScheduler>(SchedulerName);
            return new NewMailWatcher(
                () => mail.Imap.Configured ? new ImapMailbox(mail.Imap.Endpoint()) : throw new InvalidOperationException("no IMAP inbox"),
                mail.Imap.Configured ? mail.ImapFolder : "",
                ct => scheduler.TriggerJob(IntakeJob.Key, ct).AsTask(),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<NewMailWatcher>>())
            {
                Enabled = mail.Imap.Configured,
            };
        });
        return services;
    }

    public const string SchedulerName = "FoiDesk";
}
