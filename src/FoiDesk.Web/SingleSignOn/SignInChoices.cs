using Microsoft.Extensions.Options;

namespace FoiDesk.Web.SingleSignOn;

/// <summary>The ways to sign in that are open: single sign-on, local passwords, and who keeps a password when they are off.</summary>
public sealed class SignInChoices(IOptions<OidcOptions> oidc, IOptions<LocalPasswordOptions> local)
{
    public bool SingleSignOn => oidc.Value.Enabled;

    public string ProviderName => oidc.Value.DisplayName;

    public bool LocalPasswordsOn => local.Value.On;

    public IReadOnlyCollection<string> BreakGlassAccounts => local.Value.BreakGlassAccounts;

    /// <summary>Whether this email may sign in with a password: everyone while local passwords are on, else the break-glass accounts only.</summary>
    public bool PasswordAllowed(string email) =>
        LocalPasswordsOn || BreakGlassAccounts.Contains(email.Trim(), StringComparer.OrdinalIgnoreCase);
}
