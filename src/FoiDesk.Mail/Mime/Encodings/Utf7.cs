using System.Text;

namespace FoiDesk.Mail.Mime.Encodings;

/// <summary>
/// RFC 2152 UTF-7 decoder. .NET's Encoding.UTF7 is obsolete (SYSLIB0001) and Exchange still sends UTF-7
/// bounces and encoded words. Malformed shifts are kept as far as they decode; never throws.
/// </summary>
public static class Utf7
{
    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        var sb = new StringBuilder(bytes.Length);
        var i = 0;
        while (i < bytes.Length)
        {
            var b = bytes[i];
            if (b != (byte)'+')
            {
                sb.Append((char)b);
                i++;
                continue;
            }

            i++;
            if (i < bytes.Length && bytes[i] == (byte)'-')
            {
                // "+-" is a literal plus sign.
                sb.Append('+');
                i++;
                continue;
            }

            // Modified base64 run of UTF-16 code units, ended by any non-base64 character; '-' is absorbed.
            var bits = 0;
            var bitCount = 0;
            while (i < bytes.Length)
            {
                var v = Base64Value(bytes[i]);
                if (v < 0)
                {
                    break;
                }

                bits = (bits << 6) | v;
                bitCount += 6;
                if (bitCount >= 16)
                {
                    bitCount -= 16;
                    sb.Append((char)((bits >> bitCount) & 0xFFFF));
                }

                i++;
            }

            if (i < bytes.Length && bytes[i] == (byte)'-')
            {
                i++;
            }
        }

        return sb.ToString();
    }

    private static int Base64Value(byte c) => c switch
    {
        >= (byte)'A' and <= (byte)'Z' => c - 'A',
        >= (byte)'a' and <= (byte)'z' => c - 'a' + 26,
        >= (byte)'0' and <= (byte)'9' => c - '0' + 52,
        (byte)'+' => 62,
        (byte)'/' => 63,
        _ => -1,
    };
}
