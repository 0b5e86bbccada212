using System.Reflection;

namespace FoiDesk.Web.Cli;

/// <summary>Verbs of the foundation: version, help. (migrate, serve and accounts are added with the database.)</summary>
public static class FoundationVerbs
{
    public static IReadOnlyList<CliVerb> All { get; } =
    [
        new("version", "", NeedsDatabase: false, Version),
        new("help", "", NeedsDatabase: false, Help),
    ];

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
}
