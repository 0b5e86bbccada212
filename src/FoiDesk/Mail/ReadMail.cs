using MimeKit;

namespace FoiDesk.Mail;

/// <summary>
/// An incoming message as MimeKit read it, with what FoiDesk adds on top: the text body without uuencoded
/// blocks (or from TNEF when that is all there is), every attachment with its decoded size and hash, the
/// attached messages, and the repairs noticed. Dispose it to release MimeKit's content streams.
/// </summary>
public sealed class ReadMail : IDisposable
{
    private readonly IDisposable? _owner;

    internal ReadMail(MimeMessage mime, string? textBody, IReadOnlyList<MailAttachment> attachments, IReadOnlyList<ReadMail> embedded, IReadOnlyList<string> warnings, IDisposable? owner)
    {
        Mime = mime;
        TextBody = textBody;
        Attachments = attachments;
        EmbeddedMessages = embedded;
        Warnings = warnings;
        _owner = owner;
        Date = mime.Date == DateTimeOffset.MinValue ? null : mime.Date;
    }

    /// <summary>MimeKit's message, for anything not surfaced here.</summary>
    public MimeMessage Mime { get; }

    public HeaderList Headers => Mime.Headers;

    /// <summary>The root of the MIME tree.</summary>
    public MimeEntity? Body => Mime.Body;

    public string? Subject => Mime.Subject;

    /// <summary>The Date header, or null when missing or unreadable (MimeKit's DateUtils recovers most forms).</summary>
    public DateTimeOffset? Date { get; }

    public IReadOnlyList<MailboxAddress> From => [.. Mime.From.Mailboxes];

    public IReadOnlyList<MailboxAddress> To => [.. Mime.To.Mailboxes];

    public IReadOnlyList<MailboxAddress> Cc => [.. Mime.Cc.Mailboxes];

    public IReadOnlyList<MailboxAddress> ReplyTo => [.. Mime.ReplyTo.Mailboxes];

    /// <summary>Message-ID without angle brackets.</summary>
    public string? MessageId => Mime.MessageId;

    public string? InReplyTo => Mime.InReplyTo;

    public IReadOnlyList<string> References => [.. Mime.References];

    /// <summary>The text/plain body (uuencoded blocks removed when they became attachments; from TNEF when the
    /// message had nothing else), or null.</summary>
    public string? TextBody { get; }

    public string? HtmlBody => Mime.HtmlBody;

    public IReadOnlyList<MailAttachment> Attachments { get; }

    /// <summary>Messages attached as message/rfc822 (and the returned headers of a bounce).</summary>
    public IReadOnlyList<ReadMail> EmbeddedMessages { get; }

    /// <summary>What was repaired or could not be read, kept in incoming_message.warnings.</summary>
    public IReadOnlyList<string> Warnings { get; }

    public void Dispose()
    {
        Mime.Dispose();
        _owner?.Dispose();
    }
}
