using System.Text.RegularExpressions;
using FoiDesk.Accounts;

namespace FoiDesk.Web.Tests.Newcomer;

/// <summary>A demo account as ops/run printed it: its email, the role it stands for, and its password.</summary>
internal sealed record DemoAccount(string Email, string Role, string Password);

/// <summary>
/// Reads what a newcomer reads in the terminal after the first ops/run: the admin's one-time password and the
/// demo accounts. Two forms of the demo lines are understood: one line per account
/// ("  officer@demo.foidesk.local  ig-officer  password: ..."), and the older single line
/// ("  Demo accounts (password ...): a@x, b@y").
/// </summary>
internal static partial class StartOutput
{
    public static string? AdminPassword(IEnumerable<string> lines) =>
        lines.Select(l => OneTimePassword().Match(l)).FirstOrDefault(m => m.Success)?.Groups[1].Value;

    public static IReadOnlyList<DemoAccount> DemoAccounts(IEnumerable<string> lines)
    {
        var found = new List<DemoAccount>();
        foreach (var line in lines)
        {
            if (PerAccount().Match(line) is { Success: true } one)
            {
                found.Add(new DemoAccount(one.Groups[1].Value, RoleOf(one.Groups[2].Value) ?? RoleOf(one.Groups[1].Value) ?? one.Groups[2].Value, one.Groups[3].Value));
            }
            else if (SharedPassword().Match(line) is { Success: true } shared)
            {
                found.AddRange(shared.Groups[2].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                    .Select(email => new DemoAccount(email, RoleOf(email) ?? "", shared.Groups[1].Value)));
            }
        }

        return found;
    }

    /// <summary>The role a printed role name (or, for the older line, an email's local part) stands for.</summary>
    public static string? RoleOf(string text)
    {
        var t = text.ToLowerInvariant();
        return t.Contains("admin", StringComparison.Ordinal) ? Roles.Admin
            : t.Contains("officer", StringComparison.Ordinal) || t.StartsWith("ig", StringComparison.Ordinal) ? Roles.IgOfficer
            : t.Contains("commissioner", StringComparison.Ordinal) ? Roles.Commissioner
            : t.Contains("manager", StringComparison.Ordinal) ? Roles.Manager
            : null;
    }

    [GeneratedRegex(@"^\s+one-time password:\s+(\S+)\s*$")]
    private static partial Regex OneTimePassword();

    [GeneratedRegex(@"^\s+(\S+@\S+)\s+(\S+)\s+password: (\S+)\s*$")]
    private static partial Regex PerAccount();

    [GeneratedRegex(@"^\s+Demo accounts \(password (\S+)\): (.+)$")]
    private static partial Regex SharedPassword();
}
