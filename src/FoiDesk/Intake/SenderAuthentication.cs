using MimeKit;
using MimeKit.Cryptography;

namespace FoiDesk.Intake;

/// <summary>What the authority's own mail server recorded about a message's sender.</summary>
public enum SenderCheck
{
    /// <summary>No trusted authserv-id is configured, so nothing recorded can be believed either way.</summary>
    Unchecked,
    Passed,
    Failed,
}

public sealed record SenderVerdict(SenderCheck Check, string Why);

/// <summary>
/// Reads the Authentication-Results header (RFC 8601) that the authority's own boundary server added. Only a
/// header whose authserv-id is configured as trusted counts: anyone can write an Authentication-Results header
/// into a message, so one naming another server is ignored (RFC 8601 section 5). The topmost trusted header is
/// the one our server added last; the server should also delete incoming headers claiming its id.
/// The sender passes when DMARC passed, or, with no DMARC verdict, when DKIM passed for the From domain or SPF
/// passed for an envelope domain aligned with it.
/// </summary>
public static class SenderAuthentication
{
    public static SenderVerdict Check(HeaderList headers, string? fromAddress, IReadOnlyCollection<string> trustedAuthServIds)
    {
        if (trustedAuthServIds.Count == 0)
        {
            return new SenderVerdict(SenderCheck.Unchecked, "no trusted authserv-id is configured");
        }

        var fromDomain = Domain(fromAddress);
        foreach (var header in headers.Where(h => h.Id == HeaderId.AuthenticationResults))
        {
            if (!AuthenticationResults.TryParse(header.RawValue, out var results) || results.AuthenticationServiceIdentifier is not { } id
                || !trustedAuthServIds.Contains(id, StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            return Judge(results, fromDomain);
        }

        return new SenderVerdict(SenderCheck.Failed, $"no Authentication-Results from a trusted server ({string.Join(", ", trustedAuthServIds)})");
    }

    private static SenderVerdict Judge(AuthenticationResults results, string? fromDomain)
    {
        var id = results.AuthenticationServiceIdentifier;
        var methods = results.Results;
        string? Verdict(string method) => methods.FirstOrDefault(m => string.Equals(m.Method, method, StringComparison.OrdinalIgnoreCase))?.Result?.ToLowerInvariant();

        var dmarc = Verdict("dmarc");
        if (dmarc == "pass")
        {
            return new SenderVerdict(SenderCheck.Passed, $"dmarc=pass recorded by {id}");
        }

        // A DMARC failure is the domain owner saying the message is not theirs: nothing else overrides it.
        if (dmarc is not null and not "none")
        {
            return new SenderVerdict(SenderCheck.Failed, $"dmarc={dmarc} recorded by {id}");
        }

        foreach (var m in methods.Where(m => string.Equals(m.Result, "pass", StringComparison.OrdinalIgnoreCase)))
        {
            var property = m.Method.ToLowerInvariant() switch
            {
                "dkim" => m.Properties.FirstOrDefault(p => p.PropertyType == "header" && p.Property == "d"),
                "spf" => m.Properties.FirstOrDefault(p => p.PropertyType == "smtp" && p.Property == "mailfrom"),
                _ => null,
            };
            if (property is not null && Aligned(Domain(property.Value) ?? property.Value, fromDomain))
            {
                return new SenderVerdict(SenderCheck.Passed, $"{m.Method}=pass for {property.Value}, aligned with the From domain, recorded by {id}");
            }
        }

        var seen = string.Join(" ", methods.Select(m => $"{m.Method}={m.Result}"));
        return new SenderVerdict(SenderCheck.Failed, $"no aligned pass recorded by {id} ({(seen.Length == 0 ? "no results" : seen)})");
    }

    /// <summary>Relaxed alignment (RFC 7489 3.1): the same domain, or one a subdomain of the other.</summary>
    private static bool Aligned(string domain, string? fromDomain) =>
        fromDomain is not null && (string.Equals(domain, fromDomain, StringComparison.OrdinalIgnoreCase)
            || fromDomain.EndsWith("." + domain, StringComparison.OrdinalIgnoreCase)
            || domain.EndsWith("." + fromDomain, StringComparison.OrdinalIgnoreCase));

    private static string? Domain(string? address) =>
        address is null ? null : address.LastIndexOf('@') is var at and >= 0 ? address[(at + 1)..].Trim().TrimEnd('>') : address.Contains('.', StringComparison.Ordinal) ? address.Trim() : null;
}
