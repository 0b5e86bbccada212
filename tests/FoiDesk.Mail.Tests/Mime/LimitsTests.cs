using System.Security.Cryptography;
using System.Text;
using FoiDesk.Mail.Mime;

namespace FoiDesk.Mail.Tests.Mime;

public sealed class LimitsTests
{
    private static byte[] Ascii(string s) => Encoding.ASCII.GetBytes(s);

    [Test]
    public void Parse_MultipartsNestedPastMaxDepth_ThrowsNamingTheLimit()
    {
        var sb = new StringBuilder("Subject: deep\n");
        for (var i = 0; i < 100; i++)
        {
            sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"Content-Type: multipart/mixed; boundary=b{i}\n\n--b{i}\n");
        }

        var e = Assert.Throws<MimeLimitException>(() => MimeParser.Parse(Ascii(sb.ToString())));
        Assert.That(e!.Message, Does.Contain("MaxDepth"));
    }

    [Test]
    public void Parse_AttachedMessagesNestedPastMaxDepth_Throws()
    {
        var sb = new StringBuilder();
        for (var i = 0; i < 20; i++)
        {
            sb.Append("Content-Type: message/rfc822\n\n");
        }

        sb.Append("Subject: innermost\n\nhi\n");
        var options = new MimeParserOptions { Limits = new MimeLimits { MaxDepth = 10 } };
        Assert.Throws<MimeLimitException>(() => MimeParser.Parse(Ascii(sb.ToString()), options));
    }

    [Test]
    public void Parse_TooManyHeaders_Throws()
    {
        var sb = new StringBuilder();
        for (var i = 0; i < 2100; i++)
        {
            sb.Append("X-H: 1\n");
        }

        var e = Assert.Throws<MimeLimitException>(() => MimeParser.Parse(Ascii(sb + "\nbody")));
        Assert.That(e!.Message, Does.Contain("MaxHeaderCount"));
    }

    [Test]
    public void Parse_HeaderLineLongerThanLimit_Throws()
    {
        var options = new MimeParserOptions { Limits = new MimeLimits { MaxLineLength = 1000 } };
        var e = Assert.Throws<MimeLimitException>(() => MimeParser.Parse(Ascii("Subject: " + new string('a', 200_000) + "\n\nbody"), options));
        Assert.That(e!.Message, Does.Contain("MaxLineLength"));
    }

    [Test]
    public void Parse_BodyLineLongerThanHeaderLimit_StreamsWithoutError()
    {
        // Body lines are streamed in chunks; only header lines are bounded.
        var options = new MimeParserOptions { Limits = new MimeLimits { MaxLineLength = 1000 } };
        using var m = MimeParser.Parse(Ascii("Subject: x\n\n" + new string('a', 500_000)), options);
        Assert.That(m.TextBody, Has.Length.EqualTo(500_000));
    }

    [Test]
    public void Parse_MorePartsThanLimit_Throws()
    {
        var sb = new StringBuilder("Content-Type: multipart/mixed; boundary=b\n\n");
        for (var i = 0; i < 50; i++)
        {
            sb.Append("--b\n\npart\n");
        }

        var options = new MimeParserOptions { Limits = new MimeLimits { MaxParts = 20 } };
        var e = Assert.Throws<MimeLimitException>(() => MimeParser.Parse(Ascii(sb.ToString()), options));
        Assert.That(e!.Message, Does.Contain("MaxParts"));
    }

    [Test]
    public void Parse_DecodedSizeOverLimit_Throws()
    {
        var body = Convert.ToBase64String(new byte[5000], Base64FormattingOptions.InsertLineBreaks);
        var options = new MimeParserOptions { Limits = new MimeLimits { MaxTotalDecodedSize = 4000 } };
        var e = Assert.Throws<MimeLimitException>(() => MimeParser.Parse(Ascii("Content-Transfer-Encoding: base64\n\n" + body), options));
        Assert.That(e!.Message, Does.Contain("MaxTotalDecodedSize"));
    }

    [Test]
    [Description("A 50 MB attachment is streamed to a temporary file: parsing it allocates far less than twice its size")]
    public void Parse_50MbAttachment_StreamedWithBoundedAllocation()
    {
        const int Size = 50 * 1024 * 1024;
        using var source = new GeneratedMessageStream(Size);
        var before = GC.GetAllocatedBytesForCurrentThread();
        using var message = MimeParser.Parse(source);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        var attachment = message.Attachments.Single();
        Assert.That(attachment.Size, Is.EqualTo(Size));
        Assert.That(attachment.Content.IsSpilled, Is.True);
        Assert.That(allocated, Is.LessThan(2L * Size), $"allocated {allocated:N0} bytes");
        using var read = attachment.OpenRead();
        Assert.That(Convert.ToHexString(SHA256.HashData(read)), Is.EqualTo(source.ExpectedSha256()));
        Assert.That(message.TextBody, Is.EqualTo("See attached."));
    }

    /// <summary>A multipart message with one base64 attachment of deterministic bytes, produced on the fly.</summary>
    private sealed class GeneratedMessageStream(int size) : Stream
    {
        private readonly byte[] _head = Encoding.ASCII.GetBytes(
            "From: a@example.org\r\nSubject: big\r\nContent-Type: multipart/mixed; boundary=\"XYZ\"\r\n\r\n--XYZ\r\nContent-Type: text/plain\r\n\r\nSee attached.\r\n--XYZ\r\n"
            + "Content-Type: application/octet-stream; name=big.bin\r\nContent-Transfer-Encoding: base64\r\n\r\n");

        private readonly byte[] _tail = Encoding.ASCII.GetBytes("\r\n--XYZ--\r\n");
        private readonly byte[] _line = new byte[80];
        private readonly byte[] _raw = new byte[57];
        private int _stage;
        private int _offset;
        private int _produced;
        private int _lineLength;
        private int _linePos;

        public static byte DataByte(int i) => (byte)((i * 31) ^ (i >> 9));

        public string ExpectedSha256()
        {
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var chunk = new byte[65536];
            for (var i = 0; i < size; i += chunk.Length)
            {
                var n = Math.Min(chunk.Length, size - i);
                for (var k = 0; k < n; k++)
                {
                    chunk[k] = DataByte(i + k);
                }

                sha.AppendData(chunk, 0, n);
            }

            return Convert.ToHexString(sha.GetHashAndReset());
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var written = 0;
            while (written < count)
            {
                if (_stage == 0)
                {
                    var n = Math.Min(count - written, _head.Length - _offset);
                    Array.Copy(_head, _offset, buffer, offset + written, n);
                    written += n;
                    _offset += n;
                    if (_offset == _head.Length)
                    {
                        _stage = 1;
                        _offset = 0;
                    }
                }
                else if (_stage == 1)
                {
                    if (_linePos == _lineLength)
                    {
                        if (_produced == size)
                        {
                            _stage = 2;
                            continue;
                        }

                        var raw = _raw.AsSpan();
                        var n = Math.Min(57, size - _produced);
                        for (var k = 0; k < n; k++)
                        {
                            raw[k] = DataByte(_produced + k);
                        }

                        _produced += n;
                        System.Buffers.Text.Base64.EncodeToUtf8(raw[..n], _line, out _, out var encoded);
                        _line[encoded] = (byte)'\r';
                        _line[encoded + 1] = (byte)'\n';
                        _lineLength = encoded + 2;
                        _linePos = 0;
                    }

                    var m = Math.Min(count - written, _lineLength - _linePos);
                    Array.Copy(_line, _linePos, buffer, offset + written, m);
                    _linePos += m;
                    written += m;
                }
                else
                {
                    var n = Math.Min(count - written, _tail.Length - _offset);
                    if (n == 0)
                    {
                        break;
                    }

                    Array.Copy(_tail, _offset, buffer, offset + written, n);
                    written += n;
                    _offset += n;
                }
            }

            return written;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
