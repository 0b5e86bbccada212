using FoiDesk.Questions;

namespace FoiDesk.Requesters;

/// <summary>
/// How alike two requests are, in ways an officer can check by eye. Both work on the requests' content words
/// (<see cref="QuestionSimilarity.Fingerprint"/>: lower case, punctuation, stopwords and FOI boilerplate such as
/// "please provide" removed, plurals folded).
/// <list type="bullet">
/// <item><see cref="Repeat"/>: Jaccard similarity of the content-word pairs (shingles of two words), the measure
/// the question matcher already uses. Word pairs keep some word order, so "contracts awarded to X" and "X awarded
/// contracts" differ, while a reworded greeting or an added "please" does not count. 1 is identical.</item>
/// <item><see cref="Overlap"/>: the share of the shorter request's content words found in the other, for Fees
/// Regulations reg 5, under which requests "relate, to any extent, to the same or similar information".</item>
/// </list>
/// </summary>
public static class RequestSimilarity
{
    /// <summary>Default threshold for "substantially similar" (s.14(2)); the tests show where it falls on real pairs.</summary>
    public const double SubstantiallySimilar = 0.6;

    /// <summary>Share of content words from which two requests are about "similar information" (reg 5(2)(a)).</summary>
    public const double SimilarInformation = 0.4;

    public static double Repeat(string a, string b) => QuestionSimilarity.Similarity(a, b);

    public static double Overlap(string a, string b)
    {
        var wa = QuestionSimilarity.Fingerprint(a).Words.ToHashSet(StringComparer.Ordinal);
        var wb = QuestionSimilarity.Fingerprint(b).Words.ToHashSet(StringComparer.Ordinal);
        if (wa.Count == 0 || wb.Count == 0)
        {
            return 0;
        }

        return (double)wa.Count(wb.Contains) / Math.Min(wa.Count, wb.Count);
    }
}
