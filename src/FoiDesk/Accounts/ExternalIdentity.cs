namespace FoiDesk.Accounts;

/// <summary>
/// Who the OpenID Connect provider says signed in (from a validated ID token), and the FoiDesk roles and team
/// names the configured claims map to.
/// </summary>
public sealed record ExternalIdentity(string Issuer, string Subject, string Email, string DisplayName, IReadOnlyList<string> Roles, IReadOnlyList<string>? Teams);

public enum ExternalSignInOutcome
{
    Success,

    /// <summary>None of the person's role or group claims maps to a FoiDesk role.</summary>
    NoRole,

    /// <summary>The FoiDesk account is disabled: an administrator's decision outranks the provider's.</summary>
    Disabled,

    /// <summary>The provider gave no usable email address, which FoiDesk accounts need.</summary>
    NoEmail,

    /// <summary>The email belongs to a break-glass account, which stays local so it works when the provider does not.</summary>
    BreakGlassEmail,
}

public sealed record ExternalSignInResult(ExternalSignInOutcome Outcome, Account? Account, bool Created = false, bool RolesChanged = false);
