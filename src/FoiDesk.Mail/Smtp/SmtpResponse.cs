using System.Globalization;
using System.Text.RegularExpressions;
using FoiDesk.Mail.Net;

namespace FoiDesk.Mail.Smtp;

/// <summary>
/// One SMTP reply (RFC 5321 §4.2): a three-digit code and one or more text lines ("250-..." continues,
/// "250 ..." ends). When the server uses enhanced status codes (RFC 2034/3463) the "x.y.z" prefix is split off.
/// </summary>
public sealed partial record SmtpResponse
{
    public required int StatusCode { get; init; }

    public required IReadOnlyList<string> Lines { get; init; }

    public string? EnhancedStatusCode { get; init; }

    /// <summary>The text with the enhanced status code removed, lines joined by newlines.</summary>
    public string Text => string.Join('\n', Lines.Select(StripEnhanced));

    public bool IsPositive => StatusCode is >= 200 and < 400;

    public DeliveryFailure Failure => SendResult.Classify(StatusCode);

    public override string ToString() =>
        StatusCode.ToString(CultureInfo.InvariantCulture) + (EnhancedStatusCode is null ? string.Empty : " " + EnhancedStatusCode) + " " + Text;

    /// <summary>Reads lines until the final one of a reply.</summary>
    internal static async Task<SmtpResponse> ReadAsync(MailConnection connection, CancellationToken ct)
    {
        var lines = new List<string>();
        var code = -1;
        while (true)
        {
            var line = System.Text.Encoding.UTF8.GetString(await connection.ReadLineAsync(ct));
            if (line.Length < 3 || !int.TryParse(line.AsSpan(0, 3), NumberStyles.None, CultureInfo.InvariantCulture, out var lineCode) || lineCode < 200 || lineCode > 599)
            {
                throw new SmtpProtocolException($"The SMTP server sent a malformed reply line: '{Truncate(line)}'.");
            }

            if (code >= 0 && lineCode != code)
            {
                throw new SmtpProtocolException($"The SMTP server changed reply code inside a multi-line reply ({code} then {lineCode}).");
            }

            code = lineCode;
            var more = line.Length > 3 && line[3] == '-';
            if (line.Length > 3 && line[3] is not ('-' or ' '))
            {
                throw new SmtpProtocolException($"The SMTP server sent a malformed reply line: '{Truncate(line)}'.");
            }

            lines.Add(line.Length > 4 ? line[4..] : string.Empty);
            if (lines.Count > 1000)
            {
                throw new SmtpProtocolException("The SMTP server sent a reply of more than 1000 lines.");
            }

            if (!more)
            {
                break;
            }
        }

        var enhanced = EnhancedCode().Match(lines[0]);
        return new SmtpResponse
        {
            StatusCode = code,
            Lines = lines,
            EnhancedStatusCode = enhanced.Success && enhanced.Groups[1].Value[0] == (char)('0' + (code / 100)) ? enhanced.Groups[1].Value : null,
        };
    }

    private string StripEnhanced(string line)
    {
        if (EnhancedStatusCode is not null && line.StartsWith(EnhancedStatusCode, StringComparison.Ordinal))
        {
            return line[EnhancedStatusCode.Length..].TrimStart();
        }

        return line;
    }

    private static string Truncate(string line) => line.Length > 80 ? line[..80] + "..." : line;

    // RFC 3463 §2: class "." subject "." detail; class is 2, 4 or 5 and matches the reply code's first digit.
    [GeneratedRegex(@"^([245]\.\d{1,3}\.\d{1,3})(?:\s|$)", RegexOptions.CultureInvariant)]
    private static partial Regex EnhancedCode();
}
