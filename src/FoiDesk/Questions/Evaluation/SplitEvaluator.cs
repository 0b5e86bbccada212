using System.Text;
using System.Text.RegularExpressions;

namespace FoiDesk.Questions.Evaluation;

/// <summary>
/// Scores a splitter against labelled requests (issue 17's definition). A request is <em>exact</em> when the
/// question count matches and every question's text matches its label, markers ignored and whitespace collapsed,
/// with a normalised similarity of 0.9 or more accepted. A predicted question is a true positive when it so matches a
/// labelled question of the same request, taken in order (precision over predicted questions, recall over labelled).
/// </summary>
public static class SplitEvaluator
{
    public const double Threshold = 0.9;

    public static SplitEvaluation Evaluate(IEnumerable<LabelledRequest> requests, Func<string, SplitRequest> split) =>
        new([.. requests.Select(r => Score(r, split(r.Text)))]);

    public static RequestScore Score(LabelledRequest request, SplitRequest actual)
    {
        var expected = request.Questions.Select(q => Normalise(q.Text)).ToList();
        var got = actual.Questions.Select(q => Normalise(q.Text)).ToList();

        var positionalMatches = expected.Count == got.Count && expected.Zip(got).All(p => Similarity(p.First, p.Second) >= Threshold);

        // In-order alignment: each labelled question takes the first unused predicted question after the last match.
        var matched = 0;
        var next = 0;
        foreach (var e in expected)
        {
            for (var k = next; k < got.Count; k++)
            {
                if (Similarity(e, got[k]) >= Threshold)
                {
                    matched++;
                    next = k + 1;
                    break;
                }
            }
        }

        var outcome = positionalMatches ? Outcome.Exact
            : got.Count < expected.Count ? Outcome.TooFew
            : got.Count > expected.Count ? Outcome.TooMany
            : Outcome.TextDiffers;
        return new RequestScore(request.Id, request.Style, request.Ambiguous, expected.Count, got.Count, matched, outcome, actual.Unsure);
    }

    // A list marker at the start of the text or after a space: 1. 1) (1) 2a. a) (b) iv) Q1. • - *
    private static readonly Regex Marker = Patterns.IgnoreCase(
        @"(?:^|(?<=\s))(?:(?:q(?:uestion)?|request|part)\s*\.?\s*\d{1,2}[a-z]?[.):]?|\(?\d{1,2}[a-z]?[.):,]|\(\d{1,2}\)|\(?[a-z][.)]|\([a-z]\)|\(?(?:i{1,3}|iv|vi{0,3}|ix|x)[.)]|::|[-*•·▪◦●–—\uf0b7])(?=\s|$)");

    /// <summary>The text compared: list markers removed, whitespace collapsed.</summary>
    public static string Normalise(string text) => JoinedText.Collapse(Marker.Replace(text, " ")).Trim();

    /// <summary>1 - Levenshtein distance / length of the longer text (1 for equal texts).</summary>
    public static double Similarity(string a, string b)
    {
        if (string.Equals(a, b, StringComparison.Ordinal))
        {
            return 1;
        }

        var longer = Math.Max(a.Length, b.Length);
        if (longer == 0)
        {
            return 1;
        }

        // Lengths alone put the distance at least this far: no need to compute it.
        if (1 - ((double)Math.Abs(a.Length - b.Length) / longer) < Threshold - 0.3)
        {
            return 1 - ((double)Math.Abs(a.Length - b.Length) / longer);
        }

        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return 1 - ((double)previous[b.Length] / longer);
    }
}

/// <summary>How one request came out.</summary>
public enum Outcome
{
    Exact,

    /// <summary>Fewer questions than labelled (under-split, or questions lost into the preamble/closing).</summary>
    TooFew,

    /// <summary>More questions than labelled (over-split, or preamble/notes read as questions).</summary>
    TooMany,

    /// <summary>The right count, but some question's text is not its label's.</summary>
    TextDiffers,
}

/// <summary>The score of one request.</summary>
/// <param name="Unsure">The splitter flagged the split as unsure (<see cref="SplitRequest.Doubts"/>).</param>
public sealed record RequestScore(string Id, string Style, bool Ambiguous, int Expected, int Predicted, int Matched, Outcome Outcome, bool Unsure = false)
{
    public bool Exact => Outcome == Outcome.Exact;
}

/// <summary>Totals over a set of requests, in the terms docs/question-splitting.md reports.</summary>
public sealed record SplitTotals(int Requests, int Exact, int Labelled, int Predicted, int Matched)
{
    public double ExactRate => Requests == 0 ? 0 : (double)Exact / Requests;

    public double Precision => Predicted == 0 ? 0 : (double)Matched / Predicted;

    public double Recall => Labelled == 0 ? 0 : (double)Matched / Labelled;

    public static SplitTotals Of(IEnumerable<RequestScore> scores)
    {
        var list = scores.ToList();
        return new SplitTotals(list.Count, list.Count(s => s.Exact), list.Sum(s => s.Expected), list.Sum(s => s.Predicted), list.Sum(s => s.Matched));
    }
}

/// <summary>The scores of a labelled set and its summaries.</summary>
public sealed record SplitEvaluation(IReadOnlyList<RequestScore> Scores)
{
    public SplitTotals All => SplitTotals.Of(Scores);

    public SplitTotals Unambiguous => SplitTotals.Of(Scores.Where(s => !s.Ambiguous));

    public SplitEvaluation Only(Func<RequestScore, bool> keep) => new([.. Scores.Where(keep)]);

    /// <summary>Per numbering style: requests, exact, too few, too many, right count with wrong text.</summary>
    public IReadOnlyList<(string Style, int Requests, int Exact, int TooFew, int TooMany, int TextDiffers)> ByStyle() =>
        [.. Scores.GroupBy(s => s.Style).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => (
            g.Key, g.Count(), g.Count(s => s.Outcome == Outcome.Exact), g.Count(s => s.Outcome == Outcome.TooFew),
            g.Count(s => s.Outcome == Outcome.TooMany), g.Count(s => s.Outcome == Outcome.TextDiffers)))];

    /// <summary>The figures as a plain-text report (what <c>ops/foidesk split evaluate</c> prints).</summary>
    public string Report(string title)
    {
        var all = All;
        var clear = Unambiguous;
        var sb = new StringBuilder();
        sb.Append(Invariant($"{title}: {all.Requests} requests ({clear.Requests} unambiguous), {all.Labelled} labelled questions\n"));
        sb.Append(Invariant($"  {"",-28} {"unambiguous",-20} {"all",-20}\n"));
        sb.Append(Invariant($"  {"exact requests",-28} {Fraction(clear.Exact, clear.Requests),-20} {Fraction(all.Exact, all.Requests),-20}\n"));
        sb.Append(Invariant($"  {"question precision",-28} {Fraction(clear.Matched, clear.Predicted),-20} {Fraction(all.Matched, all.Predicted),-20}\n"));
        sb.Append(Invariant($"  {"question recall",-28} {Fraction(clear.Matched, clear.Labelled),-20} {Fraction(all.Matched, all.Labelled),-20}\n"));
        var wrong = Scores.Where(s => !s.Exact).ToList();
        sb.Append(Invariant($"  flagged unsure: {Scores.Count(s => s.Unsure)} requests; {wrong.Count(s => s.Unsure)} of the {wrong.Count} not split exactly, {Scores.Count(s => s.Unsure && s.Exact)} exact ones\n"));
        sb.Append("  by numbering style (all requests):\n");
        sb.Append(Invariant($"    {"style",-32} {"requests",8} {"exact",6} {"too few",8} {"too many",9} {"text differs",13}\n"));
        foreach (var (style, requests, exact, few, many, text) in ByStyle())
        {
            sb.Append(Invariant($"    {style,-32} {requests,8} {exact,6} {few,8} {many,9} {text,13}\n"));
        }

        return sb.ToString();
    }

    public static string Fraction(int part, int whole) =>
        Invariant($"{part}/{whole} ({(whole == 0 ? 0 : 100.0 * part / whole):0.0}%)");

    private static string Invariant(FormattableString s) => s.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
