using System.Globalization;
using System.Text.RegularExpressions;

namespace FoiDesk.Questions;

internal enum MarkerKind
{
    /// <summary>1. 1) (1) 1 - 1: 1,</summary>
    Number,

    /// <summary>1a 1a) 1(a) 1.1 — a sub-item that names its parent.</summary>
    SubNumber,

    /// <summary>Q1, Q.1, Question 1.</summary>
    QuestionNumber,

    /// <summary>a. a) (a) A.</summary>
    Letter,

    /// <summary>i. ii) (iv) IV.</summary>
    Roman,

    /// <summary>• - * o ▪ :: and friends.</summary>
    Bullet,
}

/// <summary>A list marker at the start of a line.</summary>
/// <param name="Kind">What sort of marker.</param>
/// <param name="Format">The punctuation ("." ")" "()" " -" ":") or the bullet glyph; with the kind it names the list style.</param>
/// <param name="Label">The marker's value as written without punctuation: "3", "b", "iv", "1a", "•".</param>
/// <param name="Ordinal">Position in its sequence (a=1, iv=4); 0 for bullets; the parent number for sub-numbers.</param>
/// <param name="Upper">Letter or roman written in capitals.</param>
/// <param name="TextStart">Index in the line where the item's text starts.</param>
internal sealed record ListMarker(MarkerKind Kind, string Format, string Label, int Ordinal, bool Upper, int TextStart)
{
    /// <summary>Two markers with the same style belong to the same list level.</summary>
    public string Style => Kind switch
    {
        MarkerKind.Letter or MarkerKind.Roman => $"{Kind}{Format}{(Upper ? "U" : "l")}",
        _ => $"{Kind}{Format}",
    };

    /// <summary>A single i, v or x that could be a letter (after h) or a roman numeral.</summary>
    public bool Ambiguous { get; init; }

    // "Question 1", "Q1", "Q.1", "Q 1:" — the number may carry a sub-letter ("Q1a").
    private static readonly Regex QuestionPattern = Patterns.IgnoreCase(@"^(?:question|q)\s*\.?\s*(?<n>\d{1,2})(?<sub>[a-z])?\s*(?<p>[.):]|\s[-–])?(?:\s+|$)");

    // "1a)", "1a.", "1(a)", "1.a", "1.1", "1.1." — not "1.5 million" (the sub-number must be followed by punctuation or space then text).
    // "Request 1" / "Part 2" as a heading on its own line (the item's text is the paragraph below it), or followed
    // by punctuation and the text; bare "Part 2 of the Act" in a sentence is not a marker.
    private static readonly Regex HeadingPattern = Patterns.IgnoreCase(@"^(?:request|part)\s+(?<n>\d{1,2})(?:\s*[.):]?\s*$|\s*(?:[.):]|\s[-–])\s+)");

    private static readonly Regex SubNumberPattern = Patterns.CaseSensitive(@"^(?<n>\d{1,2})(?:\.?(?<sub>[a-z])[.)]?|\((?<sub>[a-z])\)|\.(?<sub>\d{1,2})\.?)(?:\s+|$)");

    // "1)Operating locality": a web form may drop the space after "1)" or "1."; a capital must then follow.
    private static readonly Regex NumberPattern = Patterns.CaseSensitive(@"^(?:\((?<n>\d{1,2})\)|(?<n>\d{1,2})(?<p>[.):]|\s*[-–](?=\s)|,(?=\s+[A-Z])))(?:\s+|$|(?<=[.)])(?=[A-Z]))");

    private static readonly Regex LetterPattern = Patterns.CaseSensitive(@"^(?:\((?<l>[a-zA-Z])\)|(?<l>[a-zA-Z])(?<p>[.)]))(?:\s+|$)");

    private static readonly Regex RomanPattern = Patterns.CaseSensitive(@"^(?:\((?<r>(?:x{0,3})(?:ix|iv|v?i{0,3})|(?:X{0,3})(?:IX|IV|V?I{0,3}))\)|(?<r>(?:x{0,3})(?:ix|iv|v?i{0,3})|(?:X{0,3})(?:IX|IV|V?I{0,3}))(?<p>[.)]))(?:\s+|$)");

    // Word's bullets survive as these characters; U+F0B7 is the Symbol-font bullet pasted from Word.
    private const string Glyphs = "•·▪◦●■□‣⁃∙►➢✓\uf0b7";

    public static ListMarker? Parse(string line)
    {
        if (line.Length == 0)
        {
            return null;
        }

        if (Glyphs.Contains(line[0], StringComparison.Ordinal))
        {
            return Bullet(line, line[0].ToString());
        }

        // ASCII bullets need a space after them, and a row of dashes or stars is a separator, not a bullet.
        if (line[0] is '-' or '*' or '–' or '—' or 'o' && line.Length > 1 && SourceLine.IsSpace(line[1]))
        {
            var rest = line[1..].Trim();
            if (rest.Length == 0 || rest.All(c => c is '-' or '*' or '–' or '—' or '_' or '=' || SourceLine.IsSpace(c)))
            {
                return null;
            }

            return Bullet(line, line[0] == '—' ? "–" : line[0].ToString());
        }

        // "::" as an item marker (some web forms and note-taking tools), followed by a space.
        if (line.StartsWith("::", StringComparison.Ordinal) && line.Length > 2 && SourceLine.IsSpace(line[2]))
        {
            return Bullet(line, "::", glyphLength: 2);
        }

        var m = QuestionPattern.Match(line);
        if (m.Success)
        {
            var n = int.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture);
            var sub = m.Groups["sub"].Value;
            return new ListMarker(MarkerKind.QuestionNumber, "Q", n.ToString(CultureInfo.InvariantCulture) + sub, n, false, m.Length);
        }

        m = HeadingPattern.Match(line);
        if (m.Success)
        {
            var n = int.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture);
            return new ListMarker(MarkerKind.QuestionNumber, "R", n.ToString(CultureInfo.InvariantCulture), n, false, m.Length);
        }

        m = SubNumberPattern.Match(line);
        if (m.Success)
        {
            var n = int.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture);
            var sub = m.Groups["sub"].Value;
            var label = char.IsDigit(sub[0]) ? $"{n}.{sub}" : $"{n}{sub}";
            return new ListMarker(MarkerKind.SubNumber, "sub", label, n, false, m.Length);
        }

        m = NumberPattern.Match(line);
        if (m.Success)
        {
            var p = m.Groups["p"];
            var format = !p.Success ? "()" : p.Value.Trim() is "-" or "–" ? " -" : p.Value;
            var n = m.Groups["n"].Value;
            return new ListMarker(MarkerKind.Number, format, n, int.Parse(n, CultureInfo.InvariantCulture), false, m.Length);
        }

        m = RomanPattern.Match(line);
        if (m.Success && m.Groups["r"].Length > 0)
        {
            var r = m.Groups["r"].Value;
            var format = m.Groups["p"].Success ? m.Groups["p"].Value : "()";
            var upper = char.IsUpper(r[0]);
            var ambiguous = r.Length == 1;
            return new ListMarker(MarkerKind.Roman, format, r, RomanValue(r), upper, m.Length) { Ambiguous = ambiguous };
        }

        m = LetterPattern.Match(line);
        if (m.Success)
        {
            var l = m.Groups["l"].Value;
            var format = m.Groups["p"].Success ? m.Groups["p"].Value : "()";
            var upper = char.IsUpper(l[0]);
            return new ListMarker(MarkerKind.Letter, format, l, char.ToLowerInvariant(l[0]) - 'a' + 1, upper, m.Length);
        }

        return null;
    }

    /// <summary>The same marker read as a letter (for an ambiguous i, v or x).</summary>
    public ListMarker AsLetter() =>
        this with { Kind = MarkerKind.Letter, Ordinal = char.ToLowerInvariant(Label[0]) - 'a' + 1, Ambiguous = false };

    private static ListMarker Bullet(string line, string glyph, int glyphLength = 1)
    {
        var start = glyphLength;
        while (start < line.Length && SourceLine.IsSpace(line[start]))
        {
            start++;
        }

        return new ListMarker(MarkerKind.Bullet, glyph, "•", 0, false, start);
    }

    private static int RomanValue(string roman)
    {
        var total = 0;
        var previous = 0;
        for (var i = roman.Length - 1; i >= 0; i--)
        {
            var v = char.ToLowerInvariant(roman[i]) switch
            {
                'i' => 1,
                'v' => 5,
                'x' => 10,
                _ => 0,
            };
            total += v < previous ? -v : v;
            previous = Math.Max(previous, v);
        }

        return total;
    }

    /// <summary>
    /// Decides each lone i, v and x: a letter when it follows h, u or w of the same style, otherwise a roman numeral
    /// when it starts a list (i) or continues one (iv then v); otherwise a letter.
    /// </summary>
    public static void ResolveAmbiguous(IList<ListMarker?> markers)
    {
        var lastLetter = new Dictionary<string, int>(StringComparer.Ordinal);
        var lastRoman = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < markers.Count; i++)
        {
            var m = markers[i];
            if (m is null)
            {
                continue;
            }

            var family = $"{m.Format}{(m.Upper ? "U" : "l")}";
            if (m.Ambiguous)
            {
                var letter = m.AsLetter();
                var followsLetter = lastLetter.TryGetValue(family, out var l) && l == letter.Ordinal - 1;
                var continuesRoman = m.Ordinal == 1 || (lastRoman.TryGetValue(family, out var r) && r == m.Ordinal - 1);
                m = followsLetter || !continuesRoman ? letter : m with { Ambiguous = false };
                markers[i] = m;
            }

            if (m.Kind == MarkerKind.Letter)
            {
                lastLetter[family] = m.Ordinal;
            }
            else if (m.Kind == MarkerKind.Roman)
            {
                lastRoman[family] = m.Ordinal;
            }
        }
    }
}
