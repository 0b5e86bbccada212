using System.Globalization;

namespace FoiDesk.Mail.Smtp;

/// <summary>The ESMTP extensions an EHLO reply lists (RFC 5321 §4.1.1.1), keyword upper-cased, with parameters.</summary>
public sealed class SmtpCapabilities
{
    private readonly Dictionary<string, string> _extensions;

    public SmtpCapabilities(IEnumerable<string> ehloLines)
    {
        _extensions = new Dictionary<string, string>(StringComparer.Ordinal);
        var auth = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in ehloLines)
        {
            var trimmed = line.Trim();
            var split = trimmed.IndexOfAny([' ', '=']);
            var keyword = (split < 0 ? trimmed : trimmed[..split]).ToUpperInvariant();
            var parameters = split < 0 ? string.Empty : trimmed[(split + 1)..].Trim();
            if (keyword.Length == 0)
            {
                continue;
            }

            _extensions[keyword] = parameters;

            // "AUTH=LOGIN PLAIN" is the pre-RFC 4954 form some servers (old Exchange, Comcast) still send.
            if (keyword == "AUTH")
            {
                foreach (var mechanism in parameters.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    auth.Add(mechanism.ToUpperInvariant());
                }
            }
        }

        AuthenticationMechanisms = auth;
    }

    public static SmtpCapabilities None { get; } = new([]);

    public IReadOnlySet<string> AuthenticationMechanisms { get; }

    public IReadOnlyCollection<string> Keywords => _extensions.Keys;

    public bool StartTls => Has("STARTTLS");

    /// <summary>RFC 2920: commands may be sent in groups.</summary>
    public bool Pipelining => Has("PIPELINING");

    /// <summary>RFC 6152: BODY=8BITMIME may be declared.</summary>
    public bool EightBitMime => Has("8BITMIME");

    /// <summary>RFC 6531: UTF-8 addresses and headers with the SMTPUTF8 parameter.</summary>
    public bool SmtpUtf8 => Has("SMTPUTF8");

    /// <summary>RFC 2034: replies carry RFC 3463 codes.</summary>
    public bool EnhancedStatusCodes => Has("ENHANCEDSTATUSCODES");

    /// <summary>RFC 1870 SIZE limit in bytes; 0 when none was declared.</summary>
    public long MaxSize =>
        _extensions.TryGetValue("SIZE", out var value) && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var size) ? size : 0;

    public bool Has(string keyword) => _extensions.ContainsKey(keyword.ToUpperInvariant());

    public override string ToString() => string.Join(' ', _extensions.Keys.Order(StringComparer.Ordinal));
}
