using System.Text.RegularExpressions;

namespace FoiDesk.Questions;

/// <summary>
/// How the text rules build their regular expressions: case-insensitive, culture-invariant, and with a match
/// timeout, because the input is mail from anyone (a pathological body must not stall intake).
/// </summary>
internal static class Patterns
{
    public static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(250);

    public static Regex IgnoreCase(string pattern) =>
        new(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, Timeout);

    public static Regex CaseSensitive(string pattern) => new(pattern, RegexOptions.CultureInvariant, Timeout);
}
