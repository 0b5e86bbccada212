namespace FoiDesk.Mail.Mime.Encodings;

/// <summary>
/// uuencode (POSIX uuencode, the x-uuencode transfer encoding). Skips the <c>begin</c> line, stops at <c>end</c>,
/// and decodes a line by its length character; a truncated block keeps what decoded.
/// </summary>
internal sealed class UuDecoder : TransferDecoder
{
    private readonly byte[] _line = new byte[1024];
    private int _lineLength;
    private bool _begun;
    private bool _ended;

    /// <param name="begun">True when the caller already consumed the <c>begin</c> line.</param>
    public UuDecoder(bool begun = false) => _begun = begun;

    public override int MaxOutput(int inputLength) => inputLength + 800;

    public override int Decode(ReadOnlySpan<byte> input, Span<byte> output)
    {
        var o = 0;
        foreach (var c in input)
        {
            if (c == '\n')
            {
                o += DecodeLine(output[o..]);
                _lineLength = 0;
            }
            else if (c != '\r' && _lineLength < _line.Length)
            {
                _line[_lineLength++] = c;
            }
        }

        return o;
    }

    public override int Flush(Span<byte> output)
    {
        var o = DecodeLine(output);
        _lineLength = 0;
        return o;
    }

    private int DecodeLine(Span<byte> output)
    {
        var line = _line.AsSpan(0, _lineLength);
        if (_ended || line.IsEmpty)
        {
            return 0;
        }

        if (!_begun)
        {
            if (line.StartsWith("begin "u8))
            {
                _begun = true;
            }

            return 0;
        }

        if (line.TrimEnd((byte)' ').SequenceEqual("end"u8))
        {
            _ended = true;
            return 0;
        }

        return DecodeBody(line, output, this);
    }

    /// <summary>Decodes one uuencoded line (length character first) into <paramref name="output"/>.</summary>
    internal static int DecodeBody(ReadOnlySpan<byte> line, Span<byte> output, TransferDecoder? damage)
    {
        // A length character promising more than the line holds is clamped to what the line holds.
        var length = Math.Min((line[0] - 32) & 63, (line.Length - 1) * 3 / 4 + 2);
        var o = 0;
        var i = 1;
        while (o < length)
        {
            var q0 = Sextet(line, i);
            var q1 = Sextet(line, i + 1);
            var q2 = Sextet(line, i + 2);
            var q3 = Sextet(line, i + 3);

            if (i + 3 >= line.Length + 1 && damage is not null)
            {
                damage.SawDamage = true;
            }

            var b0 = (q0 << 2) | (q1 >> 4);
            var b1 = ((q1 & 0xF) << 4) | (q2 >> 2);
            var b2 = ((q2 & 0x3) << 6) | q3;
            output[o++] = (byte)b0;
            if (o < length)
            {
                output[o++] = (byte)b1;
            }

            if (o < length)
            {
                output[o++] = (byte)b2;
            }

            i += 4;
        }

        return o;
    }

    private static int Sextet(ReadOnlySpan<byte> line, int i) => i < line.Length ? (line[i] - 32) & 63 : 0;
}
