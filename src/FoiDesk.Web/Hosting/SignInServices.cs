using FoiDesk.Accounts;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace FoiDesk.Web.Hosting;

/// <summary>Sign-in and sessions: the session cookie, its server-side check and the settings behind them.</summary>
public static class SignInServices
{
    public static IServiceCollection AddFoiDeskSignIn(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddOptions<AuthOptions>().Bind(configuration.GetSection(AuthOptions.Section));
        var auth = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        var secure = auth.SecureCookies ?? !environment.IsDevelopment();
        services.AddSingleton<AccountSessions>();
        services.AddSingleton<SessionValidator>();
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
            o.Cookie.SecurePolicy = secure ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        });
        return services;
    }
}
