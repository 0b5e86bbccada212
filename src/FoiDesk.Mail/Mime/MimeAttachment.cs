namespace FoiDesk.Mail.Mime;

/// <summary>Where an attachment came from.</summary>
public enum AttachmentSource
{
    /// <summary>A MIME body part.</summary>
    Mime,

    /// <summary>A uuencoded block inside a text/plain body.</summary>
    Uuencode,

    /// <summary>A file inside an application/ms-tnef (winmail.dat) part.</summary>
    Tnef,

    /// <summary>An attached message (message/rfc822); the parsed form is in <see cref="MimeMessage.EmbeddedMessages"/>.</summary>
    Message,
}

/// <summary>A file carried by a message, after transfer decoding.</summary>
public sealed record MimeAttachment
{
    public string? FileName { get; init; }
    public required string ContentType { get; init; }
    public required MimeContent Content { get; init; }
    public string? ContentId { get; init; }
    public bool IsInline { get; init; }
    public AttachmentSource Source { get; init; }

    /// <summary>The MIME part it came from (for TNEF and uuencode, the part that carried it).</summary>
    public MimeEntity? Part { get; init; }

    public long Size => Content.Length;

    public Stream OpenRead() => Content.OpenRead();
}
