using System.Buffers;
using System.Text;
using FoiDesk.Mail.Mime.Encodings;

namespace FoiDesk.Mail.Mime;

public static partial class MimeParser
{
    private sealed partial class Session
    {
        /// <summary>
        /// State Headers: reads header fields up to the blank line. A line that cannot be a header field ends the
        /// block early (the body started without a blank line, cpython msg_35); a boundary line ends the part.
        /// </summary>
        private (MimeHeaderList Headers, Stop? Stop) ReadHeaders(bool skipMboxFrom)
        {
            var headers = new List<MimeHeader>();
            var value = new ArrayBufferWriter<byte>(256);
            string? name = null;
            var blockSize = 0;
            var first = true;
            while (true)
            {
                if (!_reader.PeekLine(out var length, out var total))
                {
                    Flush();
                    return (new MimeHeaderList(headers), Stop.Eof);
                }

                var line = _reader.Span(length);
                blockSize += total;
                if (blockSize > context.Limits.MaxHeaderBlockSize)
                {
                    throw MimeLimitException.Exceeded("MaxHeaderBlockSize bytes", context.Limits.MaxHeaderBlockSize);
                }

                if (length == 0)
                {
                    _reader.Advance(total);
                    Flush();
                    return (new MimeHeaderList(headers), null);
                }

                if (line[0] is (byte)' ' or (byte)'\t')
                {
                    if (line.Trim(" \t"u8).IsEmpty)
                    {
                        // A whitespace-only line: senders mean the blank line.
                        _reader.Advance(total);
                        Flush();
                        _warnings.Add("whitespace-blank-line", "header block ended by a line of whitespace");
                        return (new MimeHeaderList(headers), null);
                    }

                    if (name is not null)
                    {
                        value.Write("\r\n"u8);
                        value.Write(line);
                    }
                    else
                    {
                        _warnings.Add("stray-continuation", "header continuation line with no field before it; ignored");
                    }

                    _reader.Advance(total);
                    continue;
                }

                if (_boundaries.Count > 0 && line[0] == '-' && MatchBoundary(line) is { } stop)
                {
                    Flush();
                    return (new MimeHeaderList(headers), stop);
                }

                if (first && skipMboxFrom && line.StartsWith("From "u8))
                {
                    // mbox envelope line (RFC 4155), not a header field.
                    _reader.Advance(total);
                    first = false;
                    continue;
                }

                var colon = line.IndexOf((byte)':');
                var fieldName = colon > 0 ? line[..colon].TrimEnd(" \t"u8) : default;
                if (fieldName.IsEmpty || !IsFieldName(fieldName))
                {
                    Flush();
                    _warnings.Add(
                        headers.Count == 0 ? "no-header-block" : "missing-blank-line",
                        headers.Count == 0 ? "part starts with body text, no header fields" : "header block not ended by a blank line; body starts at the first non-header line");
                    return (new MimeHeaderList(headers), null);
                }

                Flush();
                if (headers.Count >= context.Limits.MaxHeaderCount)
                {
                    throw MimeLimitException.Exceeded("MaxHeaderCount", context.Limits.MaxHeaderCount);
                }

                name = HeaderNames.Get(fieldName);
                var rest = line[(colon + 1)..];
                value.Write(rest.TrimStart(" \t"u8));
                _reader.Advance(total);
                first = false;
            }

            void Flush()
            {
                if (name is not null)
                {
                    headers.Add(new MimeHeader(name, DecodeHeaderBytes(value.WrittenSpan)));
                    name = null;
                }

                value.ResetWrittenCount();
            }
        }

        private static bool IsFieldName(ReadOnlySpan<byte> name)
        {
            // RFC 5322 2.2: printable US-ASCII except colon.
            foreach (var b in name)
            {
                if (b is <= 32 or >= 127)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Header bytes to text: ASCII, else UTF-8 (RFC 6532), else windows-1252 (8-bit legacy headers).</summary>
        private static string DecodeHeaderBytes(ReadOnlySpan<byte> bytes)
        {
            if (Ascii.IsValid(bytes))
            {
                return Encoding.ASCII.GetString(bytes);
            }

            return System.Text.Unicode.Utf8.IsValid(bytes) ? Encoding.UTF8.GetString(bytes) : Charsets.Windows1252.GetString(bytes);
        }

        /// <summary>
        /// State Content: streams body bytes through the decoder until a boundary of any open multipart or the end of
        /// input. Scans for "\n-" rather than line by line; the line end before a boundary belongs to the boundary
        /// (RFC 2046 5.1.1) and is held back until the next line is known not to be one.
        /// </summary>
        private Stop ScanContent(MimeContentBuilder builder, TransferDecoder decoder)
        {
            var writer = new ContentWriter(builder, decoder);
            try
            {
                var pending = 0;
                var atLineStart = true;
                var needMore = false;
                while (true)
                {
                    if (_reader.Available == 0 || needMore)
                    {
                        needMore = false;
                        context.Cancellation.ThrowIfCancellationRequested();
                        if (!_reader.Fill())
                        {
                            writer.Newline(pending);
                            writer.Write(_reader.Span(_reader.Available));
                            _reader.Advance(_reader.Available);
                            writer.Finish();
                            return Stop.Eof;
                        }
                    }

                    if (atLineStart && _boundaries.Count > 0 && _reader.Buffer[_reader.Start] == '-')
                    {
                        var stop = BoundaryAtLineStart();
                        if (stop is { } s)
                        {
                            writer.Finish();
                            return s;
                        }
                    }

                    var span = _reader.Buffer.AsSpan(_reader.Start, _reader.Available);
                    if (_boundaries.Count == 0)
                    {
                        writer.Newline(pending);
                        pending = 0;
                        writer.Write(span);
                        _reader.Advance(span.Length);
                        continue;
                    }

                    var idx = span.IndexOf("\n-"u8);
                    if (idx >= 0)
                    {
                        var nl = idx > 0 && span[idx - 1] == '\r' ? 2 : 1;
                        writer.Newline(pending);
                        writer.Write(span[..(idx + 1 - nl)]);
                        pending = nl;
                        _reader.Advance(idx + 1);
                        atLineStart = true;
                        continue;
                    }

                    var last = span[^1];
                    if (last == '\n')
                    {
                        var nl = span.Length > 1 && span[^2] == '\r' ? 2 : 1;
                        writer.Newline(pending);
                        writer.Write(span[..^nl]);
                        pending = nl;
                        _reader.Advance(span.Length);
                        atLineStart = true;
                    }
                    else if (last == '\r')
                    {
                        // Hold a trailing CR: it may start the CRLF before a boundary.
                        writer.Newline(pending);
                        pending = 0;
                        writer.Write(span[..^1]);
                        _reader.Advance(span.Length - 1);
                        atLineStart = false;
                        needMore = true;
                    }
                    else
                    {
                        writer.Newline(pending);
                        pending = 0;
                        writer.Write(span);
                        _reader.Advance(span.Length);
                        atLineStart = false;
                    }
                }
            }
            finally
            {
                writer.Dispose();
            }
        }

        /// <summary>State Boundary: is the line at the read position a delimiter of an open multipart?</summary>
        private Stop? BoundaryAtLineStart()
        {
            var window = _maxBoundary + 256;
            _reader.Ensure(window);
            var span = _reader.Buffer.AsSpan(_reader.Start, Math.Min(_reader.Available, window));
            var nl = span.IndexOf((byte)'\n');
            if (nl < 0 && span.Length == window)
            {
                return null; // far longer than any boundary line
            }

            var line = nl < 0 ? span : span[..nl];
            if (!line.IsEmpty && line[^1] == '\r')
            {
                line = line[..^1];
            }

            return MatchBoundary(line);
        }

        /// <summary>Innermost boundary first (RFC 2046 5.1.2: an inner boundary must not be a prefix of an outer one, but senders reuse them).</summary>
        private Stop? MatchBoundary(ReadOnlySpan<byte> line)
        {
            for (var i = _boundaries.Count - 1; i >= 0; i--)
            {
                var marker = _boundaries[i];
                if (!line.StartsWith(marker))
                {
                    continue;
                }

                var rest = line[marker.Length..];
                var close = rest.StartsWith("--"u8);
                if (close)
                {
                    rest = rest[2..];
                }

                if (rest.Trim(" \t"u8).IsEmpty)
                {
                    if (i != _boundaries.Count - 1)
                    {
                        _warnings.Add("missing-close-boundary", "an outer boundary ended inner multiparts that were not closed");
                    }

                    return new Stop(close ? State.CloseBoundary : State.Boundary, i);
                }
            }

            return null;
        }

        private void SkipLine()
        {
            if (_reader.PeekLine(out _, out var total))
            {
                _reader.Advance(total);
            }
        }
    }

    /// <summary>Feeds body bytes through a transfer decoder into a content builder.</summary>
    private sealed class ContentWriter(MimeContentBuilder builder, TransferDecoder decoder) : IDisposable
    {
        private static readonly byte[] Crlf = "\r\n"u8.ToArray();
        private byte[] _scratch = decoder is IdentityDecoder ? [] : ArrayPool<byte>.Shared.Rent(16 * 1024);

        public void Newline(int length)
        {
            if (length > 0)
            {
                Write(Crlf.AsSpan(2 - length));
            }
        }

        public void Write(ReadOnlySpan<byte> data)
        {
            if (data.IsEmpty)
            {
                return;
            }

            if (decoder is IdentityDecoder)
            {
                builder.Write(data);
                return;
            }

            var need = decoder.MaxOutput(data.Length);
            if (_scratch.Length < need)
            {
                ArrayPool<byte>.Shared.Return(_scratch);
                _scratch = ArrayPool<byte>.Shared.Rent(need);
            }

            var n = decoder.Decode(data, _scratch);
            builder.Write(_scratch.AsSpan(0, n));
        }

        public void Finish()
        {
            if (decoder is not IdentityDecoder)
            {
                var n = decoder.Flush(_scratch);
                builder.Write(_scratch.AsSpan(0, n));
            }
        }

        public void Dispose()
        {
            if (_scratch.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(_scratch);
                _scratch = [];
            }
        }
    }
}
