namespace FoiDesk.Web.SingleSignOn;

/// <summary>
/// "FoiDesk:Auth" settings for local passwords: FoiDesk__Auth__LocalPasswords = on (default) or off, and the
/// break-glass accounts (FoiDesk__Auth__BreakGlassAccounts__0..n, email addresses) that keep their password
/// when it is off, so an administrator can still get in when the provider is down or misconfigured.
/// </summary>
public sealed class LocalPasswordOptions
{
    public const string Section = "FoiDesk:Auth";

    public string LocalPasswords { get; set; } = "on";

    public string[] BreakGlassAccounts { get; set; } = [];

    public bool On => !string.Equals(LocalPasswords.Trim(), "off", StringComparison.OrdinalIgnoreCase);

    public IReadOnlyList<string> Problems(OidcOptions oidc)
    {
        var value = LocalPasswords.Trim().ToLowerInvariant();
        if (value is not ("on" or "off"))
        {
            return [$"{Section}:LocalPasswords must be on or off (got '{LocalPasswords}')"];
        }

        if (value == "off" && !oidc.Enabled)
        {
            return [$"{Section}:LocalPasswords is off but single sign-on is not configured ({OidcOptions.Section}:Authority): only break-glass accounts could sign in"];
        }

        return BreakGlassAccounts.Where(a => !a.Contains('@', StringComparison.Ordinal)).Select(a => $"{Section}:BreakGlassAccounts: '{a}' is not an email address").ToList();
    }
}
