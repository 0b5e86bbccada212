namespace FoiDesk.Mail;

/// <summary>
/// Hard limits on one incoming message, enforced around MimeKit (its <see cref="MimeKit.ParserOptions"/> bound
/// the nesting; the rest is counted here). Exceeding one throws <see cref="MailLimitException"/>: the message is
/// then stored raw and listed as "could not be read" with the reason. The defaults accept any mail a council
/// plausibly receives and refuse input built to exhaust the host.
/// </summary>
public sealed record MailLimits
{
    public static MailLimits Default { get; } = new();

    /// <summary>Raw bytes of one message. Exchange Online's largest accepted message is 150 MB.</summary>
    public long MaxRawSize { get; init; } = 150L * 1024 * 1024;

    /// <summary>Nesting of multiparts and attached messages (RFC 2046 sets no limit; MimeKit's default is 1024).</summary>
    public int MaxDepth { get; init; } = 64;

    /// <summary>Bytes in one header block, folding included (Received chains of big relays reach ~30 KB).</summary>
    public int MaxHeaderBlockSize { get; init; } = 1024 * 1024;

    /// <summary>Entities (multiparts, leaves, attached messages) in the whole message.</summary>
    public int MaxParts { get; init; } = 10_000;

    /// <summary>Decoded bytes across all parts (after base64/quoted-printable), attached messages, TNEF and uuencode included.</summary>
    public long MaxTotalDecodedSize { get; init; } = 1L * 1024 * 1024 * 1024;
}
