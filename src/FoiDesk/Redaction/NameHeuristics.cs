using System.Net;
using System.Text.RegularExpressions;

namespace FoiDesk.Redaction;

/// <summary>
/// A second, independent check of a page about to be published (security review M6). The redactor and the
/// first check both work from the names FoiDesk knows (the requester's, staff's); a third party named in a
/// letter (a neighbour, a councillor's constituent, a complainant) is known to neither. This check knows no
/// names at all: it looks for the places names stand in English letters, a title ("Mr Patel", "Cllr A.
/// Jones"), a salutation ("Dear Priya"), a sign-off followed by a name line, and self-introductions ("my name
/// is ..."), and reports every capitalised word found there that is not a name the council has chosen to
/// publish. A hit keeps the response out of the log and names the words for the officer.
/// </summary>
public static partial class NameHeuristics
{
    private const string Word = @"\p{Lu}[\p{L}'’\-]*\.?";

    // Words that fill those places without naming anyone.
    private static readonly HashSet<string> NotNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "Sir", "Madam", "Requester", "Applicant", "Colleague", "Colleagues", "Team", "All", "Customer", "Resident",
        "Council", "Officer", "Information", "Freedom", "FOI", "EIR", "SAR", "The", "And", "Or", "Of", "Borough",
        "County", "District", "City", "Department", "Service", "Services", "Requests", "Request", "Governance",
        "Writing", "Pleased", "Sorry", "Afraid", "Able", "Unable", "Happy", "Aware",
    };

    [GeneratedRegex($@"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sir|Dame|Lady|Lord|Cllr|Councillor|Rev|Revd)\.?[ \t]+((?:{Word}[ \t]*){{1,3}})")]
    private static partial Regex Titled();

    [GeneratedRegex($@"\bDear[ \t]+((?:{Word}[ \t]*){{1,3}})")]
    private static partial Regex Salutation();

    [GeneratedRegex($@"\b(?i:yours sincerely|yours faithfully|kind regards|best regards|warm regards|regards|many thanks|thank you|thanks|best wishes)[ \t]*,?[ \t]*\n\s*((?:{Word}[ \t]+){{0,2}}{Word})[ \t]*(?:\n|$)", RegexOptions.Multiline)]
    private static partial Regex SignOff();

    [GeneratedRegex($@"\b(?:[Mm]y name is|I am|I'm|[Ss]igned|[Ww]ritten by)[ \t]+((?:{Word}[ \t]+){{0,2}}{Word})")]
    private static partial Regex SelfIntroduction();

    [GeneratedRegex(@"<(?:br|/p|/div|/li|/tr|/h\d)\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex LineTag();

    [GeneratedRegex(@"<[^>]*>")]
    private static partial Regex Tag();

    /// <summary>Possible names in an HTML page, leaving out any that <paramref name="published"/> allows.</summary>
    /// <param name="published">Names the council publishes: senior staff, the authority, the regulator.</param>
    public static IReadOnlyList<string> FindInHtml(string html, IEnumerable<string> published)
    {
        // Block ends become line breaks, so a sign-off and the name under it are on separate lines.
        var text = WebUtility.HtmlDecode(Tag().Replace(LineTag().Replace(html, "\n"), " "));
        return Find(text, published);
    }

    public static IReadOnlyList<string> Find(string text, IEnumerable<string> published)
    {
        var allowed = published.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p.Trim()).ToList();
        var found = new List<string>();
        foreach (var pattern in new[] { Titled(), Salutation(), SignOff(), SelfIntroduction() })
        {
            foreach (Match m in pattern.Matches(text))
            {
                var words = m.Groups[1].Value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
                    .Select(w => w.TrimEnd('.', ',')).Select(w => w.EndsWith("'s", StringComparison.Ordinal) || w.EndsWith("’s", StringComparison.Ordinal) ? w[..^2] : w).Where(w => w.Length > 1 && !NotNames.Contains(w)).ToList();
                if (words.Count == 0)
                {
                    continue;
                }

                var candidate = string.Join(' ', words);
                if (!allowed.Any(a => a.Contains(candidate, StringComparison.OrdinalIgnoreCase)))
                {
                    found.Add(candidate);
                }
            }
        }

        return [.. found.Distinct(StringComparer.OrdinalIgnoreCase)];
    }
}
