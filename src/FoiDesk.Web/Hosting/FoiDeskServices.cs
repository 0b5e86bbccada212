using System.Data.Common;
using FoiDesk.Accounts;
using FoiDesk.Audit;
using FoiDesk.Cases;
using FoiDesk.Deadlines;
using FoiDesk.Ico;
using FoiDesk.Intake;
using FoiDesk.Mail;
using FoiDesk.Publication;
using FoiDesk.Replies;
using FoiDesk.Reporting;
using FoiDesk.Retention;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using FoiDesk.Database;
using FoiDesk.Operations;
using FoiDesk.SocialValue;
using FoiDesk.SocialValue.Sync;
using Npgsql;

namespace FoiDesk.Web.Hosting;

/// <summary>The services FoiDesk needs, shared by the web host and the database CLI verbs.</summary>
public static class FoiDeskServices
{
    public static IServiceCollection AddFoiDeskCore(this IServiceCollection services, IConfiguration configuration, string connectionString)
    {
        DapperSetup.Configure();
        services.AddOptions<FoiDeskOptions>().Bind(configuration.GetSection(FoiDeskOptions.Section));
        services.AddSingleton(TimeProvider.System);

        // One NpgsqlDataSource for the app, shared with Hangfire's job storage (see Jobs/JobServices).
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
        // FoiDesk:Auth:PasswordIterations: PBKDF2 iterations for new hashes (issue 16; the tests use fewer for speed).
        services.AddSingleton(sp => new AccountService(sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<TimeProvider>(),
            configuration.GetValue("FoiDesk:Auth:PasswordIterations", AccountService.DefaultIterations)));
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
        services.AddMonitoringPlatformSync(configuration);
        services.AddManagerCapabilities();
        services.AddRetention(configuration).AddOptions<RetentionOptions>().PostConfigure<IOptions<FoiDeskOptions>>((r, f) => (r.ProcessedMailDirectory, r.OutboxDirectory) = (r.ProcessedMailDirectory ?? f.Value.ProcessedDirectory, r.OutboxDirectory ?? f.Value.OutboxDirectory));
        services.AddIco(configuration);
        return services;
    }

}
