using System.Globalization;
using System.Text.RegularExpressions;
using FoiDesk.Questions;

namespace FoiDesk.Intake;

/// <summary>A request's reply address on an Alaveteli site, normalised, with the request id it names.</summary>
public sealed record RequestAddressMatch
{
    /// <summary>Lower case, "bounce-" dropped, l/o slips in the hash corrected: request-972166-1a2b3c4d@whatdotheyknow.com.</summary>
    public required string Address { get; init; }

    /// <summary>The request's id on the Alaveteli site.</summary>
    public required long RequestId { get; init; }

    /// <summary>The 8-character id hash after correction; compare it with the stored one to confirm the match.</summary>
    public required string IdHash { get; init; }

    /// <summary>The hash is 8 hex characters; if not, only the id can be used to guess (Alaveteli's guess_by_incoming_email).</summary>
    public required bool HashWellFormed { get; init; }

    public required string Domain { get; init; }
}

/// <summary>
/// Reads the per-request addresses WhatDoTheyKnow and other Alaveteli sites use: <c>request-NNNN-xxxxxxxx@domain</c>,
/// optionally with a local prefix (<c>foitest+request-5-e029ad65@righttoknow.org.au</c>) or the old
/// <c>request-bounce-</c> form. Alaveteli matches case-insensitively and reads 'l' as '1' and 'o' as '0' because
/// officers retype addresses by hand; so do we.
/// </summary>
public static class RequestAddress
{
    /// <summary>The Alaveteli sites UK authorities hear from; others are added through configuration.</summary>
    public static readonly IReadOnlyList<string> DefaultDomains = ["whatdotheyknow.com"];

    private static readonly Regex Pattern = Patterns.IgnoreCase(
        @"(?<prefix>[a-z0-9._-]+\+)?request-(?:bounce-)?(?<id>[0-9lo]+)-(?<hash>[a-z0-9]+)@(?<domain>[a-z0-9.-]+[a-z0-9])");

    /// <summary>Matches one address (quotes, angle brackets and <c>mailto:</c> tolerated) against the configured domains.</summary>
    public static RequestAddressMatch? Match(string address, IEnumerable<string>? domains = null)
    {
        var trimmed = address.Trim().Trim('\'', '"', '<', '>', ' ');
        if (trimmed.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
        {
            trimmed = trimmed[7..];
        }

        var m = Pattern.Match(trimmed);
        return m.Success && m.Index == 0 && m.Length == trimmed.Length ? FromMatch(m, domains) : null;
    }

    /// <summary>Every request address in a block of text (a footer, a To: header, a quoted reply).</summary>
    public static IReadOnlyList<RequestAddressMatch> FindAll(string text, IEnumerable<string>? domains = null)
    {
        var list = domains?.ToList();
        var found = new List<RequestAddressMatch>();
        foreach (Match m in Pattern.Matches(text))
        {
            if (FromMatch(m, list) is { } r && !found.Any(f => f.Address == r.Address))
            {
                found.Add(r);
            }
        }

        return found;
    }

    private static RequestAddressMatch? FromMatch(Match m, IEnumerable<string>? domains)
    {
        var domain = m.Groups["domain"].Value.ToLowerInvariant();
        var allowed = domains ?? DefaultDomains;
        if (!allowed.Any(d => string.Equals(d, domain, StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        var id = Slips(m.Groups["id"].Value);
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var requestId))
        {
            return null;
        }

        var hash = Slips(m.Groups["hash"].Value);
        var prefix = m.Groups["prefix"].Value.ToLowerInvariant();
        return new RequestAddressMatch
        {
            Address = $"{prefix}request-{requestId.ToString(CultureInfo.InvariantCulture)}-{hash}@{domain}",
            RequestId = requestId,
            IdHash = hash,
            HashWellFormed = hash.Length == 8 && hash.All(char.IsAsciiHexDigitLower),
            Domain = domain,
        };
    }

    private static string Slips(string value) => value.ToLowerInvariant().Replace('l', '1').Replace('o', '0');
}
