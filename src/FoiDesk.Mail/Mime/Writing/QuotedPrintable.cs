using System.Text;

namespace FoiDesk.Mail.Mime.Writing;

/// <summary>Quoted-printable encoding (RFC 2045 6.7) of CRLF text: lines of at most 76 characters, trailing space escaped.</summary>
internal static class QuotedPrintable
{
    private const string Hex = "0123456789ABCDEF";

    public static string Encode(byte[] bytes)
    {
        var sb = new StringBuilder(bytes.Length * 3 / 2);
        var column = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            var b = bytes[i];
            if (b == '\r' && i + 1 < bytes.Length && bytes[i + 1] == '\n')
            {
                sb.Append("\r\n");
                column = 0;
                i++;
                continue;
            }

            var atLineEnd = i + 1 == bytes.Length || (bytes[i + 1] == '\r' && i + 2 < bytes.Length && bytes[i + 2] == '\n');
            var literal = (b is >= 33 and <= 126 && b != '=') || (b is (byte)' ' or (byte)'\t' && !atLineEnd);
            var width = literal ? 1 : 3;
            if (column + width > 75)
            {
                sb.Append("=\r\n"); // soft line break
                column = 0;
            }

            if (literal)
            {
                sb.Append((char)b);
            }
            else
            {
                sb.Append('=').Append(Hex[b >> 4]).Append(Hex[b & 15]);
            }

            column += width;
        }

        return sb.ToString();
    }
}
