using System.Security.Cryptography;
using System.Text;
using MimeKit;
using MimeKit.Tnef;

namespace FoiDesk.Mail;

/// <summary>
/// Reads an incoming message with MimeKit and adds what MimeKit leaves to the application: the limits
/// (<see cref="MailLimits"/>), uuencoded blocks in text bodies as attachments, TNEF (winmail.dat) unpacked,
/// and warnings about what was repaired. Throws only <see cref="MailLimitException"/>, I/O errors and cancellation.
/// </summary>
public static class MailReader
{
    // Before MimeKit first looks up a charset: it caches what it finds (see CodePages).
    static MailReader() => CodePages.Register();

    public static ReadMail Read(byte[] bytes, MailLimits? limits = null, CancellationToken ct = default)
    {
        limits ??= MailLimits.Default;
        if (bytes.LongLength > limits.MaxRawSize)
        {
            throw MailLimitException.Exceeded("raw message size", limits.MaxRawSize);
        }

        try
        {
            return Parse(bytes, limits, headerless: false, ct);
        }
        catch (FormatException)
        {
            // MimeKit refuses input whose first line is not a header field. Such mail still arrives (a pasted
            // letter, a broken gateway): it is read as a body with no headers, and the repair is recorded. The
            // stored raw bytes stay as received.
            var padded = new byte[bytes.Length + 1];
            padded[0] = (byte)'\n';
            bytes.CopyTo(padded, 1);
            return Parse(padded, limits, headerless: true, ct);
        }
    }

    private static ReadMail Parse(byte[] bytes, MailLimits limits, bool headerless, CancellationToken ct)
    {
        // persistent: MimeKit keeps content as ranges of this stream instead of copying it, so a 50 MB attachment
        // costs the message bytes once (issue 14's memory bound). The stream lives as long as the ReadMail.
        var stream = new MemoryStream(bytes, writable: false);
        try
        {
            var parser = new MimeParser(Options(limits), stream, persistent: true);
            var mime = parser.ParseMessage(ct);
            return Complete(mime, bytes, limits, stream, headerless, ct);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Reads at most <see cref="MailLimits.MaxRawSize"/> bytes from <paramref name="stream"/>, then parses them.</summary>
    public static ReadMail Read(Stream stream, MailLimits? limits = null, CancellationToken ct = default)
    {
        limits ??= MailLimits.Default;
        using var buffer = new MemoryStream();
        new CountingStream(stream, limits.MaxRawSize).CopyTo(buffer);
        return Read(buffer.ToArray(), limits, ct);
    }

    public static ReadMail ReadFile(string path, MailLimits? limits = null, CancellationToken ct = default)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.SequentialScan);
        return Read(file, limits, ct);
    }

    private static ParserOptions Options(MailLimits limits) => new()
    {
        // One more than the limit, so a message that reaches MimeKit's bound is seen (and refused) by the walk.
        MaxMimeDepth = limits.MaxDepth + 1,
    };

    private static ReadMail Complete(MimeMessage mime, byte[] raw, MailLimits limits, IDisposable? owner, bool headerless, CancellationToken ct)
    {
        var walk = new Walk(raw, limits, ct);
        try
        {
            if (headerless || mime.Headers.Count == 0)
            {
                walk.Warnings.Add("no-headers: the message has no header fields; read as text");
            }

            return walk.Message(mime, depth: 0, owner);
        }
        catch
        {
            mime.Dispose();
            throw;
        }
    }

    /// <summary>One pass over the tree: counts and checks the limits, collects attachments and warnings.</summary>
    private sealed class Walk(byte[] raw, MailLimits limits, CancellationToken ct)
    {
        private int _parts;
        private long _decoded;

        public List<string> Warnings { get; } = [];

        public ReadMail Message(MimeMessage mime, int depth, IDisposable? owner)
        {
            CheckHeaders(mime.Headers);
            var dateHeader = mime.Headers[HeaderId.Date];
            if (!string.IsNullOrWhiteSpace(dateHeader) && mime.Date == DateTimeOffset.MinValue)
            {
                Warnings.Add($"bad-date: unreadable Date '{dateHeader.Trim()}'");
            }

            var attachments = new List<MailAttachment>();
            var embedded = new List<ReadMail>();
            var text = mime.TextBody;
            var html = mime.HtmlBody;
            string? tnefText = null;
            var chosenText = false;
            var chosenHtml = false;
            if (mime.Body is not null)
            {
                Entity(mime.Body, depth + 1, attachments, embedded, text, html, ref chosenText, ref chosenHtml, ref tnefText);
            }

            if (text is not null)
            {
                var (remaining, files) = Uuencoded.Extract(text, Warnings);
                foreach (var (name, content) in files)
                {
                    Count(content.Length);
                    attachments.Add(new MailAttachment(name, MimeTypes.GetMimeType(name), content.Length, Convert.ToHexStringLower(SHA256.HashData(content)), "uuencode"));
                }

                text = remaining;
            }

            return new ReadMail(mime, text ?? tnefText, attachments, embedded, [.. Warnings], owner);
        }

        private void Entity(MimeEntity entity, int depth, List<MailAttachment> attachments, List<ReadMail> embedded, string? text, string? html, ref bool chosenText, ref bool chosenHtml, ref string? tnefText)
        {
            ct.ThrowIfCancellationRequested();
            if (depth > limits.MaxDepth)
            {
                throw MailLimitException.Exceeded("nesting depth", limits.MaxDepth);
            }

            if (++_parts > limits.MaxParts)
            {
                throw MailLimitException.Exceeded("parts", limits.MaxParts);
            }

            CheckHeaders(entity.Headers);
            switch (entity)
            {
                case Multipart multipart:
                    if (multipart.Boundary is { Length: > 0 } boundary && raw.AsSpan().IndexOf(Encoding.ASCII.GetBytes($"--{boundary}--")) < 0)
                    {
                        Warnings.Add($"missing-end-boundary: {multipart.ContentType.MimeType} has no closing boundary");
                    }

                    foreach (var child in multipart)
                    {
                        Entity(child, depth + 1, attachments, embedded, text, html, ref chosenText, ref chosenHtml, ref tnefText);
                    }

                    break;
                case MessagePart { Message: { } inner } part:
                    var size = Hash(part, out var sha);
                    attachments.Add(new MailAttachment(part.ContentDisposition?.FileName ?? part.ContentType.Name, part.ContentType.MimeType, size, sha, "message"));
                    embedded.Add(Message(inner, depth, owner: null));
                    break;
                case TnefPart tnef:
                    Tnef(tnef, attachments, ref tnefText);
                    break;
                case TextPart body when !body.IsAttachment && !chosenText && text is not null && body.IsPlain && body.Text == text:
                    chosenText = true;
                    Count(Encoding.UTF8.GetByteCount(text));
                    break;
                case TextPart body when !body.IsAttachment && !chosenHtml && html is not null && body.IsHtml && body.Text == html:
                    chosenHtml = true;
                    Count(Encoding.UTF8.GetByteCount(html));
                    break;
                case MimePart leaf:
                    var length = Decode(leaf, out var hash);
                    attachments.Add(new MailAttachment(leaf.FileName, leaf.ContentType.MimeType, length, hash, "mime"));
                    break;
            }
        }

        /// <summary>winmail.dat: its body becomes the text when the message has none, its files become attachments.</summary>
        private void Tnef(TnefPart tnef, List<MailAttachment> attachments, ref string? tnefText)
        {
            MimeMessage converted;
            try
            {
                converted = tnef.ConvertToMessage();
            }
            catch (Exception e) when (e is TnefException or IOException or ArgumentException or InvalidOperationException)
            {
                Warnings.Add($"tnef-unreadable: {tnef.FileName ?? "winmail.dat"} kept as it is ({e.Message})");
                var size = Decode(tnef, out var sha);
                attachments.Add(new MailAttachment(tnef.FileName, tnef.ContentType.MimeType, size, sha, "mime"));
                return;
            }

            using (converted)
            {
                tnefText ??= converted.TextBody;
                var files = 0;
                foreach (var file in converted.BodyParts.OfType<MimePart>().Where(p => p.IsAttachment || p is not TextPart))
                {
                    var size = Decode(file, out var sha);
                    attachments.Add(new MailAttachment(file.FileName, file.ContentType.MimeType, size, sha, "tnef"));
                    files++;
                }

                if (files == 0 && converted.TextBody is null && converted.HtmlBody is null)
                {
                    Warnings.Add($"tnef-empty: {tnef.FileName ?? "winmail.dat"} holds no body and no files");
                }
            }
        }

        private long Decode(MimePart part, out string sha256) => Hashed(sink => part.Content?.DecodeTo(sink, ct), out sha256);

        private long Hash(MessagePart part, out string sha256) => Hashed(sink => part.Message?.WriteTo(sink, ct), out sha256);

        /// <summary>Hashes and counts what <paramref name="write"/> produces, keeping none of it.</summary>
        private long Hashed(Action<Stream> write, out string sha256)
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            using var sink = new HashingSink(hash, this);
            write(sink);
            sha256 = Convert.ToHexStringLower(hash.GetHashAndReset());
            return sink.Length;
        }

        private void CheckHeaders(HeaderList headers)
        {
            long size = 0;
            foreach (var header in headers)
            {
                size += header.Field.Length + 1 + header.RawValue.Length;
            }

            if (size > limits.MaxHeaderBlockSize)
            {
                throw MailLimitException.Exceeded("header block size", limits.MaxHeaderBlockSize);
            }
        }

        public void Count(long bytes)
        {
            _decoded += bytes;
            if (_decoded > limits.MaxTotalDecodedSize)
            {
                throw MailLimitException.Exceeded("total decoded size", limits.MaxTotalDecodedSize);
            }
        }

        /// <summary>Hashes and counts decoded bytes without keeping them.</summary>
        private sealed class HashingSink(IncrementalHash hash, Walk walk) : Stream
        {
            public override bool CanRead => false;
            public override bool CanSeek => false;
            public override bool CanWrite => true;
            public override long Length => _length;
            public override long Position { get => _length; set => throw new NotSupportedException(); }

            private long _length;

            public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

            public override void Write(ReadOnlySpan<byte> buffer)
            {
                hash.AppendData(buffer);
                _length += buffer.Length;
                walk.Count(buffer.Length);
            }

            public override void Flush()
            {
            }

            public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
            public override void SetLength(long value) => throw new NotSupportedException();
        }
    }
}
