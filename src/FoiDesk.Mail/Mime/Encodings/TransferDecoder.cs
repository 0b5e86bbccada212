namespace FoiDesk.Mail.Mime.Encodings;

/// <summary>
/// A streaming Content-Transfer-Encoding decoder (RFC 2045 section 6). Input arrives in arbitrary chunks;
/// <see cref="Decode"/> never writes more than <see cref="MaxOutput"/> bytes. Malformed input is decoded
/// as far as it makes sense and never throws.
/// </summary>
internal abstract class TransferDecoder
{
    public abstract int Decode(ReadOnlySpan<byte> input, Span<byte> output);

    /// <summary>Writes whatever is held back at the end of input (at most 4 bytes).</summary>
    public virtual int Flush(Span<byte> output) => 0;

    /// <summary>Whether the input was damaged (bad padding, stray characters, a truncated quantum).</summary>
    public bool SawDamage { get; internal set; }

    /// <summary>The most bytes one <see cref="Decode"/> call can write for an input of this length.</summary>
    public virtual int MaxOutput(int inputLength) => inputLength + 4;

    public static TransferDecoder For(string? encoding) => Normalize(encoding) switch
    {
        "base64" => new Base64Decoder(),
        "quoted-printable" => new QuotedPrintableDecoder(),
        "x-uuencode" => new UuDecoder(),
        _ => IdentityDecoder.Instance,
    };

    /// <summary>Lower-cases a Content-Transfer-Encoding and maps the aliases senders use.</summary>
    public static string Normalize(string? encoding)
    {
        if (string.IsNullOrWhiteSpace(encoding))
        {
            return "7bit";
        }

        var e = encoding.Trim().Trim('"').ToLowerInvariant();
        return e switch
        {
            "base-64" or "b" => "base64",
            "quoted-printable" or "qp" or "quotedprintable" or "q" => "quoted-printable",
            "x-uuencode" or "uuencode" or "x-uue" or "uue" => "x-uuencode",
            _ => e,
        };
    }
}

internal sealed class IdentityDecoder : TransferDecoder
{
    public static readonly IdentityDecoder Instance = new();

    public override int Decode(ReadOnlySpan<byte> input, Span<byte> output)
    {
        input.CopyTo(output);
        return input.Length;
    }
}

/// <summary>
/// Base64 (RFC 2045 6.8) tolerant of line noise and missing padding. Padding ends the data on its line (text after
/// it, as in "...Cg== ignored", is dropped); a later line starts fresh, so concatenated base64 blocks still decode.
/// </summary>
internal sealed class Base64Decoder : TransferDecoder
{
    private static readonly sbyte[] Table = BuildTable();
    private int _bits;
    private int _count;
    private bool _padded;

    public override int Decode(ReadOnlySpan<byte> input, Span<byte> output)
    {
        var o = 0;
        var bits = _bits;
        var count = _count;
        var table = Table;
        for (var i = 0; i < input.Length; i++)
        {
            if (_padded)
            {
                var nl = input[i..].IndexOf((byte)'\n');
                if (nl < 0)
                {
                    break;
                }

                i += nl;
                _padded = false;
                continue;
            }

            var v = table[input[i]];
            if (v >= 0)
            {
                bits = (bits << 6) | (byte)v;
                if (++count == 4)
                {
                    output[o] = (byte)(bits >> 16);
                    output[o + 1] = (byte)(bits >> 8);
                    output[o + 2] = (byte)bits;
                    o += 3;
                    count = 0;
                    bits = 0;
                }
            }
            else if (v == -2)
            {
                // '=': end of a quantum. Emit what it completes; any data after it starts a fresh quantum.
                o += EmitPartial(bits, count, output[o..]);
                bits = 0;
                count = 0;
                _padded = true;
            }
            else if (v == -1)
            {
                SawDamage = true;
            }
        }

        _bits = bits;
        _count = count;
        return o;
    }

    public override int Flush(Span<byte> output)
    {
        if (_count != 0)
        {
            SawDamage = true;
        }

        var n = EmitPartial(_bits, _count, output);
        _bits = 0;
        _count = 0;
        return n;
    }

    private static int EmitPartial(int bits, int count, Span<byte> output)
    {
        switch (count)
        {
            case 2:
                output[0] = (byte)(bits >> 4);
                return 1;
            case 3:
                output[0] = (byte)(bits >> 10);
                output[1] = (byte)(bits >> 2);
                return 2;
            default:
                return 0;
        }
    }

    private static sbyte[] BuildTable()
    {
        var t = new sbyte[256];
        Array.Fill(t, (sbyte)-1);
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (var i = 0; i < Alphabet.Length; i++)
        {
            t[Alphabet[i]] = (sbyte)i;
        }

        t['='] = -2;
        foreach (var ws in " \t\r\n\f\v")
        {
            t[ws] = -3;
        }

        // URL-safe alphabet, seen from some web mailers.
        t['-'] = 62;
        t['_'] = 63;
        return t;
    }
}

/// <summary>Quoted-printable (RFC 2045 6.7): soft line breaks, =XX escapes; a bad escape is kept literally.</summary>
internal sealed class QuotedPrintableDecoder : TransferDecoder
{
    private enum State
    {
        Normal,
        Equals,
        EqualsHex,
        EqualsSpace,
        EqualsCr,
    }

    private State _state;
    private byte _hex;
    private int _spaces;

    public override int Decode(ReadOnlySpan<byte> input, Span<byte> output)
    {
        var o = 0;
        var i = 0;
        while (i < input.Length)
        {
            if (_state == State.Normal)
            {
                var rest = input[i..];
                var eq = rest.IndexOf((byte)'=');
                if (eq < 0)
                {
                    rest.CopyTo(output[o..]);
                    return o + rest.Length;
                }

                rest[..eq].CopyTo(output[o..]);
                o += eq;
                i += eq + 1;
                _state = State.Equals;
                continue;
            }

            var c = input[i++];
            switch (_state)
            {
                case State.Equals:
                    if (IsHex(c))
                    {
                        _hex = c;
                        _state = State.EqualsHex;
                    }
                    else if (c == '\n')
                    {
                        _state = State.Normal;
                    }
                    else if (c == '\r')
                    {
                        _state = State.EqualsCr;
                    }
                    else if (c is (byte)' ' or (byte)'\t')
                    {
                        _spaces = 1;
                        _state = State.EqualsSpace;
                    }
                    else
                    {
                        SawDamage = true;
                        output[o++] = (byte)'=';
                        _state = State.Normal;
                        i--;
                    }

                    break;
                case State.EqualsHex:
                    if (IsHex(c))
                    {
                        output[o++] = (byte)((HexValue(_hex) << 4) | HexValue(c));
                        _state = State.Normal;
                    }
                    else
                    {
                        SawDamage = true;
                        output[o++] = (byte)'=';
                        output[o++] = _hex;
                        _state = State.Normal;
                        i--;
                    }

                    break;
                case State.EqualsSpace:
                    // "=" then trailing whitespace then a line break is still a soft break (RFC 2045 6.7 rule 3).
                    if (c is (byte)' ' or (byte)'\t')
                    {
                        _spaces++;
                    }
                    else if (c == '\n')
                    {
                        _state = State.Normal;
                    }
                    else if (c == '\r')
                    {
                        _state = State.EqualsCr;
                    }
                    else
                    {
                        SawDamage = true;
                        o += Literal(output[o..]);
                        _state = State.Normal;
                        i--;
                    }

                    break;
                case State.EqualsCr:
                    _state = State.Normal;
                    if (c != '\n')
                    {
                        i--;
                    }

                    break;
            }
        }

        return o;
    }

    public override int Flush(Span<byte> output)
    {
        var o = 0;
        switch (_state)
        {
            case State.EqualsHex:
                output[o++] = (byte)'=';
                output[o++] = _hex;
                break;
            case State.EqualsSpace:
                o = Literal(output);
                break;
        }

        _state = State.Normal;
        return o;
    }

    private int Literal(Span<byte> output)
    {
        // Emit "=" and at most 3 of the spaces; a longer run after a lone "=" is noise.
        var n = Math.Min(_spaces, 3);
        output[0] = (byte)'=';
        output.Slice(1, n).Fill((byte)' ');
        return n + 1;
    }

    private static bool IsHex(byte c) => char.IsAsciiHexDigit((char)c);

    private static int HexValue(byte c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
