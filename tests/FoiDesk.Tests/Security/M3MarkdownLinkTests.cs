using System.Text.RegularExpressions;
using FoiDesk.Questions;
using FoiDesk.Replies;

namespace FoiDesk.Tests.Security;

/// <summary>
/// Security review M3: Markdown autolinks (&lt;javascript:...&gt;) got past the link-scheme filter of answers
/// and letters. On the old code AnswerMarkdown and LetterMarkdown checked LinkInline only, so the autolink
/// cases below rendered as &lt;a href="javascript:alert(1)"&gt; and these tests failed.
/// </summary>
public sealed partial class M3MarkdownLinkTests
{
    private static readonly string[] Hostile =
    [
        "<javascript:alert(1)>",
        "<JavaScript:alert(document.cookie)>",
        "<vbscript:msgbox(1)>",
        "<data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==>",
        "[click][r]\n\n[r]: javascript:alert(1)",
        "[click]\n\n[click]: <javascript:alert(1)>",
        "[click](<javascript:alert(1)>)",
        "![x](javascript:alert(1))",
        "![x][i]\n\n[i]: javascript:alert(1)",
        "[a ![b](javascript:alert(1))](https://example.org)",
        "[x](file:///etc/passwd)",
    ];

    [GeneratedRegex(@"\b(?:href|src)\s*=\s*""([^""]*)""", RegexOptions.IgnoreCase)]
    private static partial Regex UrlAttribute();

    private static IEnumerable<string> UnsafeUrls(string html) =>
        UrlAttribute().Matches(html).Select(m => m.Groups[1].Value)
            .Where(u => u.Length > 0 && !u.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
                && !u.StartsWith("http://", StringComparison.OrdinalIgnoreCase) && !u.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase));

    // Old code: AnswerMarkdown filtered LinkInline only, so the autolink cases (<javascript:...>, <vbscript:...>, <data:...>) came out as live links (see the class comment).
    [TestCaseSource(nameof(Hostile))]
    public void M3_AnswerMarkdown_EveryLinkKind_OnlyAllowedSchemes(string markdown)
    {
        var html = AnswerMarkdown.ToHtml(markdown);

        Assert.That(UnsafeUrls(html), Is.Empty, html);
        Assert.That(html, Does.Not.Contain("<img"));
    }

    // Old code: LetterMarkdown had the same LinkInline-only filter, so the same cases failed here.
    [TestCaseSource(nameof(Hostile))]
    public void M3_LetterMarkdown_EveryLinkKind_OnlyAllowedSchemes(string markdown)
    {
        var html = LetterMarkdown.ToHtmlFragment(LetterMarkdown.Parse(markdown));

        Assert.That(UnsafeUrls(html), Is.Empty, html);
        Assert.That(html, Does.Not.Contain("<img"));
    }

    // Old code: passed as well; it guards that the allow-list keeps https and mailto autolinks and references working.
    [TestCase("<https://example.org/report>", "href=\"https://example.org/report\"")]
    [TestCase("<foi@example.org>", "href=\"mailto:foi@example.org\"")]
    [TestCase("[report][r]\n\n[r]: https://example.org/r", "href=\"https://example.org/r\"")]
    public void M3_SafeAutolinksAndReferences_StillLinks(string markdown, string expected)
    {
        Assert.That(AnswerMarkdown.ToHtml(markdown), Does.Contain(expected));
        Assert.That(LetterMarkdown.ToHtmlFragment(LetterMarkdown.Parse(markdown)), Does.Contain(expected));
    }

    // Old code: <javascript:alert(1)> became an <a href="javascript:alert(1)"> in the answer HTML.
    [Test]
    public void M3_HostileAutolink_KeptAsText()
    {
        // The reader still sees what was written; it is simply not a link.
        Assert.That(AnswerMarkdown.ToHtml("see <javascript:alert(1)>"), Does.Contain("javascript:alert(1)").And.Not.Contain("<a"));
        Assert.That(LetterMarkdown.ToText("see <javascript:alert(1)>"), Does.Contain("javascript:alert(1)"));
    }
}
