using System.Text;
using System.Text.RegularExpressions;
using FoiDesk.Questions;

namespace FoiDesk.Intake;

/// <summary>A request with WhatDoTheyKnow's footer taken off.</summary>
public sealed record FooterStripResult
{
    /// <summary>The text with the footer removed (text before and after the footer kept).</summary>
    public required string Text { get; init; }

    /// <summary>The footer as it was, or empty when there was none.</summary>
    public required string Footer { get; init; }

    /// <summary>The address after "Please use this email address for all replies to this request:", as written.</summary>
    public string? ReplyTo { get; init; }

    /// <summary><see cref="ReplyTo"/> read as a request address, when it is one (published copies redact it).</summary>
    public RequestAddressMatch? ReplyToRequest { get; init; }

    /// <summary>The authority address named in "Is ... the wrong address for Freedom of Information requests".</summary>
    public string? AuthorityAddress { get; init; }
}

/// <summary>
/// Removes the footer WhatDoTheyKnow (Alaveteli) appends to every outgoing request: the reply address, the
/// "wrong address" form, the publication disclaimer, the ICO guidance links, the delay note, the "link to us" plea
/// and the dashed separators around them. The footer may be hard-wrapped, quoted or indented by the time it
/// comes back; only recognised footer lines are removed.
/// </summary>
public static class WdtkFooter
{
    private static readonly Regex Separator = Patterns.IgnoreCase(@"^[-_=]{10,}$");

    // The sentences that open each footer paragraph; a paragraph runs on until a line ends a sentence.
    private static readonly Regex Opening = Patterns.IgnoreCase(@"^(?:please\s+use\s+this\s+email\s+address\s+for\s+all\s+replies|is\s+.+?\s+the\s+wrong\s+address\s+for\s+freedom|disclaimer:\s+this\s+message\s+and\s+any\s+reply|our\s+privacy\s+and\s+copyright\s+policies|for\s+more\s+detailed\s+guidance\s+on\s+safely\s+disclosing|please\s+note\s+that\s+in\s+some\s+cases\s+publication|if\s+you\s+find\s+(?:this|the\s+\S+)\s+service\s+useful\s+as\s+an\s+foi\s+officer|if\s+you\s+find\s+whatdotheyknow\s+useful)");

    private static readonly Regex ReplyToLine = Patterns.IgnoreCase(@"^please\s+use\s+this\s+email\s+address\s+for\s+all\s+replies");

    // "[4]https://...", "https://...", "[2][FOI #972166 email]", "request-...@whatdotheyknow.com".
    private static readonly Regex LinkLine = Patterns.IgnoreCase(@"^(?:\[\d+\])?\s*(?:https?://\S+|\[[^\]]+\]|\S+@\S+)$");

    private static readonly Regex LinkNumber = Patterns.IgnoreCase(@"^\[\d+\]");

    private static readonly Regex WrongAddress = Patterns.IgnoreCase(@"^is\s+(?:\[\d+\])?(?<addr>.+?)\s+the\s+wrong\s+address");

    public static FooterStripResult Strip(string text, IEnumerable<string>? domains = null)
    {
        var lines = Lines(text);
        var start = FindStart(lines);
        if (start < 0)
        {
            return new FooterStripResult { Text = text, Footer = "" };
        }

        string? replyTo = null;
        string? authority = null;
        var midSentence = false;
        var expectAddress = false;
        var end = start;
        for (var i = start; i < lines.Count; i++)
        {
            var t = lines[i].Text;
            var isFooter = t.Length == 0 || Separator.IsMatch(t) || Opening.IsMatch(t) || LinkLine.IsMatch(t) || midSentence;
            if (!isFooter)
            {
                break;
            }

            if (expectAddress && t.Length > 0 && !ReplyToLine.IsMatch(t))
            {
                replyTo ??= LinkNumber.Replace(t, "").Trim();
                expectAddress = false;
            }

            if (ReplyToLine.IsMatch(t))
            {
                expectAddress = true;
            }

            if (WrongAddress.Match(t) is { Success: true } w)
            {
                authority ??= w.Groups["addr"].Value.Trim();
            }

            if (Opening.IsMatch(t) || midSentence)
            {
                midSentence = !(t.EndsWith(':') || t.EndsWith('.') || t.EndsWith('?'));
            }

            // A trailing blank line belongs to what follows, not to the footer.
            if (t.Length > 0)
            {
                end = i + 1;
            }
        }

        var from = lines[start].Start;
        var to = end < lines.Count ? lines[end].Start : text.Length;
        var kept = new StringBuilder().Append(text, 0, from).Append(text, to, text.Length - to).ToString();
        return new FooterStripResult
        {
            Text = kept,
            Footer = text[from..to],
            ReplyTo = replyTo,
            ReplyToRequest = replyTo is null ? null : RequestAddress.Match(replyTo, domains),
            AuthorityAddress = authority,
        };
    }

    /// <summary>The footer starts at the separator just before its first sentence, or at that sentence.</summary>
    private static int FindStart(List<(int Start, string Text)> lines)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            if (!Opening.IsMatch(lines[i].Text))
            {
                continue;
            }

            var j = i - 1;
            while (j >= 0 && lines[j].Text.Length == 0)
            {
                j--;
            }

            return j >= 0 && Separator.IsMatch(lines[j].Text) ? j : i;
        }

        return -1;
    }

    /// <summary>Lines with "&gt;" quoting and indentation removed, and where each starts in the text.</summary>
    private static List<(int Start, string Text)> Lines(string text) =>
        TextLines.Of(text).Select(l => (l.Start, Unquote(text[l.Start..l.End].Trim()))).ToList();

    private static string Unquote(string line)
    {
        while (line.StartsWith('>'))
        {
            line = line[1..].TrimStart();
        }

        return line;
    }
}
