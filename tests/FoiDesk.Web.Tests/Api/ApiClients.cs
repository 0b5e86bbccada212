using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using FoiDesk.Accounts;
using FoiDesk.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace FoiDesk.Web.Tests.Api;

/// <summary>API clients signed in with a real API token, and the few calls the API tests share.</summary>
internal static class ApiClients
{
    /// <summary>A client sending a fresh token of the test account holding that role.</summary>
    public static Task<HttpClient> BearerAsync(TestWebApp app, string role) => BearerForEmailAsync(app, TestWebApp.EmailFor(role));

    public static async Task<HttpClient> BearerForEmailAsync(TestWebApp app, string email)
    {
        var accounts = app.Services.GetRequiredService<AccountService>();
        var account = (await accounts.ListAsync(CancellationToken.None)).Single(a => a.Email == email);
        var token = await app.Services.GetRequiredService<ApiTokenStore>().CreateAsync(account.Id, "test", CancellationToken.None);
        var http = new HttpClient { BaseAddress = app.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Secret);
        return http;
    }

    public static async Task<long> AccountIdAsync(TestWebApp app, string email) =>
        (await app.Services.GetRequiredService<AccountService>().ListAsync(CancellationToken.None)).Single(a => a.Email == email).Id;

    public static Uri Path(string path) => new(path, UriKind.Relative);

    public static async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpClient http, HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, Path(path));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    public static Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(HttpClient http, string path) => SendAsync(http, HttpMethod.Get, path);

    public static Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(HttpClient http, string path, object? body = null) => SendAsync(http, HttpMethod.Post, path, body);

    public static Task<(HttpStatusCode Status, JsonElement Body)> PutAsync(HttpClient http, string path, object body) => SendAsync(http, HttpMethod.Put, path, body);

    /// <summary>The fields a validation problem names (its "errors" object).</summary>
    public static IReadOnlyList<string> ErrorFields(JsonElement problem) =>
        problem.TryGetProperty("errors", out var errors) ? [.. errors.EnumerateObject().Select(e => e.Name)] : [];
}
