using System.Data.Common;
using FoiDesk.Accounts;
using FoiDesk.Approval;
using FoiDesk.Audit;
using FoiDesk.Calendar;
using FoiDesk.Cases;
using FoiDesk.Database;
using FoiDesk.CostLimit;
using FoiDesk.Deadlines;
using FoiDesk.Ico;
using FoiDesk.Intake;
using FoiDesk.Mail;
using FoiDesk.Notifications;
using FoiDesk.Publication;
using FoiDesk.Replies;
using FoiDesk.Requesters;
using FoiDesk.Reporting;
using FoiDesk.Search;
using FoiDesk.Retention;
using FoiDesk.SocialValue;
using FoiDesk.SocialValue.Sync;
using FoiDesk.TwoStep;
using Microsoft.Extensions.Options;
using Npgsql;

namespace FoiDesk.Web.Hosting;

/// <summary>The services FoiDesk needs, shared by the web host and the database CLI verbs.</summary>
public static class FoiDeskServices
{
    public static IServiceCollection AddFoiDeskCore(this IServiceCollection services, IConfiguration configuration, string connectionString)
    {
        DapperSetup.Configure();
        services.AddOptions<FoiDeskOptions>().Bind(configuration.GetSection(FoiDeskOptions.Section))
            .Validate(o => !string.IsNullOrWhiteSpace(o.DataDirectory), "FoiDesk:DataDirectory must be set")
            .Validate(o => o.HeartbeatSeconds >= 1 && o.IntakePollSeconds >= 1, "FoiDesk:HeartbeatSeconds and FoiDesk:IntakePollSeconds must be at least 1")
            .ValidateOnStart();
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

        // Each capability's own services: the same set for the web host and every CLI verb.
        services.AddAudit(configuration);
        services.AddAccounts(configuration);
        services.AddDeadlines(configuration);
        services.AddCases(configuration);
        services.AddIntake(configuration);
        services.AddReceiptEvidence(configuration);
        services.AddReplies(configuration);
        // The workflow queues the acknowledgement through the letters, which live in Replies (a port, not a cycle).
        services.AddCaseWorkflow<CaseLetters>();
        services.AddPublication(configuration);
        services.AddNotifications(configuration);
        services.AddReporting(configuration);
        services.AddCalendarFeeds(configuration);
        services.AddSearch(configuration);
        services.AddSocialValue();
        services.AddMonitoringPlatformSync(configuration);
        services.AddTwoStep(configuration);
        // TOTP secrets are encrypted with Data Protection: the web host keeps its key ring in PostgreSQL
        // (SignInServices); registered here so the CLI's provider, validated as built, can make every service too.
        services.AddDataProtection();
        services.AddSingleton(sp =>
        {
            var protector = sp.GetRequiredService<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>().CreateProtector(TotpSecretProtection.Purpose);
            return new TotpSecretProtection(protector.Protect, protector.Unprotect);
        });
        services.AddCostLimit(configuration);
        services.AddRequesterHistory(configuration);
        services.AddIco(configuration);
        // Retention deletes the copies of mail kept in the host's data directory too.
        services.AddRetention(configuration).AddOptions<RetentionOptions>().PostConfigure<IOptions<FoiDeskOptions>>((r, f) =>
            (r.ProcessedMailDirectory, r.OutboxDirectory) = (r.ProcessedMailDirectory ?? f.Value.ProcessedDirectory, r.OutboxDirectory ?? f.Value.OutboxDirectory));

        // What only the host knows: its data directory (drop folders, the disclosure log) and its own address.
        services.AddSingleton<IMailSource>(sp => MailSources.Inbox(
            sp.GetRequiredService<IOptions<MailSettings>>().Value,
            sp.GetRequiredService<IOptions<FoiDeskOptions>>().Value));
        services.AddSingleton<IMailSender>(sp => MailSources.Outbox(
            sp.GetRequiredService<IOptions<MailSettings>>().Value,
            sp.GetRequiredService<IOptions<FoiDeskOptions>>().Value));
        services.AddSingleton(sp => MailSources.OutboxFor(sp.GetRequiredService<IOptions<MailSettings>>().Value, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => MailSources.SenderFor(
            sp.GetRequiredService<IOptions<MailSettings>>().Value,
            sp.GetRequiredService<NpgsqlDataSource>(),
            sp.GetRequiredService<IMailSender>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<OutboxSender>>()));
        services.AddOptions<DisclosureLogOptions>()
            .PostConfigure<IOptions<FoiDeskOptions>>((log, foidesk) => log.Directory ??= Path.Combine(foidesk.Value.FullDataDirectory, "disclosure-log"));
        // Links in the reminder digests go to the case and question pages at the address staff use.
        services.AddOptions<NotificationOptions>()
            .Configure<IOptions<FoiDeskOptions>>((n, foidesk) => n.PublicUrl = foidesk.Value.ResolvedPublicUrl(configuration["urls"] ?? configuration["ASPNETCORE_URLS"]));
        return services;
    }

}
