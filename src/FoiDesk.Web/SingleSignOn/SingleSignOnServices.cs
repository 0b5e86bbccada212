using System.Security.Claims;
using System.Security.Cryptography.X509Certificates;
using FoiDesk.Accounts;
using FoiDesk.Web.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace FoiDesk.Web.SingleSignOn;

/// <summary>
/// Single sign-on through an OpenID Connect provider (issue 16): the authorisation code flow with PKCE, the
/// state and nonce checked by the framework's handler, ID token signature checked against the provider's JWKS.
/// The handler only proves who the person is; /sso/complete decides whether FoiDesk lets them in and starts
/// FoiDesk's own cookie and server session, as the password form does.
/// </summary>
public static class SingleSignOnServices
{
    public static IServiceCollection AddFoiDeskSingleSignOn(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OidcOptions>().Bind(configuration.GetSection(OidcOptions.Section));
        services.AddOptions<LocalPasswordOptions>().Bind(configuration.GetSection(LocalPasswordOptions.Section));
        services.AddSingleton<SignInChoices>();
        services.AddSingleton<ExternalAccounts>();
        var oidc = configuration.GetSection(OidcOptions.Section).Get<OidcOptions>() ?? new OidcOptions();
        var local = configuration.GetSection(LocalPasswordOptions.Section).Get<LocalPasswordOptions>() ?? new LocalPasswordOptions();
        var problems = oidc.Problems().Concat(local.Problems(oidc)).ToList();
        if (problems.Count > 0)
        {
            // Refuse to start rather than run with a sign-in nobody meant.
            throw new InvalidOperationException("Sign-in settings are not usable:\n  " + string.Join("\n  ", problems));
        }

        if (!oidc.Enabled)
        {
            return services;
        }

        var secure = configuration.GetValue<bool?>($"{AuthOptions.Section}:SecureCookies") ?? true;
        services.AddAuthentication()
            .AddCookie(SsoSchemes.External, o =>
            {
                o.Cookie.Name = "foidesk-sso";
                o.Cookie.HttpOnly = true;
                // Lax, not Strict: it is set on the provider's redirect back, a navigation another site began.
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = secure ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromMinutes(5);
                o.SlidingExpiration = false;
            })
            .AddOpenIdConnect(SsoSchemes.Oidc, oidc.DisplayName, o => Configure(o, oidc, secure));
        return services;
    }

    private static void Configure(OpenIdConnectOptions o, OidcOptions oidc, bool secure)
    {
        o.Authority = oidc.Authority;
        o.ClientId = oidc.ClientId;
        o.ClientSecret = string.IsNullOrWhiteSpace(oidc.ClientSecret) ? null : oidc.ClientSecret;
        o.RequireHttpsMetadata = oidc.RequireHttpsMetadata;
        o.ResponseType = OpenIdConnectResponseType.Code;
        o.ResponseMode = oidc.ResponseMode == "query" ? OpenIdConnectResponseMode.Query : OpenIdConnectResponseMode.FormPost;
        o.UsePkce = true;
        o.Scope.Clear();
        o.Scope.Add("openid");
        o.Scope.Add("profile");
        o.Scope.Add("email");
        o.SignInScheme = SsoSchemes.External;
        o.SignOutScheme = CookieAuthenticationDefaults.AuthenticationScheme;
        o.CallbackPath = SsoSchemes.CallbackPath;
        o.SignedOutCallbackPath = SsoSchemes.SignedOutCallbackPath;
        // No front-channel sign-out (OpenID Connect Front-Channel Logout 1.0): the provider's hidden frame is on
        // another site, so it never carries FoiDesk's SameSite=Strict cookie, and a GET that signs out would be
        // open to cross-site request forgery. Ending FoiDesk sessions is FoiDesk's: disable or sign out everywhere.
        o.RemoteSignOutPath = PathString.Empty;
        o.SignedOutRedirectUri = "/sign-out";
        // No token is stored in a cookie: the ID token alone is copied (for id_token_hint), below.
        o.SaveTokens = false;
        o.GetClaimsFromUserInfoEndpoint = false;
        // Keep the provider's claim names (sub, email, roles, groups) rather than Microsoft's long URIs.
        o.MapInboundClaims = false;
        o.TokenValidationParameters.NameClaimType = "name";
        o.TokenValidationParameters.RoleClaimType = oidc.RoleClaim;
        if (!secure)
        {
            // Only for plain-HTTP test clients. SameSite=None, the default, needs Secure, and is what a browser
            // needs to send these cookies with the provider's cross-site form_post.
            o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.CorrelationCookie.SameSite = SameSiteMode.Lax;
            o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.NonceCookie.SameSite = SameSiteMode.Lax;
        }

        o.Events.OnTokenValidated = ctx =>
        {
            if ((ctx.TokenEndpointResponse?.IdToken ?? ctx.ProtocolMessage.IdToken) is { Length: > 0 } idToken && ctx.Principal?.Identity is ClaimsIdentity identity)
            {
                identity.AddClaim(new Claim(SsoSchemes.IdTokenClaim, idToken));
            }

            return Task.CompletedTask;
        };
        o.Events.OnRedirectToIdentityProviderForSignOut = ctx =>
        {
            if (ctx.Properties.Items.Remove(SsoSchemes.IdTokenHintItem, out var hint))
            {
                ctx.ProtocolMessage.IdTokenHint = hint;
            }

            return Task.CompletedTask;
        };
        o.Events.OnRemoteFailure = ctx =>
        {
            // A cancelled, expired, replayed or forged response: say so plainly rather than show an error page.
            ctx.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SingleSignOnServices))
                .LogWarning(ctx.Failure, "Single sign-on did not complete");
            ctx.Response.Redirect("/sso/complete?problem=failed");
            ctx.HandleResponse();
            return Task.CompletedTask;
        };
        if (!string.IsNullOrWhiteSpace(oidc.ClientCertificatePath))
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(oidc.ClientCertificatePath, oidc.ClientCertificatePassword);
            o.Events.OnAuthorizationCodeReceived = ctx =>
            {
                // private_key_jwt (RFC 7523, OpenID Connect Core 9): the client proves itself with a short-lived
                // assertion signed by the certificate's key instead of a shared secret. Entra ID reads the
                // certificate's thumbprint from the header (x5t).
                if (ctx.TokenEndpointRequest is { } request && ctx.Options.Configuration?.TokenEndpoint is { } endpoint)
                {
                    request.ClientAssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
                    request.ClientAssertion = ClientAssertion(certificate, ctx.Options.ClientId!, endpoint, ctx.HttpContext.RequestServices.GetRequiredService<TimeProvider>());
                }

                return Task.CompletedTask;
            };
        }
    }

    private static string ClientAssertion(X509Certificate2 certificate, string clientId, string tokenEndpoint, TimeProvider time)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = clientId,
            Audience = tokenEndpoint,
            Claims = new Dictionary<string, object> { ["sub"] = clientId, ["jti"] = Guid.NewGuid().ToString() },
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(5),
            SigningCredentials = new X509SigningCredentials(certificate),
        });
    }
}
