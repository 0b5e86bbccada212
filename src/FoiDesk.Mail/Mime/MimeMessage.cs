namespace FoiDesk.Mail.Mime;

/// <summary>
/// A parsed message: its headers, MIME tree, the chosen text and HTML bodies, its attachments, the messages
/// attached to it, and every repair the parser made. Dispose it to delete temporary files of large parts.
/// </summary>
public sealed class MimeMessage : IDisposable
{
    private readonly ParseContext? _owner;
    private readonly Lazy<string?> _textBody;
    private readonly Lazy<string?> _htmlBody;

    internal MimeMessage(MimeHeaderList headers, MimeEntity body, MessageParts parts, ParseContext context, bool ownsContext)
    {
        Headers = headers;
        Body = body;
        TextPart = parts.Text;
        HtmlPart = parts.Html;
        Attachments = parts.Attachments;
        EmbeddedMessages = parts.Embedded;
        Warnings = context.Warnings.Items;
        _owner = ownsContext ? context : null;
        _textBody = new Lazy<string?>(() => parts.TextOverride ?? parts.Text?.GetText());
        _htmlBody = new Lazy<string?>(() => parts.HtmlOverride ?? parts.Html?.GetText());
        From = AddressParser.Parse(headers.Find("From")?.RawValue, context.Warnings);
        To = AddressParser.Parse(JoinAll(headers, "To"), context.Warnings);
        Cc = AddressParser.Parse(JoinAll(headers, "Cc"), context.Warnings);
        Bcc = AddressParser.Parse(JoinAll(headers, "Bcc"), context.Warnings);
        ReplyTo = AddressParser.Parse(headers.Find("Reply-To")?.RawValue, context.Warnings);
        Sender = AddressParser.Parse(headers.Find("Sender")?.RawValue, context.Warnings) is [var first, ..] ? first : null;
        var date = headers.Find("Date")?.RawValue;
        Date = DateParser.Parse(date);
        if (date is not null && Date is null && !string.IsNullOrWhiteSpace(date))
        {
            context.Warnings.Add("bad-date", $"unreadable Date '{date.Trim()}'");
        }

        MessageId = FirstOrNull(MessageIds.Parse(headers.Find("Message-ID")?.RawValue));
        InReplyTo = FirstOrNull(MessageIds.Parse(headers.Find("In-Reply-To")?.RawValue));
        References = MessageIds.Parse(headers.Find("References")?.RawValue);
    }

    public MimeHeaderList Headers { get; }

    /// <summary>The root of the MIME tree.</summary>
    public MimeEntity Body { get; }

    public string? Subject => Headers["Subject"];
    public DateTimeOffset? Date { get; }
    public IReadOnlyList<MailboxAddress> From { get; }
    public MailboxAddress? Sender { get; }
    public IReadOnlyList<MailboxAddress> To { get; }
    public IReadOnlyList<MailboxAddress> Cc { get; }
    public IReadOnlyList<MailboxAddress> Bcc { get; }
    public IReadOnlyList<MailboxAddress> ReplyTo { get; }

    /// <summary>Message-ID without angle brackets.</summary>
    public string? MessageId { get; }
    public string? InReplyTo { get; }
    public IReadOnlyList<string> References { get; }

    /// <summary>The text/plain body (uuencoded blocks removed when they became attachments), or null.</summary>
    public string? TextBody => _textBody.Value;

    /// <summary>The text/html body, or null.</summary>
    public string? HtmlBody => _htmlBody.Value;

    public MimePart? TextPart { get; }
    public MimePart? HtmlPart { get; }

    /// <summary>Every leaf that is not a chosen body, plus uuencoded and TNEF files and attached messages (raw, as message/rfc822).</summary>
    public IReadOnlyList<MimeAttachment> Attachments { get; }

    /// <summary>Messages attached as message/rfc822, parsed.</summary>
    public IReadOnlyList<MimeMessage> EmbeddedMessages { get; }

    /// <summary>Everything the parser repaired, across the whole parse (embedded messages included).</summary>
    public IReadOnlyList<MimeWarning> Warnings { get; }

    public void Dispose() => _owner?.DisposeAll();

    private static string? FirstOrNull(IReadOnlyList<string> items) => items.Count > 0 ? items[0] : null;

    private static string? JoinAll(MimeHeaderList headers, string name)
    {
        string? result = null;
        foreach (var h in headers.FindAll(name))
        {
            result = result is null ? h.RawValue : result + ", " + h.RawValue;
        }

        return result;
    }
}

/// <summary>msg-id lists (RFC 5322 3.6.4): the angle-bracketed ids, or whitespace-separated words when brackets are missing.</summary>
public static class MessageIds
{
    public static IReadOnlyList<string> Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return [];
        }

        var s = Rfc2047.Unfold(value);
        var result = new List<string>();
        var i = 0;
        while (true)
        {
            var open = s.IndexOf('<', i);
            if (open < 0)
            {
                break;
            }

            var close = s.IndexOf('>', open + 1);
            if (close < 0)
            {
                break;
            }

            var id = s[(open + 1)..close].Trim();
            if (id.Length > 0)
            {
                result.Add(id);
            }

            i = close + 1;
        }

        if (result.Count == 0)
        {
            foreach (var word in s.Split([' ', '\t', ','], StringSplitOptions.RemoveEmptyEntries))
            {
                if (word.Contains('@', StringComparison.Ordinal))
                {
                    result.Add(word.Trim('<', '>'));
                }
            }
        }

        return result;
    }
}
