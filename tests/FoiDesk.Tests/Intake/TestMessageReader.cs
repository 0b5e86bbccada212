using System.Text;
using System.Text.RegularExpressions;

namespace FoiDesk.Tests.Intake;

/// <summary>
/// A deliberately small .eml reader for tests only: unfolded headers, multipart splitting by boundary, and
/// quoted-printable/base64 decoding of text leaves. Production reads mail with MimeKit (FoiDesk.Mail.MailReader).
/// </summary>
internal sealed class TestMessage
{
    public required List<KeyValuePair<string, string>> Headers { get; init; }
    public required string ContentType { get; init; }
    public required List<TestMessage> Parts { get; init; }
    public required string Body { get; init; }

    public string? Header(string name) => Headers.FirstOrDefault(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;

    public IEnumerable<TestMessage> Leaves() => Parts.Count == 0 ? [this] : Parts.SelectMany(p => p.Leaves());

    /// <summary>The first text/plain leaf, decoded.</summary>
    public string TextBody => Leaves().FirstOrDefault(l => l.ContentType.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase))?.Decoded()
        ?? Leaves().FirstOrDefault(l => l.ContentType.StartsWith("text/", StringComparison.OrdinalIgnoreCase))?.Decoded() ?? "";

    public string Decoded()
    {
        var cte = (Header("Content-Transfer-Encoding") ?? "").Trim().ToLowerInvariant();
        var bytes = cte switch
        {
            "quoted-printable" => QuotedPrintable(Body),
            "base64" => Base64(Body),
            _ => Encoding.Latin1.GetBytes(Body),
        };
        return Encoding.UTF8.GetString(bytes);
    }

    public static TestMessage Load(string relative) => Parse(Encoding.Latin1.GetString(File.ReadAllBytes(TestFiles.PathOf(relative))).Replace("\r\n", "\n"), "text/plain");

    private static TestMessage Parse(string text, string defaultType)
    {
        var split = text.StartsWith('\n') ? 0 : text.IndexOf("\n\n", StringComparison.Ordinal);
        var head = split < 0 ? text : text[..split];
        var body = split < 0 ? "" : text[(split + (text.StartsWith('\n') ? 1 : 2))..];
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var line in head.Split('\n'))
        {
            if (line.Length > 0 && (line[0] == ' ' || line[0] == '\t') && headers.Count > 0)
            {
                headers[^1] = new(headers[^1].Key, headers[^1].Value + " " + line.Trim());
            }
            else if (line.IndexOf(':', StringComparison.Ordinal) is var colon and > 0)
            {
                headers.Add(new(line[..colon].Trim(), line[(colon + 1)..].Trim()));
            }
        }

        var contentType = headers.FirstOrDefault(h => h.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)).Value ?? defaultType;
        var parts = new List<TestMessage>();
        var boundary = Regex.Match(contentType, @"boundary=""?([^"";]+)""?", RegexOptions.IgnoreCase);
        if (contentType.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase) && boundary.Success)
        {
            var childDefault = contentType.StartsWith("multipart/digest", StringComparison.OrdinalIgnoreCase) ? "message/rfc822" : "text/plain";
            var delimiter = "--" + boundary.Groups[1].Value.Trim();
            var chunks = body.Split('\n').Aggregate(new List<StringBuilder> { new() }, (acc, line) =>
            {
                if (line.TrimEnd().StartsWith(delimiter, StringComparison.Ordinal))
                {
                    acc.Add(new StringBuilder());
                }
                else
                {
                    acc[^1].Append(line).Append('\n');
                }

                return acc;
            });
            foreach (var chunk in chunks.Skip(1))
            {
                var s = chunk.ToString();
                if (s.Trim().Length > 0)
                {
                    parts.Add(Parse(s, childDefault));
                }
            }
        }

        return new TestMessage { Headers = headers, ContentType = contentType, Parts = parts, Body = body };
    }

    private static byte[] QuotedPrintable(string body)
    {
        var output = new List<byte>();
        for (var i = 0; i < body.Length; i++)
        {
            if (body[i] == '=' && i + 1 < body.Length && body[i + 1] == '\n')
            {
                i++;
            }
            else if (body[i] == '=' && i + 2 < body.Length && Uri.IsHexDigit(body[i + 1]) && Uri.IsHexDigit(body[i + 2]))
            {
                output.Add(Convert.ToByte(body.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                output.Add((byte)body[i]);
            }
        }

        return [.. output];
    }

    private static byte[] Base64(string body)
    {
        try
        {
            return Convert.FromBase64String(Regex.Replace(body, @"[^A-Za-z0-9+/=]", ""));
        }
        catch (FormatException)
        {
            return Encoding.Latin1.GetBytes(body);
        }
    }
}
