using System.Text;

namespace FoiDesk.Mail.Mime.Encodings;

/// <summary>
/// Finds uuencoded files (<c>begin 644 name</c> ... <c>end</c>) inside text bodies, as Outlook Express and old
/// gateways sent them, and turns each into an attachment. A block missing its <c>end</c> keeps what decoded.
/// </summary>
internal static class Uuencode
{
    public static bool Contains(MimeContent content)
    {
        var span = content.Memory!.Value.Span;
        var i = 0;
        while (true)
        {
            var k = span[i..].IndexOf("begin "u8);
            if (k < 0)
            {
                return false;
            }

            var at = i + k;
            if ((at == 0 || span[at - 1] == '\n') && IsBeginLine(ReadLine(span[at..]), out _))
            {
                return true;
            }

            i = at + 6;
        }
    }

    public static (string Remaining, List<(string Name, MimeContent Content)> Files) Extract(string text, ParseContext context)
    {
        var files = new List<(string, MimeContent)>();
        var remaining = new StringBuilder(text.Length);
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (!IsBeginLine(Encoding.Latin1.GetBytes(line), out var name))
            {
                remaining.Append(lines[i]);
                if (i < lines.Length - 1)
                {
                    remaining.Append('\n');
                }

                continue;
            }

            var data = new MemoryStream();
            var output = new byte[64];
            var ended = false;
            i++;
            for (; i < lines.Length; i++)
            {
                var body = lines[i].TrimEnd('\r');
                if (body.TrimEnd() == "end")
                {
                    ended = true;
                    break;
                }

                if (body.Length == 0)
                {
                    continue;
                }

                if (body.Any(c => c is < ' ' or > '`'))
                {
                    i--; // not uuencode any more: the block was cut short
                    break;
                }

                var n = UuDecoder.DecodeBody(Encoding.Latin1.GetBytes(body), output, null);
                data.Write(output, 0, n);
            }

            if (!ended)
            {
                context.Warnings.Add("uuencode-truncated", $"uuencoded '{name}' has no end line; kept what decoded");
            }

            context.CountDecoded(data.Length);
            files.Add((name, new MimeContent(data.ToArray())));
        }

        return (remaining.ToString(), files);
    }

    private static ReadOnlySpan<byte> ReadLine(ReadOnlySpan<byte> span)
    {
        var nl = span.IndexOf((byte)'\n');
        var line = nl < 0 ? span : span[..nl];
        return line.TrimEnd((byte)'\r');
    }

    /// <summary>"begin" SP mode (3-4 octal digits) SP file name.</summary>
    private static bool IsBeginLine(ReadOnlySpan<byte> line, out string name)
    {
        name = string.Empty;
        if (!line.StartsWith("begin "u8))
        {
            return false;
        }

        var rest = line[6..];
        var sp = rest.IndexOf((byte)' ');
        if (sp is < 3 or > 4)
        {
            return false;
        }

        foreach (var c in rest[..sp])
        {
            if (c is < (byte)'0' or > (byte)'7')
            {
                return false;
            }
        }

        var n = rest[(sp + 1)..].Trim(" \t"u8);
        if (n.IsEmpty)
        {
            return false;
        }

        name = Encoding.Latin1.GetString(n);
        return true;
    }
}
