namespace FoiDesk.Mail.Mime;

/// <summary>A node of the MIME tree (RFC 2045): a leaf <see cref="MimePart"/>, a <see cref="Multipart"/> or an attached <see cref="MessagePart"/>.</summary>
public abstract class MimeEntity
{
    public required MimeHeaderList Headers { get; init; }

    /// <summary>The Content-Type, or its RFC 2045 5.2 default (text/plain; message/rfc822 inside multipart/digest).</summary>
    public required ContentType ContentType { get; init; }

    public ContentDisposition? ContentDisposition { get; init; }

    /// <summary>Content-ID without its angle brackets.</summary>
    public string? ContentId => Headers["Content-ID"]?.Trim().Trim('<', '>');

    /// <summary>The IMAP-style part number ("1.2.3"); the root of a message is "" (RFC 3501 6.4.5).</summary>
    public required string PartNumber { get; init; }
}

/// <summary>A leaf: its content is decoded from the transfer encoding.</summary>
public sealed class MimePart : MimeEntity
{
    internal MimeWarnings? Warnings { get; init; }

    /// <summary>The normalised Content-Transfer-Encoding (7bit when absent).</summary>
    public required string TransferEncoding { get; init; }

    public required MimeContent Content { get; init; }

    /// <summary>File name from Content-Disposition filename, else Content-Type name (RFC 2183, RFC 2231, RFC 2047 forms).</summary>
    public string? FileName => NullIfBlank(ContentDisposition?.FileName) ?? NullIfBlank(ContentType.Name);

    /// <summary>Content-Disposition: attachment, or a file name (senders often name files without a disposition).</summary>
    public bool IsAttachment => ContentDisposition?.IsAttachment == true || FileName is not null;

    public bool IsText => ContentType.MediaType.Equals("text", StringComparison.Ordinal);

    /// <summary>The content as text, in its declared charset with the repairs in <see cref="Encodings.Charsets"/>.</summary>
    public string GetText()
    {
        if (Content.Length == 0)
        {
            return string.Empty;
        }

        return Encodings.Charsets.Decode(Content.ToArray(), ContentType.Charset, Warnings);
    }

    private static string? NullIfBlank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

/// <summary>A multipart (RFC 2046 5.1) with the text before the first and after the last boundary.</summary>
public sealed class Multipart : MimeEntity
{
    public required IReadOnlyList<MimeEntity> Children { get; init; }
    public string Preamble { get; init; } = string.Empty;
    public string Epilogue { get; init; } = string.Empty;
}

/// <summary>An attached message (message/rfc822, RFC 2046 5.2.1): its raw bytes and the parsed message.</summary>
public sealed class MessagePart : MimeEntity
{
    public required MimeContent Raw { get; init; }
    public required MimeMessage Message { get; init; }
}
