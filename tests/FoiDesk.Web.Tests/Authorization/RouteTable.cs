namespace FoiDesk.Web.Tests.Authorization;

/// <summary>One line of routes.txt: who may use a method on a route.</summary>
public sealed record RouteRule(string Method, string Template, IReadOnlySet<string> Roles, int Line)
{
    public const string Anonymous = "anonymous";

    public bool AllowsAnonymous => Roles.Contains(Anonymous);

    public bool Allows(string? role) => AllowsAnonymous || (role is not null && Roles.Contains(role));

    public override string ToString() => $"{Method} {Template}";
}

/// <summary>Reads tests/FoiDesk.Web.Tests/Authorization/routes.txt (copied beside the tests).</summary>
public static class RouteTable
{
    public static string FilePath => Path.Combine(AppContext.BaseDirectory, "Authorization", "routes.txt");

    public static IReadOnlyList<RouteRule> Load() => Parse(File.ReadAllLines(FilePath));

    public static IReadOnlyList<RouteRule> Parse(IReadOnlyList<string> lines)
    {
        var rules = new List<RouteRule>();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 3)
            {
                throw new FormatException($"routes.txt line {i + 1}: expected 'METHOD /route roles', got '{line}'");
            }

            var roles = parts[2] == "-" ? new HashSet<string>() : parts[2].Split(',').ToHashSet(StringComparer.Ordinal);
            var unknown = roles.Where(r => r != RouteRule.Anonymous && !FoiDesk.Accounts.Roles.IsKnown(r)).ToList();
            if (unknown.Count > 0)
            {
                throw new FormatException($"routes.txt line {i + 1}: unknown role(s) {string.Join(", ", unknown)}");
            }

            rules.Add(new RouteRule(parts[0].ToUpperInvariant(), Normalise(parts[1]), roles, i + 1));
        }

        var repeated = rules.GroupBy(r => r.ToString()).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        return repeated.Count > 0 ? throw new FormatException($"routes.txt names these more than once: {string.Join("; ", repeated)}") : rules;
    }

    /// <summary>Templates compare without case, with one leading slash and no trailing one.</summary>
    public static string Normalise(string template) => "/" + template.Trim('/').ToLowerInvariant();
}
