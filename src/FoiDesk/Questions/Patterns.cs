using System.Text.RegularExpressions;

namespace FoiDesk.Questions;

/// <summary>
/// How the text rules build their regular expressions: culture-invariant, compiled (intake runs some eighty of
/// them over every message), and with a match timeout, because the input is mail from anyone and a
/// pathological body must not stall intake.
/// </summary>
internal static class Patterns
{
    /// <summary>
    /// Generous, because the clock is wall time: on a loaded machine a descheduled thread must not be mistaken
    /// for runaway backtracking (that message would be held for an officer instead of opening its case).
    /// </summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    public static Regex IgnoreCase(string pattern) => Build(pattern, RegexOptions.IgnoreCase);

    public static Regex CaseSensitive(string pattern) => Build(pattern, RegexOptions.None);

    private static Regex Build(string pattern, RegexOptions options)
    {
        var regex = new Regex(pattern, options | RegexOptions.CultureInvariant | RegexOptions.Compiled, Timeout);
        // The compiled matcher is JIT-compiled on its first use. Do that here, once per process, rather than
        // inside the first real match, whose timeout would otherwise be spent compiling.
        regex.IsMatch("");
        return regex;
    }
}
