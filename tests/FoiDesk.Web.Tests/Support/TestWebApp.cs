using System.Net;
using System.Text.RegularExpressions;
using FoiDesk.Accounts;
using FoiDesk.Tests.Database;
using FoiDesk.Tests.Support;
using FoiDesk.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace FoiDesk.Web.Tests.Support;

/// <summary>
/// The real FoiDesk web app, started in-process on 127.0.0.1 with a port the OS picks, against a fresh
/// migrated test database, with a clock the test controls and no scheduler. One account per role exists:
/// sign in with <see cref="ClientAsync"/>.
/// </summary>
public sealed partial class TestWebApp : IAsyncDisposable
{
    public const string Password = "correct horse battery staple";

    private readonly string _dataDirectory;

    private TestWebApp(WebApplication app, Uri baseAddress, string connectionString, ManualTime time, string dataDirectory)
    {
        App = app;
        BaseAddress = baseAddress;
        ConnectionString = connectionString;
        Time = time;
        _dataDirectory = dataDirectory;
    }

    public WebApplication App { get; }

    public Uri BaseAddress { get; }

    public string ConnectionString { get; }

    public ManualTime Time { get; }

    public IServiceProvider Services => App.Services;

    /// <summary>Email of the account holding each role (one role each), e.g. Accounts["commissioner"].</summary>
    public static string EmailFor(string role) => $"{role}@test.foidesk.local";

    public static async Task<TestWebApp> StartAsync(DateTimeOffset? now = null, Action<IServiceCollection>? overrides = null, Action<Microsoft.Extensions.Configuration.IConfiguration>? configure = null)
    {
        var connectionString = await TestCluster.CreateDatabaseAsync();
        var time = new ManualTime(now ?? new DateTimeOffset(2025, 3, 12, 10, 0, 0, TimeSpan.Zero));
        var app = await StartHostAsync(connectionString, time, overrides, configure);
        var accounts = app.App.Services.GetRequiredService<AccountService>();
        foreach (var role in Roles.All)
        {
            await accounts.CreateAsync(EmailFor(role), $"Test {role}", Password, [role], mustChangePassword: false, CancellationToken.None);
        }

        return app;
    }

    /// <summary>A second host on this one's database (and clock), as behind a load balancer.</summary>
    public Task<TestWebApp> StartAnotherHostAsync(Action<Microsoft.Extensions.Configuration.IConfiguration>? configure = null) =>
        StartHostAsync(ConnectionString, Time, null, configure);

    private static async Task<TestWebApp> StartHostAsync(string connectionString, ManualTime time, Action<IServiceCollection>? overrides, Action<Microsoft.Extensions.Configuration.IConfiguration>? configure)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), $"fdw-{Guid.NewGuid().ToString("N")[..8]}");
        var options = new FoiDeskOptions
        {
            DataDirectory = dataDirectory,
            DemoData = false,
            MigrationsDirectory = TestCluster.MigrationsDirectory,
        };
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ContentRootPath = HostContentRoot,
            EnvironmentName = "Production",
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration["FoiDesk:DataDirectory"] = dataDirectory;
        builder.Configuration["FoiDesk:MigrationsDirectory"] = TestCluster.MigrationsDirectory;
        // HttpClient over plain HTTP does not send Secure cookies back; TransportTests checks the default.
        builder.Configuration["FoiDesk:Auth:SecureCookies"] = "false";
        // 600,000 PBKDF2 iterations cost a second a hash on a busy test machine; SignInTests checks the default.
        builder.Configuration["FoiDesk:Auth:PasswordIterations"] = "10000";
        configure?.Invoke(builder.Configuration);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = await WebHost.BuildAsync(builder, connectionString, options, withScheduler: false, CancellationToken.None, services =>
        {
            services.Replace(ServiceDescriptor.Singleton<TimeProvider>(time));
            overrides?.Invoke(services);
        });
        await app.StartAsync();
        return new TestWebApp(app, new Uri(app.Urls.First()), connectionString, time, dataDirectory);
    }

    /// <summary>The host project's build output: its wwwroot (built GOV.UK Frontend) and Razor views.</summary>
    private static string HostContentRoot => Path.GetDirectoryName(Hosting.HostProcess.HostDll)!;

    /// <summary>An HTTP client (cookies kept, redirects not followed), signed in as the account with that role, or anonymous when null.</summary>
    public async Task<HttpClient> ClientAsync(string? role)
    {
        var handler = new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() };
        var http = new HttpClient(handler) { BaseAddress = BaseAddress };
        if (role is null)
        {
            return http;
        }

        var form = await http.GetStringAsync(new Uri("/sign-in", UriKind.Relative));
        using var body = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = EmailFor(role),
            ["Password"] = Password,
            ["__RequestVerificationToken"] = AntiforgeryToken(form),
        });
        var response = await http.PostAsync(new Uri("/sign-in", UriKind.Relative), body);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"sign-in as {role} failed: {response.StatusCode}");
        }

        return http;
    }

    /// <summary>The anti-forgery token of a page's form, for posting it back.</summary>
    public static string AntiforgeryToken(string html) => TokenField().Match(html) is { Success: true } m
        ? m.Groups[1].Value
        : throw new InvalidOperationException("no anti-forgery token on the page");

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }
}
