using System.Collections.Concurrent;
using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace FoiDesk.Web.Tests.SingleSignOn;

/// <summary>
/// A real OpenID Connect provider in the test process (OpenIddict 7.9 on its own Kestrel port on 127.0.0.1): discovery,
/// the authorisation code flow with PKCE required, ID tokens signed with an ephemeral RSA key published in its JWKS,
/// and RP-initiated logout (end session). OpenIddict checks the client id and secret, the redirect and
/// post-logout URIs and the PKCE verifier against the client registered by <see cref="RegisterClientAsync"/>;
/// its EF Core store (in memory) keeps codes so one cannot be redeemed twice. People sign in at a minimal
/// login form (a username; no password, as the provider's own security is not under test).
/// </summary>
public sealed class TestIdentityProvider : IAsyncDisposable
{
    public const string ClientId = "foidesk";
    public const string ClientSecret = "test-provider-client-secret";
    private const string SessionScheme = "provider-session";

    private readonly ConcurrentDictionary<string, ProviderUser> _users = new(StringComparer.Ordinal);

    private TestIdentityProvider(WebApplication app) => App = app;

    public WebApplication App { get; }

    /// <summary>The issuer, e.g. http://127.0.0.1:PORT/.</summary>
    public Uri Authority => new(App.Urls.First().TrimEnd('/') + "/");

    /// <summary>Every end-session request that reached the provider: whether it had an id_token_hint, and where it went back to.</summary>
    public ConcurrentQueue<(bool HadIdTokenHint, string? PostLogoutRedirectUri)> EndSessions { get; } = new();

    /// <summary>How many times someone signed in at the login form.</summary>
    public int Logins => _logins;

    private int _logins;

    public ProviderUser Add(ProviderUser user) => _users[user.Login] = user;

    public static async Task<TestIdentityProvider> StartAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var store = $"provider-{Guid.NewGuid():N}";
        builder.Services.AddDbContext<ProviderDb>(o =>
        {
            o.UseInMemoryDatabase(store);
            o.UseOpenIddict();
        });
        builder.Services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<ProviderDb>())
            .AddServer(o =>
            {
                o.SetAuthorizationEndpointUris("connect/authorize")
                    .SetTokenEndpointUris("connect/token")
                    .SetEndSessionEndpointUris("connect/endsession");
                o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
                o.RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.Email);
                o.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
                o.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough()
                    // Plain HTTP on loopback only; FoiDesk accepts it only with RequireHttpsMetadata=false.
                    .DisableTransportSecurityRequirement();
            });
        builder.Services.AddAuthentication(SessionScheme).AddCookie(SessionScheme, o =>
        {
            o.Cookie.Name = "test-provider-session";
            o.LoginPath = "/login";
        });
        var app = builder.Build();
        var provider = new TestIdentityProvider(app);
        app.UseRouting();
        app.UseAuthentication();
        app.MapGet("/login", (HttpContext http) => Results.Content(LoginForm(http.Request.Query["ReturnUrl"].ToString()), "text/html"));
        app.MapPost("/login", (Delegate)provider.LoginAsync);
        app.MapMethods("/connect/authorize", [HttpMethods.Get, HttpMethods.Post], provider.AuthorizeAsync);
        app.MapMethods("/connect/endsession", [HttpMethods.Get, HttpMethods.Post], provider.EndSessionAsync);
        await app.StartAsync();
        return provider;
    }

    /// <summary>Registers FoiDesk (at that address) as a confidential client: code flow, PKCE required, its callback URIs.</summary>
    public async Task RegisterClientAsync(Uri foidesk)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        await manager.CreateAsync(new OpenIddictApplicationDescriptor
        {
            ClientId = ClientId,
            ClientSecret = ClientSecret,
            ClientType = ClientTypes.Confidential,
            RedirectUris = { new Uri(foidesk, "/signin-oidc") },
            PostLogoutRedirectUris = { new Uri(foidesk, "/signout-callback-oidc") },
            Permissions =
            {
                Permissions.Endpoints.Authorization,
                Permissions.Endpoints.Token,
                Permissions.Endpoints.EndSession,
                Permissions.GrantTypes.AuthorizationCode,
                Permissions.ResponseTypes.Code,
                Permissions.Scopes.Email,
                Permissions.Scopes.Profile,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        });
    }

    /// <summary>The settings FoiDesk needs to use this provider, with the test role map: values "FoiDesk.{Role}" (app roles) or "group-{role}" (groups).</summary>
    public void Configure(Microsoft.Extensions.Configuration.IConfiguration configuration, string roleClaim = "roles")
    {
        configuration["FoiDesk:Auth:Oidc:Authority"] = Authority.ToString();
        configuration["FoiDesk:Auth:Oidc:ClientId"] = ClientId;
        configuration["FoiDesk:Auth:Oidc:ClientSecret"] = ClientSecret;
        configuration["FoiDesk:Auth:Oidc:DisplayName"] = "Test Provider";
        configuration["FoiDesk:Auth:Oidc:RequireHttpsMetadata"] = "false";
        configuration["FoiDesk:Auth:Oidc:RoleClaim"] = roleClaim;
        var prefix = roleClaim == "groups" ? "group-" : "FoiDesk.";
        configuration["FoiDesk:Auth:Oidc:Roles:IgOfficer:0"] = $"{prefix}IgOfficer";
        configuration["FoiDesk:Auth:Oidc:Roles:Commissioner:0"] = $"{prefix}Commissioner";
        configuration["FoiDesk:Auth:Oidc:Roles:Manager:0"] = $"{prefix}Manager";
        configuration["FoiDesk:Auth:Oidc:Roles:Admin:0"] = $"{prefix}Admin";
    }

    private async Task<IResult> LoginAsync(HttpContext http)
    {
        var form = await http.Request.ReadFormAsync();
        var login = form["username"].ToString();
        var returnUrl = form["returnUrl"].ToString();
        if (!_users.ContainsKey(login) || !returnUrl.StartsWith("/connect/", StringComparison.Ordinal))
        {
            return Results.Content(LoginForm(returnUrl, "Unknown user"), "text/html", statusCode: StatusCodes.Status400BadRequest);
        }

        Interlocked.Increment(ref _logins);
        await http.SignInAsync(SessionScheme, new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, login)], SessionScheme)));
        return Results.Redirect(returnUrl);
    }

    private async Task AuthorizeAsync(HttpContext http)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("not an OpenID Connect request");
        var session = await http.AuthenticateAsync(SessionScheme);
        if (!session.Succeeded || !_users.TryGetValue(session.Principal!.Identity!.Name!, out var user))
        {
            await http.ChallengeAsync(SessionScheme, new AuthenticationProperties { RedirectUri = http.Request.Path + http.Request.QueryString });
            return;
        }

        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, "roles");
        identity.SetClaim(Claims.Subject, user.Subject)
            .SetClaim(Claims.Email, user.Email)
            .SetClaim(Claims.Name, user.Name)
            .SetClaim(Claims.PreferredUsername, user.Email)
            .SetClaims("roles", [.. user.Roles])
            .SetClaims("groups", [.. user.Groups])
            .SetClaims("teams", [.. user.Teams]);
        identity.SetScopes(request.GetScopes());
        identity.SetDestinations(_ => [Destinations.IdentityToken, Destinations.AccessToken]);
        await http.SignInAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
    }

    private async Task EndSessionAsync(HttpContext http)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("not an OpenID Connect request");
        EndSessions.Enqueue((!string.IsNullOrEmpty(request.IdTokenHint), request.PostLogoutRedirectUri));
        await http.SignOutAsync(SessionScheme);
        // OpenIddict checks post_logout_redirect_uri against the registration and redirects there with the state.
        await http.SignOutAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, new AuthenticationProperties { RedirectUri = "/" });
    }

    private static string LoginForm(string returnUrl, string? error = null) => $"""
        <!DOCTYPE html>
        <html lang="en"><head><title>Test provider</title></head><body>
        <h1>Test provider sign-in</h1>
        {(error is null ? "" : $"<p role=\"alert\">{WebUtility.HtmlEncode(error)}</p>")}
        <form method="post" action="/login">
        <label for="username">Username</label> <input id="username" name="username" autocomplete="off">
        <input type="hidden" name="returnUrl" value="{WebUtility.HtmlEncode(returnUrl)}">
        <button type="submit">Continue at provider</button>
        </form></body></html>
        """;

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
