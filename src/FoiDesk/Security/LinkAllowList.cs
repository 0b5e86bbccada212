using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace FoiDesk.Security;

/// <summary>
/// The one rule for links in Markdown that FoiDesk renders (answers, letters, reminders): only http, https
/// and mailto survive. Everything else (javascript:, data:, vbscript:, file:) becomes plain text. It is
/// applied to every kind of link the parser makes: inline links, reference links (resolved onto the link
/// when parsed), images and autolinks (&lt;javascript:...&gt;), which Markdig models as a separate inline
/// type and which the first version of this check did not see (security review finding M3).
/// </summary>
public static class LinkAllowList
{
    public static bool IsAllowed(string? url)
    {
        if (string.IsNullOrEmpty(url))
        {
            return false;
        }

        // Browsers ignore leading whitespace and control characters before the scheme; so must we.
        var trimmed = url.TrimStart().TrimStart('\u0000', '\t', '\n', '\r', '\f');
        return trimmed.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            || trimmed.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
            || trimmed.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Applies the rule to a parsed document in place. A disallowed link keeps its text and loses its target;
    /// a disallowed autolink becomes its literal text. Images never load anything: <paramref name="image"/>
    /// decides what each one becomes: a replacement inline (its alt text), or null to keep it as a link,
    /// which the rule then checks like any other.
    /// </summary>
    public static void Apply(MarkdownDocument document, Func<LinkInline, Inline?> image)
    {
        foreach (var auto in document.Descendants<AutolinkInline>().ToList())
        {
            // An email autolink (<jane@example.org>) is rendered as mailto:, which is allowed.
            if (!auto.IsEmail && !IsAllowed(auto.Url))
            {
                auto.ReplaceBy(new LiteralInline(auto.Url));
            }
        }

        foreach (var link in document.Descendants<LinkInline>().ToList())
        {
            if (link.IsImage && image(link) is { } replacement)
            {
                link.ReplaceBy(replacement);
                continue;
            }

            if (!IsAllowed(link.Url))
            {
                link.Url = "";
                link.GetDynamicUrl = null;
                link.IsImage = false;
                link.Reference = null;
            }
        }
    }
}
