using System.Text;
using MimeKit.Encodings;

namespace FoiDesk.Mail;

/// <summary>
/// Finds uuencoded files (<c>begin 644 name</c> ... <c>end</c>) inside text bodies, as Outlook Express and old
/// gateways sent them, and turns each into an attachment; MimeKit's <see cref="UUDecoder"/> decodes the lines.
/// A block missing its <c>end</c> keeps what decoded, with a warning.
/// </summary>
internal static class Uuencoded
{
    public static (string Remaining, List<(string Name, byte[] Content)> Files) Extract(string text, List<string> warnings)
    {
        var files = new List<(string, byte[])>();
        if (!text.Contains("begin ", StringComparison.Ordinal))
        {
            return (text, files);
        }

        var remaining = new StringBuilder(text.Length);
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (!IsBeginLine(line, out var name))
            {
                remaining.Append(lines[i]);
                if (i < lines.Length - 1)
                {
                    remaining.Append('\n');
                }

                continue;
            }

            var decoder = new UUDecoder(true);
            using var data = new MemoryStream();
            var ended = false;
            for (i++; i < lines.Length; i++)
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

                var input = Encoding.Latin1.GetBytes(body + "\n");
                var output = new byte[decoder.EstimateOutputLength(input.Length)];
                var n = decoder.Decode(input, 0, input.Length, output);
                data.Write(output, 0, n);
            }

            if (!ended)
            {
                warnings.Add($"uuencode-truncated: uuencoded '{name}' has no end line; kept what decoded");
            }

            files.Add((name, data.ToArray()));
        }

        return (remaining.ToString(), files);
    }

    /// <summary>"begin" SP mode (3-4 octal digits) SP file name.</summary>
    private static bool IsBeginLine(string line, out string name)
    {
        name = string.Empty;
        if (!line.StartsWith("begin ", StringComparison.Ordinal))
        {
            return false;
        }

        var rest = line[6..];
        var sp = rest.IndexOf(' ', StringComparison.Ordinal);
        if (sp is < 3 or > 4 || rest[..sp].Any(c => c is < '0' or > '7'))
        {
            return false;
        }

        name = rest[(sp + 1)..].Trim(' ', '\t');
        return name.Length > 0;
    }
}
