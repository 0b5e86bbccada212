using MimeKit;

namespace FoiDesk.Mail;

/// <summary>A message to write. <see cref="Date"/> comes from the caller's clock (TimeProvider), never read here.</summary>
public sealed record OutgoingMessage
{
    public required IReadOnlyList<MailboxAddress> From { get; init; }
    public IReadOnlyList<MailboxAddress> To { get; init; } = [];
    public IReadOnlyList<MailboxAddress> Cc { get; init; } = [];
    public IReadOnlyList<MailboxAddress> Bcc { get; init; } = [];
    public IReadOnlyList<MailboxAddress> ReplyTo { get; init; } = [];
    public required string Subject { get; init; }
    public required DateTimeOffset Date { get; init; }

    /// <summary>Without angle brackets, e.g. "abc123@foidesk.example".</summary>
    public required string MessageId { get; init; }
    public string? InReplyTo { get; init; }
    public IReadOnlyList<string> References { get; init; } = [];
    public string? TextBody { get; init; }
    public string? HtmlBody { get; init; }
    public IReadOnlyList<OutgoingAttachment> Attachments { get; init; } = [];

    /// <summary>Further header fields (e.g. Auto-Submitted). Names must be RFC 5322 field names.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ExtraHeaders { get; init; } = [];
}

/// <summary>A file to attach. With <see cref="ContentId"/> and <see cref="Inline"/> it is an inline image of the HTML body (multipart/related, RFC 2387).</summary>
public sealed record OutgoingAttachment
{
    public required string FileName { get; init; }
    public required string ContentType { get; init; }
    public required byte[] Content { get; init; }
    public string? ContentId { get; init; }
    public bool Inline { get; init; }
}
