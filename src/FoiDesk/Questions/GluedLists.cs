using System.Globalization;
using System.Text.RegularExpressions;

namespace FoiDesk.Questions;

/// <summary>
/// Numbered lists that a web form or a disclosure log flattened into one line ("... as follows:1. The number of ...
/// 2. The number of ..."): each item in the sequence 1, 2, 3 ... becomes a line of its own again, with offsets into
/// the original so every question still points at its source.
/// </summary>
internal static class GluedLists
{
    // "1." or "1)" after a space, sentence end, colon or start, before (optional spaces and) a capital or quote.
    private static readonly Regex InlineNumber = Patterns.CaseSensitive(@"(?:^|(?<=[\s.:;?!”""]))(?<n>\d{1,2})[.)](?=\s*[A-Z“""‘(])");

    public static IReadOnlyList<SourceLine> Unglue(IReadOnlyList<SourceLine> lines)
    {
        List<SourceLine>? result = null;
        for (var i = 0; i < lines.Count; i++)
        {
            var cuts = Cuts(lines[i].Text);
            if (cuts.Count == 0)
            {
                result?.Add(lines[i]);
                continue;
            }

            result ??= [.. lines.Take(i)];
            result.AddRange(Pieces(lines[i], cuts));
        }

        return result ?? lines;
    }

    /// <summary>Where the line's in-sequence items start (at least two, numbered on from 1); none if not a glued list.</summary>
    private static List<int> Cuts(string text)
    {
        if (text.Length < 60)
        {
            return [];
        }

        var matches = InlineNumber.Matches(text);
        var cuts = new List<int>();
        var expected = 1;
        foreach (Match m in matches)
        {
            var n = int.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture);
            if (n != expected)
            {
                continue;
            }

            cuts.Add(m.Index);
            expected++;
        }

        // An item numbered 1 at the start of the line and nothing after it is an ordinary list line.
        return cuts.Count >= 2 ? [.. cuts.Where(c => c > 0)] : [];
    }

    private static IEnumerable<SourceLine> Pieces(SourceLine line, List<int> cuts)
    {
        var bounds = new List<int> { 0 };
        bounds.AddRange(cuts);
        bounds.Add(line.Text.Length);
        for (var k = 0; k + 1 < bounds.Count; k++)
        {
            var from = bounds[k];
            var to = bounds[k + 1];
            var piece = line.Text[from..to];
            var lead = piece.Length - piece.TrimStart().Length;
            var content = piece.Trim();
            if (content.Length == 0)
            {
                continue;
            }

            var start = line.ContentStart + from + lead;
            yield return line with
            {
                Start = k == 0 ? line.Start : start,
                ContentStart = start,
                End = start + content.Length,
                Text = content,
            };
        }
    }
}
