namespace FoiDesk.Web.Hosting;

/// <summary>
/// Headers every response carries: a CSP with no inline script, no MIME sniffing, no framing, HSTS
/// when served over HTTPS, and no-store for signed-in pages.
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next)
{
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'; object-src 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            // With single sign-on, signing out (a form) is redirected to the provider's end-session endpoint, which
            // form-action must allow: browsers check it on a form's redirects too (CSP Level 3).
            var provider = context.RequestServices?.GetService<Microsoft.Extensions.Options.IOptions<SingleSignOn.OidcOptions>>()?.Value.FormActionSource ?? "";
            headers.ContentSecurityPolicy = provider.Length == 0 ? ContentSecurityPolicy : ContentSecurityPolicy.Replace("form-action 'self'", $"form-action 'self'{provider}", StringComparison.Ordinal);
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            if (context.User.Identity?.IsAuthenticated == true)
            {
                // Issue 16: what a signed-in person sees is personal data (requesters, cases); no browser or
                // proxy may keep a copy for the next user of a shared machine. Static files run before
                // authentication, so they stay cacheable.
                headers.CacheControl = "no-store";
            }

            // FoiDesk:Auth:Hsts (on by default) turns HSTS off, e.g. while a site is first moved to HTTPS.
            if (context.Request.IsHttps && context.RequestServices?.GetService<Microsoft.Extensions.Options.IOptions<AuthOptions>>()?.Value.Hsts != false)
            {
                headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
            }

            return Task.CompletedTask;
        });
        return next(context);
    }
}

/// <summary>An account holding a one-time password can do nothing but choose a new one (or sign out).</summary>
public sealed class MustChangePassword(RequestDelegate next)
{
    public const string Claim = "must_change_password";

    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if (context.User.HasClaim(Claim, "true")
            && !path.StartsWithSegments("/account/change-password", StringComparison.OrdinalIgnoreCase)
            && !path.StartsWithSegments("/sign-out", StringComparison.OrdinalIgnoreCase)
            && !path.StartsWithSegments("/govuk", StringComparison.OrdinalIgnoreCase)
            && !path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.Redirect("/account/change-password");
            return Task.CompletedTask;
        }

        return next(context);
    }
}
