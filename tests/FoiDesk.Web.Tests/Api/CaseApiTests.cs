using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using FoiDesk.Accounts;
using FoiDesk.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace FoiDesk.Web.Tests.Api;

/// <summary>The JSON API against the real app: bearer tokens, cookies, problems, and the clock.</summary>
public sealed class CaseApiTests
{
    private TestWebApp _app = null!;
    private string _reference = "";

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _app = await TestWebApp.StartAsync();
        _reference = await SeedCase.OpenAsync(_app);
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _app.DisposeAsync();

    private Task<HttpClient> BearerClientAsync(string role) => ApiClients.BearerAsync(_app, role);

    [Test]
    public async Task GetCase_Bearer_ReturnsQuestionsAndDeadlinesWithWorking()
    {
        using var http = await BearerClientAsync(Roles.IgOfficer);

        var response = await http.GetAsync(new Uri($"/api/v1/cases/{_reference}", UriKind.Relative));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var root = json.RootElement;
        Assert.That(root.GetProperty("case").GetProperty("reference").GetString(), Is.EqualTo(_reference));
        Assert.That(root.GetProperty("questions").GetArrayLength(), Is.GreaterThan(0));
        Assert.That(root.GetProperty("deadlines").GetProperty("dates").TryGetProperty("response_due", out _), Is.True);
        Assert.That(root.GetProperty("deadlines").GetProperty("working").GetArrayLength(), Is.GreaterThan(0));
    }

    [Test]
    public async Task ListCases_Bearer_ContainsSeedCase()
    {
        using var http = await BearerClientAsync(Roles.Manager);

        var cases = await http.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/cases", UriKind.Relative));

        Assert.That(cases.EnumerateArray().Select(c => c.GetProperty("reference").GetString()), Does.Contain(_reference));
    }

    [Test]
    public async Task RecordClockEvent_NotAllowedForRegime_400ProblemJson()
    {
        using var http = await BearerClientAsync(Roles.IgOfficer);

        // id_received belongs to subject access only; FOIA rejects it rather than ignoring it.
        var response = await http.PostAsJsonAsync(new Uri($"/api/v1/cases/{_reference}/clock-events", UriKind.Relative), new { name = "id_received", date = "2025-03-12" });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("id_received"));
    }

    [Test]
    [Description("Was run on a second copy of the seed message, which intake rightly files on the shared seed case (same WhatDoTheyKnow address): the case must be its own.")]
    public async Task RecordClockEvent_ClarificationSent_PutsCaseOnHold()
    {
        // A case of its own, opened directly: no other test records clock events on it.
        var reference = (await Pages.OfficerTestData.OpenCaseAsync(_app, "clarify", regime: "foia")).Reference;
        Assert.That(reference, Is.Not.EqualTo(_reference));
        using var http = await BearerClientAsync(Roles.IgOfficer);

        var response = await http.PostAsJsonAsync(new Uri($"/api/v1/cases/{reference}/clock-events", UriKind.Relative), new { name = "clarification_sent", date = "2025-03-12", note = "which years?" });
        var detail = await http.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/cases/{reference}", UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        Assert.That(detail.GetProperty("case").GetProperty("status").GetString(), Is.EqualTo("on-hold"));
        var events = detail.GetProperty("clockEvents");
        Assert.That(events.GetArrayLength(), Is.EqualTo(1));
        Assert.That(events[0].GetProperty("name").GetString(), Is.EqualTo("clarification_sent"));
        Assert.That(events[0].GetProperty("recordedBy").GetString(), Is.EqualTo(TestWebApp.EmailFor(Roles.IgOfficer)));
        var seed = await http.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/cases/{_reference}", UriKind.Relative));
        Assert.That(seed.GetProperty("case").GetProperty("status").GetString(), Is.Not.EqualTo("on-hold"), "the shared seed case is untouched");
    }

    [Test]
    public async Task Api_NoCredentials_401ProblemJsonNotRedirect()
    {
        using var http = await _app.ClientAsync(null);

        var response = await http.GetAsync(new Uri("/api/v1/cases", UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That(response.Headers.WwwAuthenticate.ToString(), Does.StartWith("Bearer"));
    }

    [Test]
    public async Task Api_UnknownToken_401()
    {
        using var http = new HttpClient { BaseAddress = _app.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "fdk_not-a-real-token");

        var response = await http.GetAsync(new Uri("/api/v1/cases", UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task Api_CookieWrongRole_403ProblemJsonNotRedirect()
    {
        using var http = await _app.ClientAsync(Roles.Commissioner);

        var response = await http.GetAsync(new Uri("/api/v1/cases", UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
    }

    [Test]
    public async Task Api_BearerWrongRole_403()
    {
        using var http = await BearerClientAsync(Roles.Admin);

        var response = await http.GetAsync(new Uri("/api/v1/cases", UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task Api_CookiePostWithoutAntiforgery_400_WithToken_Accepted()
    {
        using var http = await _app.ClientAsync(Roles.IgOfficer);
        var page = await http.GetStringAsync(new Uri("/cases", UriKind.Relative));
        var uri = new Uri($"/api/v1/cases/{_reference}/clock-events", UriKind.Relative);
        // An event the regime refuses: with a valid token it reaches the clock (and is refused there), so
        // nothing changes on the shared case.
        var body = new { name = "id_received", date = "2025-03-12" };

        var without = await http.PostAsJsonAsync(uri, body);
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = JsonContent.Create(body) };
        request.Headers.Add("RequestVerificationToken", TestWebApp.AntiforgeryToken(page));
        var with = await http.SendAsync(request);

        Assert.That(without.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await without.Content.ReadAsStringAsync(), Does.Contain("anti-forgery"));
        Assert.That(with.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await with.Content.ReadAsStringAsync(), Does.Contain("id_received"));
    }

    [Test]
    public async Task Token_Revoked_NoLongerSignsIn()
    {
        var store = _app.Services.GetRequiredService<ApiTokenStore>();
        var account = (await _app.Services.GetRequiredService<AccountService>().ListAsync(CancellationToken.None)).Single(a => a.Email == TestWebApp.EmailFor(Roles.Manager));
        var token = await store.CreateAsync(account.Id, "to revoke", CancellationToken.None);
        using var http = new HttpClient { BaseAddress = _app.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Secret);

        var before = await http.GetAsync(new Uri("/api/v1/cases", UriKind.Relative));
        await store.RevokeAsync(account.Id, token.Token.Id, CancellationToken.None);
        var after = await http.GetAsync(new Uri("/api/v1/cases", UriKind.Relative));

        Assert.That(before.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((await store.ListAsync(account.Id, CancellationToken.None)).Single(t => t.Id == token.Token.Id).LastUsedAt, Is.Not.Null);
    }

    [Test]
    public async Task OpenApi_DescribesBearerSchemeAndCaseRoutes()
    {
        using var http = await _app.ClientAsync(null);

        var doc = await http.GetFromJsonAsync<JsonElement>(new Uri("/openapi/v1.json", UriKind.Relative));

        var scheme = doc.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        Assert.That(scheme.GetProperty("type").GetString(), Is.EqualTo("http"));
        Assert.That(scheme.GetProperty("scheme").GetString(), Is.EqualTo("bearer"));
        Assert.That(doc.GetProperty("paths").TryGetProperty("/api/v1/cases/{reference}/clock-events", out _), Is.True);
    }
}
