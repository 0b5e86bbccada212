using System.Reflection;
using FoiDesk.Accounts;
using FoiDesk.Database;
using FoiDesk.Web.Hosting;
using Microsoft.Extensions.Options;

namespace FoiDesk.Web.Cli;

/// <summary>Verbs of the foundation: version, help, migrate, serve, accounts.</summary>
public static class FoundationVerbs
{
    public static IReadOnlyList<CliVerb> All { get; } =
    [
        new("version", "", NeedsDatabase: false, Version),
        new("help", "", NeedsDatabase: false, Help),
        new("migrate", "", NeedsDatabase: true, Migrate),
        new("serve", "[--urls URL]", NeedsDatabase: false, _ => throw new InvalidOperationException("serve is handled by the host")),
        new("accounts add", "--role ROLE [--role ROLE ...] --email ADDRESS [--name NAME]", NeedsDatabase: true, AccountsAdd),
        new("accounts list", "", NeedsDatabase: true, AccountsList),
        new("case-workflow-doc", "", NeedsDatabase: false, CaseWorkflowDoc),
    ];

    /// <summary>docs/case-workflow.md from the case workflow's transition table: ops/foidesk case-workflow-doc > docs/case-workflow.md.</summary>
    private static Task<int> CaseWorkflowDoc(CliContext ctx)
    {
        ctx.Parse();
        ctx.Out.Write(FoiDesk.Cases.CaseTransitions.Markdown());
        return Task.FromResult(0);
    }

    private static Task<int> Version(CliContext ctx)
    {
        ctx.Parse();
        var assembly = typeof(FoundationVerbs).Assembly;
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        ctx.WriteJson(new { name = "FoiDesk", version = informational ?? assembly.GetName().Version?.ToString(), runtime = Environment.Version.ToString() });
        return Task.FromResult(0);
    }

    private static Task<int> Help(CliContext ctx)
    {
        ctx.Parse();
        foreach (var verb in CliDispatcher.All.OrderBy(v => v.Path, StringComparer.Ordinal))
        {
            ctx.Out.WriteLine($"ops/foidesk {verb.Path} {verb.Usage}".TrimEnd());
        }

        return Task.FromResult(0);
    }

    /// <summary>The CLI has already applied pending migrations while building its services; report the journal.</summary>
    private static async Task<int> Migrate(CliContext ctx)
    {
        ctx.Parse();
        var options = ctx.Services.GetRequiredService<IOptions<FoiDeskOptions>>().Value;
        var status = await ctx.Services.GetRequiredService<MigrationRunner>()
            .StatusAsync(MigrationRunner.Load(options.ResolvedMigrationsDirectory), ctx.Cancellation);
        ctx.WriteJson(new
        {
            applied = status.Applied.Select(a => new { a.Number, a.Name, a.AppliedAt }),
            pending = status.Pending,
            problem = status.Problem,
        });
        return status.Problem is null && status.Pending.Count == 0 ? 0 : 1;
    }

    private static async Task<int> AccountsAdd(CliContext ctx)
    {
        var args = ctx.Parse(options: ["role", "email", "name"]);
        var email = args.Required("email");
        var roles = args.Options("role");
        if (roles.Count == 0)
        {
            throw new CliUsageException("--role is required");
        }

        var unknown = roles.FirstOrDefault(r => !Roles.IsKnown(r));
        if (unknown is not null)
        {
            throw new CliUsageException($"unknown role '{unknown}'; roles are {string.Join(", ", Roles.All)}");
        }

        var password = AccountService.GeneratePassword();
        var id = await ctx.Services.GetRequiredService<AccountService>()
            .CreateAsync(email, args.Option("name") ?? email, password, roles, mustChangePassword: true, ctx.Cancellation);
        // The one-time password goes to the operator's terminal in the JSON result, never to a log.
        ctx.WriteJson(new { id, email, roles, oneTimePassword = password, mustChangePassword = true });
        return 0;
    }

    private static async Task<int> AccountsList(CliContext ctx)
    {
        ctx.Parse();
        var accounts = await ctx.Services.GetRequiredService<AccountService>().ListAsync(ctx.Cancellation);
        ctx.WriteJson(accounts.Select(a => new { a.Id, a.Email, a.DisplayName, a.Roles, a.Disabled, a.CreatedAt, a.LastSignInAt }));
        return 0;
    }
}
