using System.Net;
using FoiDesk.Web.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace FoiDesk.Web.Tests.SingleSignOn;

/// <summary>The in-process provider, and FoiDesk (TestWebApp) configured to sign in through it and registered with it as a client.</summary>
public sealed class SsoTestApp : IAsyncDisposable
{
    private SsoTestApp(TestIdentityProvider provider, TestWebApp app)
    {
        Provider = provider;
        App = app;
    }

    public TestIdentityProvider Provider { get; }

    public TestWebApp App { get; }

    public static async Task<SsoTestApp> StartAsync(string roleClaim = "roles", Action<IConfiguration>? configure = null)
    {
        var provider = await TestIdentityProvider.StartAsync();
        try
        {
            // The real time: the browser (or HttpClient) drops the handler's correlation and nonce cookies when they
            // expire by the app's clock, and the provider stamps its tokens with the real time.
            var app = await TestWebApp.StartAsync(now: TimeProvider.System.GetUtcNow(), configure: c =>
            {
                provider.Configure(c, roleClaim);
                configure?.Invoke(c);
            });
            await provider.RegisterClientAsync(app.BaseAddress);
            return new SsoTestApp(provider, app);
        }
        catch
        {
            await provider.DisposeAsync();
            throw;
        }
    }

    /// <summary>A client with its own cookies (for FoiDesk and the provider alike) that follows no redirect by itself.</summary>
    public static HttpClient NewClient() => new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() });

    /// <summary>
    /// Signs in through the provider as a browser would, without one: /sso, the provider's authorisation endpoint,
    /// its login form, back to /signin-oidc with the code, and /sso/complete, whose response is returned.
    /// </summary>
    public async Task<HttpResponseMessage> SignInAsync(HttpClient http, string login)
    {
        var response = await http.GetAsync(new Uri(App.BaseAddress, "/sso"));
        for (var hop = 0; hop < 12; hop++)
        {
            if (response.StatusCode is not (HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther))
            {
                return response;
            }

            var next = new Uri(response.RequestMessage!.RequestUri!, response.Headers.Location!);
            response.Dispose();
            if (next.Port == Provider.Authority.Port && next.AbsolutePath == "/login")
            {
                var returnUrl = System.Web.HttpUtility.ParseQueryString(next.Query)["ReturnUrl"] ?? "";
                using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = login, ["returnUrl"] = returnUrl });
                response = await http.PostAsync(new Uri(Provider.Authority, "/login"), form);
            }
            else
            {
                response = await http.GetAsync(next);
            }
        }

        throw new InvalidOperationException("too many redirects");
    }

    /// <summary>Follows redirects from a response, to wherever they end.</summary>
    public static async Task<HttpResponseMessage> FollowAsync(HttpClient http, HttpResponseMessage response)
    {
        for (var hop = 0; hop < 12 && response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther; hop++)
        {
            var next = new Uri(response.RequestMessage!.RequestUri!, response.Headers.Location!);
            response.Dispose();
            response = await http.GetAsync(next);
        }

        return response;
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Provider.DisposeAsync();
    }
}
