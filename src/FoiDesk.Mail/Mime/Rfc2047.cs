using System.Text;
using FoiDesk.Mail.Mime.Encodings;

namespace FoiDesk.Mail.Mime;

/// <summary>
/// RFC 2047 encoded-words (<c>=?charset?Q|B?text?=</c>) in unstructured headers and phrases. Adjacent words
/// separated only by whitespace are joined (RFC 2047 6.2); consecutive words in one charset are decoded as one
/// byte run so a character split across words survives. A malformed word stays as the text it was.
/// </summary>
public static class Rfc2047
{
    private static readonly System.Buffers.SearchValues<char> CharsetStops = System.Buffers.SearchValues.Create(" \t\"()<>,;:");

    /// <summary>Unfolds and decodes an unstructured header value (Subject, Comments, display names).</summary>
    public static string Decode(string value) => Decode(value, null);

    internal static string Decode(string value, MimeWarnings? warnings)
    {
        var text = Unfold(value);
        if (!text.Contains("=?", StringComparison.Ordinal))
        {
            return text;
        }

        var sb = new StringBuilder(text.Length);
        var pending = new List<byte>();
        string? pendingCharset = null;
        var i = 0;
        var lastWasWord = false;
        while (i < text.Length)
        {
            var start = text.IndexOf("=?", i, StringComparison.Ordinal);
            if (start < 0)
            {
                FlushWord();
                sb.Append(text, i, text.Length - i);
                break;
            }

            if (!TryParseWord(text, start, out var end, out var charset, out var bytes))
            {
                FlushWord();
                sb.Append(text, i, start + 2 - i);
                i = start + 2;
                lastWasWord = false;
                continue;
            }

            var between = text.AsSpan(i, start - i);
            var onlySpace = between.IsWhiteSpace();
            if (!(lastWasWord && onlySpace))
            {
                FlushWord();
                sb.Append(between);
            }

            if (pendingCharset is not null && !string.Equals(pendingCharset, charset, StringComparison.OrdinalIgnoreCase))
            {
                FlushWord();
            }

            pendingCharset = charset;
            pending.AddRange(bytes);
            i = end;
            lastWasWord = true;
        }

        FlushWord();
        return sb.ToString();

        void FlushWord()
        {
            if (pendingCharset is null)
            {
                return;
            }

            var label = pendingCharset;
            var star = label.IndexOf('*', StringComparison.Ordinal);
            if (star >= 0)
            {
                label = label[..star]; // RFC 2231 section 5 language tag
            }

            if (Charsets.Find(label) is null && !Charsets.IsUtf7(label))
            {
                warnings?.Add("unknown-charset", $"encoded-word charset '{label}' is unknown");
            }

            sb.Append(Charsets.Decode(pending.ToArray(), label, warnings));
            pending.Clear();
            pendingCharset = null;
        }
    }

    /// <summary>Removes folding (CRLF or LF followed by whitespace), per RFC 5322 2.2.3.</summary>
    public static string Unfold(string value)
    {
        if (value.AsSpan().IndexOfAny('\r', '\n') < 0)
        {
            return value.Trim();
        }

        var sb = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c is not ('\r' or '\n'))
            {
                sb.Append(c);
            }
        }

        return sb.ToString().Trim();
    }

    private static bool TryParseWord(string text, int start, out int end, out string charset, out byte[] bytes)
    {
        end = 0;
        charset = string.Empty;
        bytes = [];
        var q1 = text.IndexOf('?', start + 2);
        if (q1 < 0 || q1 == start + 2 || q1 + 3 >= text.Length || text[q1 + 2] != '?')
        {
            return false;
        }

        charset = text[(start + 2)..q1];
        if (charset.AsSpan().ContainsAny(CharsetStops))
        {
            return false;
        }

        var encoding = char.ToUpperInvariant(text[q1 + 1]);
        var close = text.IndexOf("?=", q1 + 3, StringComparison.Ordinal);
        if (close < 0 || close - q1 > 2000 || encoding is not ('Q' or 'B'))
        {
            return false;
        }

        var payload = text.AsSpan(q1 + 3, close - q1 - 3);
        bytes = encoding == 'B' ? DecodeB(payload) : DecodeQ(payload);
        end = close + 2;
        return true;
    }

    private static byte[] DecodeB(ReadOnlySpan<char> payload)
    {
        var input = new byte[payload.Length];
        for (var k = 0; k < payload.Length; k++)
        {
            input[k] = (byte)payload[k];
        }

        var decoder = new Base64Decoder();
        var output = new byte[decoder.MaxOutput(input.Length) + 4];
        var n = decoder.Decode(input, output);
        n += decoder.Flush(output.AsSpan(n));
        return output[..n];
    }

    private static byte[] DecodeQ(ReadOnlySpan<char> payload)
    {
        var output = new List<byte>(payload.Length);
        for (var k = 0; k < payload.Length; k++)
        {
            var c = payload[k];
            if (c == '_')
            {
                output.Add((byte)' ');
            }
            else if (c == '=' && k + 2 < payload.Length && char.IsAsciiHexDigit(payload[k + 1]) && char.IsAsciiHexDigit(payload[k + 2]))
            {
                output.Add(byte.Parse(payload.Slice(k + 1, 2), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture));
                k += 2;
            }
            else if (c == '=' && k == payload.Length - 1)
            {
                // A dangling "=" at the end of the word ("hello=F0=?="): nothing to decode.
            }
            else
            {
                output.Add(c < 256 ? (byte)c : (byte)'?');
            }
        }

        return [.. output];
    }
}
