using System.Security.Cryptography.X509Certificates;
using FoiDesk.Accounts;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.HttpOverrides;
using Npgsql;

namespace FoiDesk.Web.Hosting;

/// <summary>Sign-in and sessions: the session cookie, its server-side check and the settings behind them.</summary>
public static class SignInServices
{
    public static IServiceCollection AddFoiDeskSignIn(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddOptions<AuthOptions>().Bind(configuration.GetSection(AuthOptions.Section));
        var auth = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        var secure = auth.SecureCookies ?? !environment.IsDevelopment();
        services.AddSingleton<SessionValidator>();
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<PendingSignIn>();
        services.AddSingleton<SignInCompletion>();
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.LoginPath = "/sign-in";
                o.LogoutPath = "/sign-out";
                o.AccessDeniedPath = "/access-denied";
                o.Cookie.Name = "foidesk";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = secure ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
                // Sessions end after 60 minutes idle (sliding), and 8 hours after sign-in however active
                // (SessionValidator, from the signed_in_at claim that renewal keeps).
                o.ExpireTimeSpan = TimeSpan.FromMinutes(60);
                o.SlidingExpiration = true;
                o.Events.OnValidatePrincipal = ctx => ctx.HttpContext.RequestServices.GetRequiredService<SessionValidator>().ValidateAsync(ctx);
            });
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "foidesk-af";
            o.Cookie.SameSite = SameSiteMode.Strict;
            // Secure whenever the request is HTTPS (directly, or per X-Forwarded-Proto from a known proxy). Not
            // Always: the framework refuses to issue such a token over plain HTTP, which ops/run on loopback
            // uses. The token alone is worthless without the session cookie, which is always Secure.
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        AddKeyRing(services, auth);
        AddForwardedHeaders(services, auth);
        return services;
    }

    /// <summary>
    /// Behind a TLS proxy (issue 16, M8): the client's address and scheme come from X-Forwarded-For and
    /// X-Forwarded-Proto, believed only from the configured proxies. The framework's default of trusting
    /// loopback is cleared, so with nothing configured no forwarded header is believed.
    /// </summary>
    public static IApplicationBuilder UseFoiDeskTransport(this WebApplication app)
    {
        var auth = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<AuthOptions>>().Value;
        app.UseForwardedHeaders();
        if (auth.HttpsRedirection)
        {
            app.UseHttpsRedirection();
        }

        return app;
    }

    private static void AddForwardedHeaders(IServiceCollection services, AuthOptions auth) =>
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in auth.KnownProxies)
            {
                o.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
            }

            foreach (var network in auth.KnownNetworks)
            {
                o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });

    private static void AddKeyRing(IServiceCollection services, AuthOptions auth)
    {
        var protection = services.AddDataProtection().SetApplicationName("FoiDesk");
        services.AddOptions<KeyManagementOptions>().Configure<NpgsqlDataSource>((o, db) => o.XmlRepository = new DatabaseKeyRepository(db));
        if (!string.IsNullOrEmpty(auth.KeyCertificatePath))
        {
            // Keys at rest are encrypted to this certificate; a database reader alone cannot forge cookies.
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(auth.KeyCertificatePath, auth.KeyCertificatePassword);
            protection.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
        }
    }
}
