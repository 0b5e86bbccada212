namespace FoiDesk.Mail.Mime;

/// <summary>
/// Hard limits the parser enforces. Exceeding one throws <see cref="MimeLimitException"/>; everything else
/// that is wrong with a message is repaired and reported as a <see cref="MimeWarning"/>.
/// The defaults accept any mail a council plausibly receives and refuse input built to exhaust the host.
/// </summary>
public sealed record MimeLimits
{
    public static MimeLimits Default { get; } = new();

    /// <summary>Nesting of multiparts and attached messages (RFC 2046 sets no limit; MimeKit uses 1024, we use far less).</summary>
    public int MaxDepth { get; init; } = 64;

    /// <summary>Header fields in one header block (a message or a body part).</summary>
    public int MaxHeaderCount { get; init; } = 2_000;

    /// <summary>Bytes in one header block, folding included (Received chains of big relays reach ~30 KB).</summary>
    public int MaxHeaderBlockSize { get; init; } = 1024 * 1024;

    /// <summary>
    /// Bytes in one header line (RFC 5322 2.1.1 says 998; real mail exceeds it). Body lines are streamed in chunks,
    /// so a long body line costs only the read buffer and is not limited.
    /// </summary>
    public int MaxLineLength { get; init; } = 256 * 1024;

    /// <summary>Entities (multiparts, leaves, attached messages) in the whole parse.</summary>
    public int MaxParts { get; init; } = 10_000;

    /// <summary>Decoded bytes across all parts (after base64/quoted-printable), embedded messages and TNEF included.</summary>
    public long MaxTotalDecodedSize { get; init; } = 1L * 1024 * 1024 * 1024;
}

/// <summary>Thrown when a message exceeds one of the <see cref="MimeLimits"/>. The message names the limit and its value.</summary>
public sealed class MimeLimitException : Exception
{
    public MimeLimitException()
    {
    }

    public MimeLimitException(string message)
        : base(message)
    {
    }

    public MimeLimitException(string message, Exception inner)
        : base(message, inner)
    {
    }

    internal static MimeLimitException Exceeded(string limit, long value) =>
        new($"MIME limit exceeded: {limit} ({value.ToString(System.Globalization.CultureInfo.InvariantCulture)})");
}

/// <summary>How the parser treats a message. Defaults are lenient and safe.</summary>
public sealed record MimeParserOptions
{
    public static MimeParserOptions Default { get; } = new();

    public MimeLimits Limits { get; init; } = MimeLimits.Default;

    /// <summary>Decoded content larger than this goes to a temporary file (deleted when the message is disposed).</summary>
    public int InMemoryThreshold { get; init; } = 4 * 1024 * 1024;

    /// <summary>Directory for spilled content; the system temp directory when null.</summary>
    public string? TempDirectory { get; init; }

    /// <summary>Unpack application/ms-tnef (winmail.dat) parts into their attachments and body.</summary>
    public bool DecodeTnef { get; init; } = true;

    /// <summary>Turn uuencoded blocks inside text/plain bodies into attachments.</summary>
    public bool ExtractUuencode { get; init; } = true;
}
