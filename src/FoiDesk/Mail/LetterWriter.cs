using MimeKit;

namespace FoiDesk.Mail;

/// <summary>
/// Writes an outgoing message with MimeKit: multipart/alternative text and HTML (multipart/related when the HTML
/// has inline images, RFC 2387), files as multipart/mixed, threading headers (RFC 5322 3.6.4), CRLF line ends,
/// and every part 7-bit clean (quoted-printable or base64), so no relay needs to re-encode it and the bytes
/// stored are the bytes sent.
/// </summary>
public static class LetterWriter
{
    // Before MimeKit first looks up a charset: it caches what it finds (see CodePages).
    static LetterWriter() => CodePages.Register();

    public static byte[] Write(OutgoingMessage letter)
    {
        using var message = Build(letter);
        using var buffer = new MemoryStream();
        message.WriteTo(new FormatOptions { NewLineFormat = NewLineFormat.Dos }, buffer);
        return buffer.ToArray();
    }

    public static MimeMessage Build(OutgoingMessage letter)
    {
        var message = new MimeMessage
        {
            Subject = letter.Subject,
            Date = letter.Date,
            MessageId = letter.MessageId,
        };
        message.From.AddRange(letter.From);
        message.To.AddRange(letter.To);
        message.Cc.AddRange(letter.Cc);
        message.Bcc.AddRange(letter.Bcc);
        message.ReplyTo.AddRange(letter.ReplyTo);
        if (letter.InReplyTo is not null)
        {
            message.InReplyTo = letter.InReplyTo;
        }

        foreach (var reference in letter.References)
        {
            message.References.Add(reference);
        }

        foreach (var (name, value) in letter.ExtraHeaders)
        {
            message.Headers.Add(name, value);
        }

        var body = new BodyBuilder { TextBody = letter.TextBody, HtmlBody = letter.HtmlBody };
        foreach (var file in letter.Attachments)
        {
            var type = ContentType.Parse(file.ContentType);
            var entity = file.Inline
                ? body.LinkedResources.Add(file.FileName, file.Content, type)
                : body.Attachments.Add(file.FileName, file.Content, type);
            if (file.ContentId is not null)
            {
                entity.ContentId = file.ContentId;
            }
        }

        message.Body = body.ToMessageBody();
        message.Prepare(EncodingConstraint.SevenBit);
        return message;
    }
}
