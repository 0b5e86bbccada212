using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace FoiDesk.Mail.Mime.Writing;

/// <summary>
/// Writes RFC 5322 / MIME messages: text and HTML as multipart/alternative (RFC 2046 5.1.4), inline images with the
/// HTML as multipart/related (RFC 2387), attachments in multipart/mixed. Each text part gets 7bit, quoted-printable or
/// base64, whichever keeps it readable and within 998-octet lines; attachments are base64. Header values with CR or LF
/// throw <see cref="ArgumentException"/>.
/// </summary>
public static class MimeWriter
{
    public static byte[] Write(OutgoingMessage message)
    {
        using var stream = new MemoryStream();
        Write(message, stream);
        return stream.ToArray();
    }

    public static void Write(OutgoingMessage message, Stream output)
    {
        ArgumentNullException.ThrowIfNull(message);
        var sb = new StringBuilder();
        WriteEnvelopeHeaders(sb, message);
        HeaderEncoder.WriteField(sb, "MIME-Version", "1.0");
        var body = BuildBody(message);
        WriteEntity(sb, body);
        var bytes = Encoding.UTF8.GetBytes(sb.ToString());
        output.Write(bytes);
    }

    private static void WriteEnvelopeHeaders(StringBuilder sb, OutgoingMessage m)
    {
        if (m.From.Count == 0)
        {
            throw new ArgumentException("a message needs a From address", nameof(m));
        }

        HeaderEncoder.WriteField(sb, "Date", FormatDate(m.Date));
        AddressField(sb, "From", m.From);
        AddressField(sb, "Reply-To", m.ReplyTo);
        AddressField(sb, "To", m.To);
        AddressField(sb, "Cc", m.Cc);
        AddressField(sb, "Bcc", m.Bcc);
        HeaderEncoder.WriteField(sb, "Subject", HeaderEncoder.Unstructured(m.Subject));
        HeaderEncoder.WriteField(sb, "Message-ID", MsgId(m.MessageId));
        if (m.InReplyTo is not null)
        {
            HeaderEncoder.WriteField(sb, "In-Reply-To", MsgId(m.InReplyTo));
        }

        if (m.References.Count > 0)
        {
            HeaderEncoder.WriteField(sb, "References", string.Join(' ', m.References.Select(MsgId)));
        }

        foreach (var (name, value) in m.ExtraHeaders)
        {
            if (name.Length == 0 || name.Any(c => c is <= ' ' or >= (char)127 or ':'))
            {
                throw new ArgumentException($"'{name}' is not a header field name", nameof(m));
            }

            HeaderEncoder.WriteField(sb, name, HeaderEncoder.Unstructured(value));
        }
    }

    /// <summary>RFC 5322 3.3 date-time, e.g. "Tue, 04 Mar 2025 09:05:00 +0000".</summary>
    public static string FormatDate(DateTimeOffset date)
    {
        var offset = date.Offset;
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        var abs = offset.Duration();
        return date.ToString("ddd, dd MMM yyyy HH:mm:ss ", CultureInfo.InvariantCulture)
            + sign + abs.Hours.ToString("00", CultureInfo.InvariantCulture) + abs.Minutes.ToString("00", CultureInfo.InvariantCulture);
    }

    private static string MsgId(string id)
    {
        HeaderEncoder.Reject(id, "message id");
        var bare = id.Trim().Trim('<', '>');
        if (bare.Length == 0 || bare.Any(c => c is <= ' ' or >= (char)127 or '<' or '>'))
        {
            throw new ArgumentException($"'{id}' is not a valid msg-id (RFC 5322 3.6.4)", nameof(id));
        }

        return "<" + bare + ">";
    }

    private static void AddressField(StringBuilder sb, string name, IReadOnlyList<MailboxAddress> list)
    {
        if (list.Count > 0)
        {
            HeaderEncoder.WriteField(sb, name, string.Join(",\r\n ", list.Select(HeaderEncoder.Address)));
        }
    }

    private abstract record Node(List<string> Headers);

    private sealed record LeafNode(List<string> Headers, string Body) : Node(Headers);

    private sealed record MultiNode(List<string> Headers, string Boundary, List<Node> Children) : Node(Headers);

    private static Node BuildBody(OutgoingMessage m)
    {
        var inline = m.Attachments.Where(a => a.Inline && a.ContentId is not null && m.HtmlBody is not null).ToList();
        var files = m.Attachments.Except(inline).ToList();
        Node? html = m.HtmlBody is null ? null : TextLeaf("html", m.HtmlBody);
        if (html is not null && inline.Count > 0)
        {
            html = Multi("related; type=\"text/html\"", [html, .. inline.Select(AttachmentLeaf)]);
        }

        Node? text = m.TextBody is null ? null : TextLeaf("plain", m.TextBody);
        Node body = (text, html) switch
        {
            ({ } t, { } h) => Multi("alternative", [t, h]),
            ({ } t, null) => t,
            (null, { } h) => h,
            _ => TextLeaf("plain", string.Empty),
        };

        return files.Count == 0 ? body : Multi("mixed", [body, .. files.Select(AttachmentLeaf)]);
    }

    private static MultiNode Multi(string subtypeAndParams, List<Node> children)
    {
        var boundary = "=_FoiDesk_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        return new MultiNode([$"Content-Type: multipart/{subtypeAndParams};\r\n boundary=\"{boundary}\""], boundary, children);
    }

    private static LeafNode TextLeaf(string subtype, string text)
    {
        // RFC 2046 4.1.1: text travels with CRLF line breaks.
        var canonical = text.ReplaceLineEndings("\r\n");
        var ascii = Ascii.IsValid(canonical);
        var charset = ascii ? "us-ascii" : "utf-8";
        var bytes = Encoding.UTF8.GetBytes(canonical);
        var (cte, body) = ChooseEncoding(canonical, bytes, ascii);
        return new LeafNode([$"Content-Type: text/{subtype}; charset={charset}", $"Content-Transfer-Encoding: {cte}"], body);
    }

    private static (string Cte, string Body) ChooseEncoding(string canonical, byte[] bytes, bool ascii)
    {
        var longLine = canonical.Split("\r\n").Any(l => l.Length > 998);
        var control = canonical.Any(c => c < ' ' && c is not ('\r' or '\n' or '\t'));
        if (ascii && !longLine && !control)
        {
            return ("7bit", canonical);
        }

        var nonAscii = bytes.Count(b => b >= 128);
        if (nonAscii * 6 > bytes.Length)
        {
            return ("base64", Base64Lines(bytes));
        }

        return ("quoted-printable", QuotedPrintable.Encode(bytes));
    }

    private static LeafNode AttachmentLeaf(OutgoingAttachment a)
    {
        HeaderEncoder.Reject(a.ContentType, "content type");
        HeaderEncoder.Reject(a.ContentId, "content id");
        var type = ContentType.Parse(a.ContentType) ?? throw new ArgumentException($"'{a.ContentType}' is not a media type", nameof(a));
        var headers = new List<string>
        {
            $"Content-Type: {type.MimeType};\r\n {HeaderEncoder.Parameter("name", a.FileName)}",
            $"Content-Disposition: {(a.Inline ? "inline" : "attachment")};\r\n {HeaderEncoder.Parameter("filename", a.FileName)}",
            "Content-Transfer-Encoding: base64",
        };
        if (a.ContentId is not null)
        {
            headers.Add("Content-ID: " + MsgId(a.ContentId));
        }

        return new LeafNode(headers, Base64Lines(a.Content));
    }

    private static string Base64Lines(byte[] bytes) => Convert.ToBase64String(bytes, Base64FormattingOptions.InsertLineBreaks);

    private static void WriteEntity(StringBuilder sb, Node node)
    {
        foreach (var h in node.Headers)
        {
            var colon = h.IndexOf(':', StringComparison.Ordinal);
            HeaderEncoder.WriteField(sb, h[..colon], h[(colon + 2)..]);
        }

        sb.Append("\r\n");
        switch (node)
        {
            case LeafNode leaf:
                sb.Append(leaf.Body);
                break;
            case MultiNode multi:
                foreach (var child in multi.Children)
                {
                    sb.Append("--").Append(multi.Boundary).Append("\r\n");
                    WriteEntity(sb, child);
                    sb.Append("\r\n");
                }

                sb.Append("--").Append(multi.Boundary).Append("--\r\n");
                break;
        }
    }
}
