using System.Threading.RateLimiting;
using FoiDesk.Accounts;
using FoiDesk.Database;
using FoiDesk.Web.Api;
using FoiDesk.Web.Health;
using FoiDesk.Web.Jobs;
using FoiDesk.Web.SingleSignOn;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace FoiDesk.Web.Hosting;

/// <summary>Builds and runs the web host: UI, API, health and the job server (Hangfire).</summary>
public static class WebHost
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public static async Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            // Run from anywhere: templates, migrations and the built frontend live beside the binary.
            ContentRootPath = AppContext.BaseDirectory,
        });
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        var options = builder.Configuration.GetSection(FoiDeskOptions.Section).Get<FoiDeskOptions>() ?? new FoiDeskOptions();
        using var startupLoggers = LoggerFactory.Create(l => l.AddConsole());
        await using var database = await DatabaseStartup.StartAsync(
            builder.Configuration.GetConnectionString("FoiDesk"), options, startupLoggers, asServer: true, ct);

        await using var app = await BuildAsync(builder, database.ConnectionString, options, withScheduler: true, ct);
        await FirstStart.RunAsync(app.Services, options, Console.Out, ct);
        await app.StartAsync(ct);
        var url = app.Urls.FirstOrDefault() ?? DefaultUrl;
        // Printed to the console for the operator; ops/run relays it.
        await Console.Out.WriteLineAsync($"FoiDesk is running at {url} (data directory {options.FullDataDirectory}{(database.IsEmbedded ? ", private PostgreSQL" : "")}). Press Ctrl-C to stop.");
        await app.WaitForShutdownAsync(ct);
        return 0;
    }

    /// <summary>
    /// Registers everything, builds the app, applies migrations and maps the pipeline: what 'serve' runs, and
    /// what the web tests start in-process (with their own database, clock and no job server).
    /// </summary>
    public static async Task<WebApplication> BuildAsync(WebApplicationBuilder builder, string connectionString, FoiDeskOptions options, bool withScheduler, CancellationToken ct, Action<IServiceCollection>? overrides = null)
    {
        builder.Services.AddFoiDeskCore(builder.Configuration, connectionString);
        builder.Services.AddFoiDeskJobStorage();
        builder.Services.AddFoiDeskTelemetry(builder.Configuration);
        if (withScheduler)
        {
            builder.Services.AddFoiDeskJobServer();
        }

        AddWeb(builder);
        overrides?.Invoke(builder.Services);
        var app = builder.Build();
        var migrations = MigrationRunner.Load(options.ResolvedMigrationsDirectory);
        await app.Services.GetRequiredService<MigrationRunner>().ApplyAsync(migrations, ct);
        await JobServices.PrepareStorageAsync(app.Services, ct);
        PrivateFolders.Secure(options);
        UseWeb(app);
        return app;
    }

    private static void AddWeb(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSearchPolicy();
        services.AddFoiDeskSignIn(builder.Configuration, builder.Environment);
        services.AddFoiDeskSingleSignOn(builder.Configuration);
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin))
            .AddPolicy(Policies.Officer, p => p.RequireRole(Roles.IgOfficer))
            .AddPolicy(Policies.Approver, p => p.RequireRole(Roles.IgOfficer, Roles.Manager))
            .AddPolicy(Policies.Manager, p => p.RequireRole(Roles.Manager, Roles.IgOfficer))
            .AddPolicy(Policies.Commissioner, p => p.RequireRole(Roles.Commissioner, Roles.IgOfficer));
        services.AddRazorPages(o =>
            {
                o.Conventions.AllowAnonymousToPage("/Account/SignIn");
                o.Conventions.AllowAnonymousToPage("/Account/AccessDenied");
            })
            // Named explicitly so the pages are found when another assembly (the tests) is the entry point.
            .AddApplicationPart(typeof(WebHost).Assembly);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Against password guessing: 10 sign-in attempts a minute from one address (and the account
            // locks after 5 failures, see AccountService). Showing the form is not an attempt.
            o.AddPolicy(Policies.SignInRateLimit, http => HttpMethods.IsGet(http.Request.Method) ? RateLimitPartition.GetNoLimiter("form") : RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = 10, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
        services.AddFoiDeskApi();
    }

    private static void UseWeb(WebApplication app)
    {
        app.UseFoiDeskTransport();
        app.UseMiddleware<SecurityHeaders>();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error");
        }

        app.UseStaticFiles();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMiddleware<MustChangePassword>();
        app.UseMiddleware<MustEnrolTwoStep>();
        HealthEndpoint.Map(app);
        app.MapRazorPages();
        app.MapFoiDeskApi();
        app.MapFoiDeskJobsDashboard();
    }
}

/// <summary>Authorisation policy names used by pages and API endpoints.</summary>
public static class Policies
{
    public const string Admin = "admin";
    public const string Officer = "officer";
    public const string Approver = "approver";
    public const string Manager = "manager";
    public const string Commissioner = "commissioner";
    public const string SignInRateLimit = "sign-in";
}
