using System.Text;
using FoiDesk.Mail.Mime.Encodings;

namespace FoiDesk.Mail.Mime;

/// <summary>
/// Parses RFC 5322 / MIME (RFC 2045-2049) messages from bytes. An explicit state machine moves through
/// <see cref="State.Headers"/> → <see cref="State.Content"/> → <see cref="State.Boundary"/>, tracking every
/// open multipart's boundary so a missing close-delimiter or an outer boundary met early ends the right parts.
/// Lenient: malformed input is repaired and reported in <see cref="MimeMessage.Warnings"/>, never thrown.
/// Throws only <see cref="IOException"/> from the stream, <see cref="MimeLimitException"/> and cancellation.
/// </summary>
public static partial class MimeParser
{
    public static MimeMessage Parse(Stream stream, MimeParserOptions? options = null, CancellationToken cancellationToken = default)
    {
        Charsets.EnsureRegistered();
        var context = new ParseContext(options ?? MimeParserOptions.Default, cancellationToken);
        try
        {
            using var session = new Session(stream, context);
            return session.ParseMessage(depth: 0, top: true, ownsContext: true);
        }
        catch
        {
            context.DisposeAll();
            throw;
        }
    }

    public static MimeMessage Parse(byte[] message, MimeParserOptions? options = null, CancellationToken cancellationToken = default)
    {
        using var stream = new MemoryStream(message, writable: false);
        return Parse(stream, options, cancellationToken);
    }

    public static MimeMessage ParseFile(string path, MimeParserOptions? options = null, CancellationToken cancellationToken = default)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        return Parse(stream, options, cancellationToken);
    }

    /// <summary>The parser's states; each boundary line moves a multipart from Content back to Headers.</summary>
    internal enum State
    {
        Headers,
        Content,
        Boundary,
        CloseBoundary,
        Eof,
    }

    /// <summary>How a body scan ended: at end of input, or at the boundary of the multipart at stack <paramref name="Level"/>.</summary>
    internal readonly record struct Stop(State State, int Level)
    {
        public static readonly Stop Eof = new(State.Eof, -1);
    }

    internal static MimeMessage ParseNested(MimeContent raw, int depth, ParseContext context)
    {
        using var stream = raw.OpenRead();
        using var session = new Session(stream, context);
        return session.ParseMessage(depth, top: false, ownsContext: false);
    }

    private sealed partial class Session(Stream stream, ParseContext context) : IDisposable
    {
        private readonly MimeReader _reader = new(stream, context.Limits.MaxLineLength);
        private readonly List<byte[]> _boundaries = [];
        private readonly MimeWarnings _warnings = context.Warnings;
        private int _maxBoundary;

        public MimeMessage ParseMessage(int depth, bool top, bool ownsContext)
        {
            context.CheckDepth(depth);
            var (headers, stop) = ReadHeaders(skipMboxFrom: true);
            if (headers.Count == 0 && top)
            {
                _warnings.Add("no-headers", "message has no header fields");
            }

            var body = ParseEntity(headers, stop, depth, partNumber: string.Empty, ContentType.TextPlain, out _);
            var parts = MessageParts.Collect(body, depth, context);
            return new MimeMessage(headers, body, parts, context, ownsContext);
        }

        public void Dispose() => _reader.Dispose();

        /// <summary>States Content (a leaf or attached message) or, for a multipart, Boundary/Headers per child.</summary>
        private MimeEntity ParseEntity(MimeHeaderList headers, Stop? headerStop, int depth, string partNumber, ContentType defaultType, out Stop stop)
        {
            context.CountPart();
            context.CheckDepth(depth);
            var type = ReadContentType(headers, defaultType);
            var dispositionHeader = headers.Find("Content-Disposition");
            var disposition = dispositionHeader is null ? null : ContentDisposition.Parse(dispositionHeader.RawValue, _warnings);
            var cte = TransferDecoder.Normalize(headers.Find("Content-Transfer-Encoding")?.RawValue);

            if (headerStop is { } hs)
            {
                // The headers ran into a boundary or the end of input: the entity has no body.
                stop = hs;
                return Leaf(headers, type, disposition, cte, MimeContent.Empty, partNumber);
            }

            if (type.IsMultipart)
            {
                var boundary = type.Boundary;
                if (!string.IsNullOrEmpty(boundary))
                {
                    return ParseMultipart(headers, type, disposition, boundary, depth, partNumber, out stop);
                }

                _warnings.Add("multipart-without-boundary", $"{type.MimeType} has no boundary parameter; read as text/plain");
                type = ContentType.TextPlain;
            }

            if (IsMessage(type) && cte is "7bit" or "8bit" or "binary")
            {
                using var rawBuilder = new MimeContentBuilder(context);
                stop = ScanContent(rawBuilder, IdentityDecoder.Instance);
                var raw = rawBuilder.Build();
                var message = ParseNested(raw, depth + 1, context);
                return new MessagePart { Headers = headers, ContentType = type, ContentDisposition = disposition, PartNumber = partNumber, Raw = raw, Message = message };
            }

            if (cte is not ("7bit" or "8bit" or "binary" or "base64" or "quoted-printable" or "x-uuencode"))
            {
                _warnings.Add("unknown-transfer-encoding", $"Content-Transfer-Encoding '{cte}' is unknown; content kept as is");
            }

            var decoder = TransferDecoder.For(cte);
            using var builder = new MimeContentBuilder(context);
            stop = ScanContent(builder, decoder);
            if (decoder.SawDamage)
            {
                _warnings.Add("damaged-encoding", $"{cte} content of part {Label(partNumber)} was damaged; decoded what could be decoded");
            }

            var content = builder.Build();
            if (IsMessage(type))
            {
                // message/rfc822 sent base64 or quoted-printable (RFC 2046 5.2.1 forbids it; Outlook does it).
                var message = ParseNested(content, depth + 1, context);
                return new MessagePart { Headers = headers, ContentType = type, ContentDisposition = disposition, PartNumber = partNumber, Raw = content, Message = message };
            }

            return Leaf(headers, type, disposition, cte, content, partNumber);
        }

        private MimePart Leaf(MimeHeaderList headers, ContentType type, ContentDisposition? disposition, string cte, MimeContent content, string partNumber) =>
            new()
            {
                Headers = headers,
                ContentType = type,
                ContentDisposition = disposition,
                TransferEncoding = cte,
                Content = content,
                PartNumber = partNumber,
                Warnings = _warnings,
            };

        private Multipart ParseMultipart(MimeHeaderList headers, ContentType type, ContentDisposition? disposition, string boundary, int depth, string partNumber, out Stop stop)
        {
            var level = _boundaries.Count;
            var marker = Encoding.UTF8.GetBytes("--" + boundary.TrimEnd());
            _boundaries.Add(marker);
            _maxBoundary = Math.Max(_maxBoundary, marker.Length);
            var children = new List<MimeEntity>();
            var childDefault = type.MediaSubtype == "digest" ? ContentType.MessageRfc822 : ContentType.TextPlain;

            using var preamble = new MimeContentBuilder(context);
            stop = ScanContent(preamble, IdentityDecoder.Instance);
            var sawBoundary = stop.State is State.Boundary or State.CloseBoundary && stop.Level == level;
            if (!sawBoundary && stop.State != State.Eof)
            {
                _warnings.Add("missing-start-boundary", $"{type.MimeType} {Label(partNumber)} ended before its first boundary");
            }

            while (stop.State == State.Boundary && stop.Level == level)
            {
                SkipLine();
                var childNumber = partNumber.Length == 0 ? (children.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) : partNumber + "." + (children.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                var (childHeaders, headerStop) = ReadHeaders(skipMboxFrom: false);
                children.Add(ParseEntity(childHeaders, headerStop, depth + 1, childNumber, childDefault, out stop));
            }

            var epilogue = string.Empty;
            _boundaries.RemoveAt(level);
            if (stop.State == State.CloseBoundary && stop.Level == level)
            {
                SkipLine();
                using var epilogueBuilder = new MimeContentBuilder(context);
                stop = ScanContent(epilogueBuilder, IdentityDecoder.Instance);
                epilogue = Latin(epilogueBuilder);
            }
            else if (sawBoundary)
            {
                _warnings.Add("missing-close-boundary", $"{type.MimeType} {Label(partNumber)} has no closing boundary");
            }

            var preambleText = Latin(preamble);
            if (children.Count == 0)
            {
                // A "multipart" with no boundary lines (cpython msg_41): keep its text as the only part.
                _warnings.Add("multipart-without-parts", $"{type.MimeType} {Label(partNumber)} has no body parts; its text kept as text/plain");
                var content = preamble.Build();
                var number = partNumber.Length == 0 ? "1" : partNumber + ".1";
                children.Add(Leaf(new MimeHeaderList(), ContentType.TextPlain, null, "7bit", content, number));
                preambleText = string.Empty;
            }

            return new Multipart
            {
                Headers = headers,
                ContentType = type,
                ContentDisposition = disposition,
                PartNumber = partNumber,
                Children = children,
                Preamble = preambleText,
                Epilogue = epilogue,
            };
        }

        private ContentType ReadContentType(MimeHeaderList headers, ContentType defaultType)
        {
            var header = headers.Find("Content-Type");
            if (header is null)
            {
                return defaultType;
            }

            var parsed = ContentType.Parse(header.RawValue, _warnings);
            if (parsed is null)
            {
                _warnings.Add("bad-content-type", $"unreadable Content-Type '{Truncate(header.RawValue)}'; using {defaultType.MimeType}");
                return defaultType;
            }

            // Types senders invent for common files (Alaveteli normalises these too).
            return parsed.MimeType switch
            {
                "document/pdf" or "application/x-pdf" => parsed with { MediaType = "application", MediaSubtype = "pdf" },
                _ => parsed,
            };
        }

        private static bool IsMessage(ContentType type) =>
            type.MediaType == "message" && type.MediaSubtype is "rfc822" or "global" or "news";

        private static string Latin(MimeContentBuilder builder)
        {
            var span = builder.InMemory;
            return Charsets.Decode(span.Length > 64 * 1024 ? span[..(64 * 1024)] : span, null, null);
        }

        private static string Label(string partNumber) => partNumber.Length == 0 ? "(root)" : partNumber;

        private static string Truncate(string s) => s.Length <= 80 ? s.Trim() : s[..80].Trim() + "...";
    }
}
