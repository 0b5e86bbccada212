using System.Text.Encodings.Web;
using FoiDesk.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace FoiDesk.Web.Hosting;

/// <summary>
/// Sign-in for the API: a request to /api/v1 carrying <c>Authorization: Bearer &lt;token&gt;</c> is
/// authenticated by its API token, any other by the session cookie. Tokens work on the API only (issue 16,
/// H2): on a page a token is ignored, so a leaked token cannot change the password, mint tokens or get a
/// session cookie. Under /api a refusal is a 401 or 403 problem+json, never a
/// redirect to the sign-in page a script cannot follow.
/// </summary>
public static class ApiAuthentication
{
    public const string BearerScheme = "Bearer";

    /// <summary>The default scheme: picks bearer or cookie per request.</summary>
    public const string CookieOrBearer = "cookie-or-bearer";

    public static IServiceCollection AddFoiDeskApiAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(BearerScheme, null)
            .AddPolicyScheme(CookieOrBearer, "Cookie or API token", o => o.ForwardDefaultSelector = http =>
                IsApiV1(http.Request) && BearerTokenHandler.HasBearerHeader(http.Request) ? BearerScheme : CookieAuthenticationDefaults.AuthenticationScheme);
        services.Configure<AuthenticationOptions>(o =>
        {
            o.DefaultScheme = CookieOrBearer;
            o.DefaultChallengeScheme = CookieOrBearer;
        });
        services.PostConfigure<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme, o =>
        {
            var toLogin = o.Events.OnRedirectToLogin;
            var toDenied = o.Events.OnRedirectToAccessDenied;
            o.Events.OnRedirectToLogin = ctx => IsApi(ctx.Request)
                ? WriteProblemAsync(ctx.HttpContext, StatusCodes.Status401Unauthorized, "Sign in or send an API token", bearerChallenge: true)
                : toLogin(ctx);
            o.Events.OnRedirectToAccessDenied = ctx => IsApi(ctx.Request)
                ? WriteProblemAsync(ctx.HttpContext, StatusCodes.Status403Forbidden, "Your role does not allow this", bearerChallenge: false)
                : toDenied(ctx);
        });
        return services;
    }

    public static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    /// <summary>The only paths an API token is accepted on.</summary>
    public static bool IsApiV1(HttpRequest request) => request.Path.StartsWithSegments("/api/v1", StringComparison.OrdinalIgnoreCase);

    internal static Task WriteProblemAsync(HttpContext http, int status, string title, bool bearerChallenge)
    {
        http.Response.StatusCode = status;
        if (bearerChallenge)
        {
            // RFC 6750 s3: a 401 for a protected resource names the scheme it accepts.
            http.Response.Headers.WWWAuthenticate = "Bearer realm=\"foidesk\"";
        }

        return http.Response.WriteAsJsonAsync(
            new ProblemDetails { Status = status, Title = title },
            options: null,
            contentType: "application/problem+json");
    }
}

/// <summary>Authenticates <c>Authorization: Bearer fdk_...</c> against <see cref="ApiTokenStore"/>, with the account's sign-in claims.</summary>
public sealed class BearerTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiTokenStore tokens) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string Prefix = "Bearer ";

    public static bool HasBearerHeader(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith(Prefix, StringComparison.OrdinalIgnoreCase);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) || !ApiAuthentication.IsApiV1(Request))
        {
            return AuthenticateResult.NoResult();
        }

        var account = await tokens.AuthenticateAsync(header[Prefix.Length..].Trim(), Context.RequestAborted);
        if (account is null)
        {
            return AuthenticateResult.Fail("unknown or revoked API token");
        }

        return AuthenticateResult.Success(new AuthenticationTicket(AccountClaims.Principal(account, ApiAuthentication.BearerScheme), ApiAuthentication.BearerScheme));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        ApiAuthentication.WriteProblemAsync(Context, StatusCodes.Status401Unauthorized, "The API token is missing, unknown or revoked", bearerChallenge: true);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ApiAuthentication.WriteProblemAsync(Context, StatusCodes.Status403Forbidden, "Your role does not allow this", bearerChallenge: false);
}
