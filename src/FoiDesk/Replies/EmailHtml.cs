using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace FoiDesk.Replies;

/// <summary>
/// Wraps a rendered letter in an email-safe HTML document: every style inline (mail clients drop &lt;style&gt;),
/// a centred column with a max-width, system fonts, no images or other external resources, and tables only
/// where the letter itself has a data table.
/// </summary>
public static partial class EmailHtml
{
    private const string Font = "font-family:Arial,Helvetica,sans-serif;";

    private static readonly Dictionary<string, string> Styles = new(StringComparer.Ordinal)
    {
        ["h1"] = Font + "font-size:24px;line-height:1.25;margin:0 0 16px 0;color:#0b0c0c;",
        ["h2"] = Font + "font-size:20px;line-height:1.3;margin:24px 0 12px 0;color:#0b0c0c;",
        ["h3"] = Font + "font-size:17px;line-height:1.3;margin:20px 0 8px 0;color:#0b0c0c;",
        ["h4"] = Font + "font-size:16px;line-height:1.3;margin:16px 0 8px 0;color:#0b0c0c;",
        ["p"] = Font + "font-size:16px;line-height:1.5;margin:0 0 16px 0;color:#0b0c0c;",
        ["ul"] = Font + "font-size:16px;line-height:1.5;margin:0 0 16px 0;padding-left:24px;",
        ["ol"] = Font + "font-size:16px;line-height:1.5;margin:0 0 16px 0;padding-left:24px;",
        ["li"] = "margin:0 0 4px 0;",
        ["blockquote"] = "margin:0 0 16px 0;padding:0 0 0 12px;border-left:4px solid #b1b4b6;color:#383f43;",
        ["a"] = "color:#1d70b8;text-decoration:underline;",
        ["table"] = Font + "font-size:15px;border-collapse:collapse;margin:0 0 16px 0;",
        ["th"] = "border:1px solid #b1b4b6;padding:4px 8px;text-align:left;background:#f3f2f1;",
        ["td"] = "border:1px solid #b1b4b6;padding:4px 8px;vertical-align:top;",
        ["code"] = "font-family:Consolas,'Courier New',monospace;font-size:14px;",
        ["pre"] = "font-family:Consolas,'Courier New',monospace;font-size:14px;white-space:pre-wrap;margin:0 0 16px 0;",
        ["hr"] = "border:0;border-top:1px solid #b1b4b6;margin:24px 0;",
    };

    // Markdig writes these tags with no attributes, or with href/start/style only; raw HTML is disabled, so
    // every '<' here was written by Markdig and not by the requester.
    [GeneratedRegex(@"<(h[1-6]|p|ul|ol|li|blockquote|a|table|th|td|code|pre|hr)((?:\s+[a-z\-]+(?:=""[^""]*"")?)*)(\s*/)?>")]
    private static partial Regex OpenTag();

    [GeneratedRegex(@"\sstyle=""([^""]*)""")]
    private static partial Regex StyleAttribute();

    public static string Document(string fragment, string title, LetterLanguage language) =>
        Wrap(Style(fragment), title, language);

    /// <summary>
    /// One email holding a letter in two languages, Welsh first (Welsh Language Standards: Welsh must not be
    /// treated less favourably, so it comes first), each section marked with its language for screen readers.
    /// </summary>
    public static string Bilingual(string welshFragment, string englishFragment, string title) =>
        Wrap($"{Style(BilingualNote)}<div lang=\"cy\">\n{Style(welshFragment)}</div>\n<hr style=\"{Styles["hr"]}\">\n<div lang=\"en\">\n{Style(englishFragment)}</div>\n",
            title, LetterLanguage.Welsh);

    /// <summary>Opens a bilingual email, so an English reader knows to scroll past the Welsh.</summary>
    public const string BilingualNoteText = "Mae'r fersiwn Saesneg isod. / The English version is below the Welsh.";

    private static readonly string BilingualNote =
        "<p>Mae&#39;r fersiwn Saesneg isod. / <span lang=\"en\">The English version is below the Welsh.</span></p>\n";

    private static string Style(string fragment) =>
        // Markdig's own style (a table column's text-align) goes last so it wins over the defaults.
        OpenTag().Replace(fragment, m =>
        {
            var tag = m.Groups[1].Value;
            var attributes = m.Groups[2].Value;
            var style = Styles[tag];
            var existing = StyleAttribute().Match(attributes);
            attributes = existing.Success
                ? StyleAttribute().Replace(attributes, $" style=\"{style}{existing.Groups[1].Value}\"")
                : attributes + $" style=\"{style}\"";
            return $"<{tag}{attributes}{m.Groups[3].Value}>";
        });

    private static string Wrap(string styled, string title, LetterLanguage language)
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n");
        sb.Append("<html lang=\"").Append(LetterFormat.Code(language)).Append("\">\n<head>\n");
        sb.Append("<meta charset=\"utf-8\">\n");
        sb.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        sb.Append("<title>").Append(WebUtility.HtmlEncode(title)).Append("</title>\n</head>\n");
        sb.Append("<body style=\"margin:0;padding:0;background:#ffffff;\">\n");
        sb.Append("<div style=\"max-width:640px;margin:0 auto;padding:16px;").Append(Font)
            .Append("font-size:16px;line-height:1.5;color:#0b0c0c;\">\n");
        sb.Append(styled);
        sb.Append("</div>\n</body>\n</html>\n");
        return sb.ToString();
    }
}
