using System.Text;
using System.Text.RegularExpressions;

namespace FoiDesk.Replies;

/// <summary>
/// Searches a rendered letter in ways that survive line wrapping, list markers, quoting and punctuation,
/// so a legal element is found however the wording around it was edited.
/// </summary>
public sealed partial class LetterText
{
    public LetterText(string text)
    {
        Raw = text;
        Words = ToWords(text);
        Paragraphs = [.. ParagraphSplit().Split(text).Select(ToWords).Where(p => p.Length > 0)];
    }

    public string Raw { get; }

    /// <summary>Lower-case letters and digits only, one space between runs: "s.43(2)" becomes "s 43 2".</summary>
    public string Words { get; }

    public IReadOnlyList<string> Paragraphs { get; }

    [GeneratedRegex(@"\n[ >\t]*\n")]
    private static partial Regex ParagraphSplit();

    public static string ToWords(string text)
    {
        var sb = new StringBuilder(text.Length);
        var space = true;
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                sb.Append(char.ToLowerInvariant(c));
                space = false;
            }
            else if (!space)
            {
                sb.Append(' ');
                space = true;
            }
        }
        return sb.ToString().Trim();
    }

    /// <summary>Whether the words of <paramref name="fragment"/> appear in order, as whole words.</summary>
    public bool Contains(string fragment) => IndexOf(fragment, 0) >= 0;

    /// <summary>Index in <see cref="Words"/> of the fragment's words at or after <paramref name="from"/>, or -1.</summary>
    public int IndexOf(string fragment, int from)
    {
        var needle = ToWords(fragment);
        if (needle.Length == 0)
        {
            return -1;
        }
        var at = from;
        while ((at = Words.IndexOf(needle, at, StringComparison.Ordinal)) >= 0)
        {
            var startOk = at == 0 || Words[at - 1] == ' ';
            var endOk = at + needle.Length == Words.Length || Words[at + needle.Length] == ' ';
            if (startOk && endOk)
            {
                return at;
            }
            at++;
        }
        return -1;
    }

    /// <summary>Whether one paragraph matches every pattern (patterns are applied to the paragraph's words).</summary>
    public bool AnyParagraph(params Regex[] patterns) => Paragraphs.Any(p => patterns.All(r => r.IsMatch(p)));
}
