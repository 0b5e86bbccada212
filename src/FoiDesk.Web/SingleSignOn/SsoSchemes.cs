namespace FoiDesk.Web.SingleSignOn;

/// <summary>Authentication scheme names, paths and claims of single sign-on.</summary>
public static class SsoSchemes
{
    /// <summary>The OpenID Connect handler.</summary>
    public const string Oidc = "oidc";

    /// <summary>
    /// A short-lived cookie holding the provider's validated identity between its callback and /sso/complete, where
    /// FoiDesk decides whether to let the person in and starts its own session.
    /// </summary>
    public const string External = "sso";

    public const string CallbackPath = "/signin-oidc";

    public const string SignedOutCallbackPath = "/signout-callback-oidc";

    /// <summary>The claim (in FoiDesk's own cookie) marking a session that began at the provider.</summary>
    public const string MethodClaim = "sign_in_method";

    /// <summary>
    /// The provider's ID token, kept in FoiDesk's (encrypted) cookie only to send as id_token_hint when signing
    /// out at the provider (OpenID Connect RP-Initiated Logout 1.0); no access or refresh token is kept.
    /// </summary>
    public const string IdTokenClaim = "id_token_hint";

    /// <summary>Carries the hint from the sign-out page to the handler; removed before the state is written.</summary>
    public const string IdTokenHintItem = ".id_token_hint";
}
