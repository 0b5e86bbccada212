namespace FoiDesk.Web.SingleSignOn;

/// <summary>
/// "FoiDesk:Auth:Oidc" (environment: FoiDesk__Auth__Oidc__Name): single sign-on through an OpenID Connect
/// provider such as Microsoft Entra ID. Off unless <see cref="Authority"/> is set. docs/security.md says how.
/// </summary>
public sealed class OidcOptions
{
    public const string Section = "FoiDesk:Auth:Oidc";

    /// <summary>The issuer, e.g. https://login.microsoftonline.com/TENANT-ID/v2.0; discovery is read from it.</summary>
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    /// <summary>The client secret; or leave empty and give <see cref="ClientCertificatePath"/> (private_key_jwt, RFC 7523).</summary>
    public string? ClientSecret { get; set; }

    /// <summary>A PKCS#12 file whose private key signs the client assertion instead of a secret.</summary>
    public string? ClientCertificatePath { get; set; }

    public string? ClientCertificatePassword { get; set; }

    /// <summary>Shown on the button: "Sign in with {DisplayName}".</summary>
    public string DisplayName { get; set; } = "your organisation's account";

    /// <summary>The ID token claim carrying roles or groups: "roles" (Entra app roles, the default) or "groups".</summary>
    public string RoleClaim { get; set; } = "roles";

    public OidcRoleMap Roles { get; set; } = new();

    /// <summary>Optional: a claim whose values name FoiDesk teams; when set, team membership follows it at every sign-in.</summary>
    public string? TeamClaim { get; set; }

    /// <summary>"form_post" (the default: the code never appears in a URL) or "query".</summary>
    public string ResponseMode { get; set; } = "form_post";

    /// <summary>
    /// Discovery and keys must come over HTTPS (the default). Only the tests, whose provider runs on plain HTTP
    /// on loopback, set this false.
    /// </summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority);

    /// <summary>The provider's origin for the CSP's form-action (signing out is redirected there), with a leading space; empty when off.</summary>
    public string FormActionSource => Enabled && Uri.TryCreate(Authority, UriKind.Absolute, out var uri) ? $" {uri.GetLeftPart(UriPartial.Authority)}" : "";

    /// <summary>What is wrong with the settings, one line each; empty when they are usable (or single sign-on is off).</summary>
    public IReadOnlyList<string> Problems()
    {
        if (!Enabled)
        {
            return [];
        }

        var problems = new List<string>();
        if (!Uri.TryCreate(Authority, UriKind.Absolute, out var authority) || (authority.Scheme != Uri.UriSchemeHttps && RequireHttpsMetadata))
        {
            problems.Add($"{Section}:Authority must be an absolute https:// URL (got '{Authority}')");
        }

        if (string.IsNullOrWhiteSpace(ClientId))
        {
            problems.Add($"{Section}:ClientId is required");
        }

        if (string.IsNullOrWhiteSpace(ClientSecret) == string.IsNullOrWhiteSpace(ClientCertificatePath))
        {
            problems.Add($"{Section}: give ClientSecret or ClientCertificatePath (exactly one)");
        }

        if (ResponseMode is not ("form_post" or "query"))
        {
            problems.Add($"{Section}:ResponseMode must be form_post or query (got '{ResponseMode}')");
        }

        if (string.IsNullOrWhiteSpace(RoleClaim))
        {
            problems.Add($"{Section}:RoleClaim is required (roles or groups)");
        }

        if (Roles.IsEmpty)
        {
            problems.Add($"{Section}:Roles maps no claim value to any role, so nobody could sign in (e.g. {Section}:Roles:IgOfficer:0)");
        }

        return problems;
    }
}
