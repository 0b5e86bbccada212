using System.Globalization;
using System.Text;
using FoiDesk.Mail;
using MimeKit;

namespace FoiDesk.Tests.Mail;

/// <summary>A readable summary of a parsed message for golden files: headers of note, the part tree, body excerpts, attachments, warnings.</summary>
internal static class MessageSummary
{
    public static string Write(ReadMail m)
    {
        var sb = new StringBuilder();
        Message(sb, m, "");
        return sb.ToString().Replace("\r", "\\r", StringComparison.Ordinal);
    }

    private static void Message(StringBuilder sb, ReadMail m, string indent)
    {
        Line(sb, indent, "Subject", m.Subject);
        Line(sb, indent, "Date", m.Date?.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));
        Line(sb, indent, "From", Join(m.From));
        Line(sb, indent, "To", Join(m.To));
        Line(sb, indent, "Cc", Join(m.Cc));
        Line(sb, indent, "Reply-To", Join(m.ReplyTo));
        Line(sb, indent, "Message-ID", m.MessageId);
        Line(sb, indent, "In-Reply-To", m.InReplyTo);
        Line(sb, indent, "References", m.References.Count == 0 ? null : string.Join(" ", m.References));
        sb.Append(indent).Append("Tree:\n");
        if (m.Body is not null)
        {
            Tree(sb, m.Body, indent + "  ", "root");
        }

        Line(sb, indent, "Text", Excerpt(m.TextBody));
        Line(sb, indent, "Html", Excerpt(m.HtmlBody));
        foreach (var a in m.Attachments)
        {
            sb.Append(indent).Append(CultureInfo.InvariantCulture, $"Attachment: {a.FileName ?? "(no name)"} {a.ContentType} {a.Size} {a.Origin} sha256={a.Sha256[..16]}\n");
        }

        for (var i = 0; i < m.EmbeddedMessages.Count; i++)
        {
            sb.Append(indent).Append(CultureInfo.InvariantCulture, $"Embedded message {i + 1}:\n");
            Message(sb, m.EmbeddedMessages[i], indent + "  ");
        }

        if (indent.Length == 0)
        {
            foreach (var w in m.Warnings)
            {
                sb.Append("Warning: ").Append(w).Append('\n');
            }
        }
    }

    private static void Tree(StringBuilder sb, MimeEntity e, string indent, string number)
    {
        switch (e)
        {
            case Multipart mp:
                sb.Append(indent).Append(CultureInfo.InvariantCulture, $"{number} {mp.ContentType.MimeType} ({mp.Count} parts)\n");
                for (var i = 0; i < mp.Count; i++)
                {
                    Tree(sb, mp[i], indent + "  ", number == "root" ? $"{i + 1}" : $"{number}.{i + 1}");
                }

                break;
            case MessagePart msg:
                sb.Append(indent).Append(CultureInfo.InvariantCulture, $"{number} {msg.ContentType.MimeType}\n");
                break;
            case MimePart leaf:
                var name = leaf.FileName is null ? "" : $" name=\"{leaf.FileName}\"";
                var charset = leaf.ContentType.Charset is null ? "" : $" charset={leaf.ContentType.Charset}";
                sb.Append(indent).Append(CultureInfo.InvariantCulture, $"{number} {leaf.ContentType.MimeType}{charset} {leaf.ContentTransferEncoding} {Corpus.Decoded(leaf).Length}{name}\n");
                break;
        }
    }

    private static void Line(StringBuilder sb, string indent, string name, string? value)
    {
        if (value is not null)
        {
            sb.Append(indent).Append(name).Append(": ").Append(value).Append('\n');
        }
    }

    private static string? Join(IReadOnlyList<MailboxAddress> list) =>
        list.Count == 0 ? null : string.Join(", ", list.Select(a => $"{(string.IsNullOrEmpty(a.Name) ? "-" : a.Name)} <{(string.IsNullOrEmpty(a.Address) ? "-" : a.Address)}>"));

    private static string? Excerpt(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var flat = string.Join(" ", text.Split((char[])['\r', '\n', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));
        var excerpt = flat.Length > 160 ? flat[..160] + "..." : flat;
        return $"[{text.Length} chars] {excerpt}";
    }
}
