using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace FoiDesk.Questions;

/// <summary>A question's normalised form and fingerprint, for finding round-robin requests and repeated questions.</summary>
public sealed record QuestionFingerprint
{
    /// <summary>Lower case, punctuation and typographic quotes removed, whitespace collapsed.</summary>
    public required string Normalised { get; init; }

    /// <summary>The content words: <see cref="Normalised"/> without stopwords and request boilerplate.</summary>
    public required IReadOnlyList<string> Words { get; init; }

    /// <summary>16 hex characters of SHA-256 over <see cref="Words"/>; equal for texts that differ only in wording glue.</summary>
    public required string Hash { get; init; }
}

/// <summary>
/// Text similarity for questions. <see cref="Similarity"/> is Jaccard over word pairs of the content words;
/// <see cref="TrigramSimilarity"/> computes what PostgreSQL pg_trgm's <c>similarity()</c> does, so the database
/// side (a trigram index) and this pure side can be checked against each other.
/// </summary>
public static class QuestionSimilarity
{
    // Function words, plus the glue of FOI requests that says nothing about the subject.
    private static readonly HashSet<string> Stopwords = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "and", "or", "of", "to", "in", "on", "for", "by", "with", "at", "from", "as", "is", "are", "was",
        "were", "be", "been", "being", "it", "its", "this", "that", "these", "those", "which", "what", "who", "whom", "how",
        "any", "all", "each", "do", "does", "did", "has", "have", "had", "i", "me", "my", "we", "our", "you", "your", "their",
        "they", "them", "there", "if", "so", "such", "please", "could", "can", "would", "will", "kindly", "provide", "tell",
        "let", "know", "like", "request", "requesting", "information", "foi", "also", "following", "under", "act",
        "freedom", "held", "hold", "council", "councils", "authority", "organisation", "organisations", "organisation's",
        "e", "g", "eg", "ie", "etc", "into", "about", "between", "per", "than", "then", "not", "no", "yes", "include",
        "including", "details", "detail", "copy", "copies",
    };

    public static QuestionFingerprint Fingerprint(string text)
    {
        var normalised = Normalise(text);
        var words = ContentWords(normalised);
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join(' ', words)));
        return new QuestionFingerprint
        {
            Normalised = normalised,
            Words = words,
            Hash = Convert.ToHexStringLower(digest)[..16],
        };
    }

    /// <summary>Lower case, accents and punctuation removed, whitespace collapsed.</summary>
    public static string Normalise(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var ch in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(ch);
            if (category == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            var c = char.IsLetterOrDigit(ch) ? char.ToLowerInvariant(ch) : ' ';
            if (c == ' ' && (sb.Length == 0 || sb[^1] == ' '))
            {
                continue;
            }

            sb.Append(c);
        }

        return sb.ToString().TrimEnd();
    }

    /// <summary>Jaccard similarity (0..1) of the two texts' content-word pairs (single words when a text has one).</summary>
    public static double Similarity(string a, string b) => Similarity(Fingerprint(a), Fingerprint(b));

    public static double Similarity(QuestionFingerprint a, QuestionFingerprint b)
    {
        var sa = Shingles(a.Words);
        var sb = Shingles(b.Words);
        if (sa.Count == 0 && sb.Count == 0)
        {
            return a.Normalised == b.Normalised ? 1 : 0;
        }

        var shared = sa.Count(sb.Contains);
        return (double)shared / (sa.Count + sb.Count - shared);
    }

    /// <summary>
    /// pg_trgm's similarity(): each alphanumeric word, lower-cased and padded with two spaces before and one after,
    /// gives its three-character substrings; the result is shared trigrams over all distinct trigrams.
    /// </summary>
    public static double TrigramSimilarity(string a, string b)
    {
        var ta = Trigrams(a);
        var tb = Trigrams(b);
        if (ta.Count == 0 || tb.Count == 0)
        {
            return 0;
        }

        var shared = ta.Count(tb.Contains);
        return (double)shared / (ta.Count + tb.Count - shared);
    }

    public static HashSet<string> Trigrams(string text)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        var word = new StringBuilder();

        void Flush()
        {
            if (word.Length == 0)
            {
                return;
            }

            var padded = "  " + word + " ";
            for (var i = 0; i + 3 <= padded.Length; i++)
            {
                set.Add(padded.Substring(i, 3));
            }

            word.Clear();
        }

        foreach (var ch in text)
        {
            if (char.IsLetterOrDigit(ch))
            {
                word.Append(char.ToLowerInvariant(ch));
            }
            else
            {
                Flush();
            }
        }

        Flush();
        return set;
    }

    private static List<string> ContentWords(string normalised) =>
        normalised.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => !Stopwords.Contains(w)).Select(Stem).ToList();

    /// <summary>A light plural fold so "contracts" and "contract" meet; not a full stemmer.</summary>
    private static string Stem(string word) =>
        word.Length > 4 && word.EndsWith("ies", StringComparison.Ordinal) ? word[..^3] + "y"
        : word.Length > 3 && word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal) ? word[..^1]
        : word;

    private static HashSet<string> Shingles(IReadOnlyList<string> words)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        if (words.Count == 1)
        {
            set.Add(words[0]);
        }

        for (var i = 0; i + 1 < words.Count; i++)
        {
            set.Add(words[i] + " " + words[i + 1]);
        }

        return set;
    }
}
