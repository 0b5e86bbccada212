using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using FoiDesk.Accounts;
using FoiDesk.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace FoiDesk.Web.Tests.Authorization;

/// <summary>A caller of the matrix: anonymous (no role), or a role signed in with a cookie or presenting an API token.</summary>
public sealed record Caller(string? Role, bool Bearer)
{
    public override string ToString() => Role is null ? "anonymous" : Bearer ? $"{Role} (API token)" : Role;
}

/// <summary>
/// Every route of the running app (pages and API, from the endpoint data source) against anonymous, every role
/// signed in, and every role with an API token: routes.txt says who may use each, a real request says who can.
/// A new route without a line, or a line whose route is gone, fails the build.
/// </summary>
public sealed partial class AuthorizationMatrixTests
{
    /// <summary>
    /// Security review H2: API tokens are accepted on /api/v1 only; anywhere else a token counts for nothing
    /// and the caller is treated as anonymous (ApiAuthentication, issue 16).
    /// </summary>
    public static bool BearerOnlyOnApi => true;

    private static readonly Caller[] Callers =
    [
        new(null, false),
        .. Roles.All.Select(r => new Caller(r, false)),
        .. Roles.All.Select(r => new Caller(r, true)),
    ];

    /// <summary>What routes.txt expects for a caller, with the API-token rule above applied.</summary>
    public static bool Expected(RouteRule rule, Caller caller) =>
        caller.Bearer && BearerOnlyOnApi && !rule.Template.StartsWith("/api/v1/", StringComparison.Ordinal)
            ? rule.AllowsAnonymous
            : rule.Allows(caller.Role);

    private TestWebApp _app = null!;
    private SingleSignOn.TestIdentityProvider _provider = null!;
    private IReadOnlyList<AppEndpoint> _endpoints = [];
    private IReadOnlyList<RouteRule> _rules = [];
    private readonly Dictionary<string, string> _routeValues = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, CookieContainer> _signedIn = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _tokens = new(StringComparer.Ordinal);

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        // With single sign-on configured (issue 16), so its pages and the OpenID Connect handler's paths are covered.
        _provider = await SingleSignOn.TestIdentityProvider.StartAsync();
        _app = await TestWebApp.StartAsync(configure: c => _provider.Configure(c));
        await _provider.RegisterClientAsync(_app.BaseAddress);
        _endpoints = await AppEndpoints.ListAsync(_app.Services);
        _rules = RouteTable.Load();

        // Values for route parameters, from real test data. Add one when you add a parameter name.
        _routeValues["reference"] = await SeedCase.OpenAsync(_app);
        _routeValues["documentName"] = "v1";
        _routeValues["letter"] = "refusal";
        // The jobs dashboard's recurring jobs page (a POST there is not one of its commands: 404 for an admin).
        _routeValues["path"] = "recurring";
        // The calendar feed's secret: an unknown one is simply not found, which is what anonymous callers get.
        _routeValues["token"] = "0000000000000000000000000000000000000000000";

        // A question of that case assigned to the commissioner (with an attachment), and its raw message.
        await using var conn = await new Npgsql.NpgsqlDataSourceBuilder(_app.ConnectionString).Build().OpenConnectionAsync();
        var ids = await Dapper.SqlMapper.QuerySingleAsync<(long QuestionId, long RawId, long AccountId, long TeamId)>(conn, """
            select q.id, m.raw_email_id, a.id, t.id
            from foi_case c
            join question q on q.case_id = c.id and q.position = 1
            join incoming_message m on m.case_id = c.id
            cross join (select id from account where email = @commissioner) a
            cross join (select id from team order by id limit 1) t
            where c.reference = @reference
            """, new { commissioner = TestWebApp.EmailFor("commissioner"), reference = _routeValues["reference"] });
        await Dapper.SqlMapper.ExecuteAsync(conn, """
            insert into team_member (team_id, account_id) values (@TeamId, @AccountId) on conflict do nothing;
            update question set team_id = @TeamId, assignee_id = @AccountId, assigned_at = now(), status = 'assigned' where id = @QuestionId;
            """, new { ids.TeamId, ids.AccountId, ids.QuestionId });
        var attachmentId = await Dapper.SqlMapper.ExecuteScalarAsync<long>(conn,
            "insert into question_attachment (question_id, file_name, content_type, size, bytes, uploaded_by, uploaded_at) values (@QuestionId, 'table.csv', 'text/csv', 3, 'a,b'::bytea, @AccountId, now()) returning id",
            new { ids.QuestionId, ids.AccountId });
        _routeValues["id"] = ids.QuestionId.ToString(CultureInfo.InvariantCulture);
        _routeValues["rawId"] = ids.RawId.ToString(CultureInfo.InvariantCulture);
        _routeValues["attachmentId"] = attachmentId.ToString(CultureInfo.InvariantCulture);

        // An API token per role.
        var tokens = _app.Services.GetRequiredService<ApiTokenStore>();
        foreach (var role in Roles.All)
        {
            var accountId = await Dapper.SqlMapper.ExecuteScalarAsync<long>(conn, "select id from account where email = @email", new { email = TestWebApp.EmailFor(role) });
            _tokens[role] = (await tokens.CreateAsync(accountId, "authorisation matrix", CancellationToken.None)).Secret;
        }
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _app.DisposeAsync();
        await _provider.DisposeAsync();
    }

    // Old code: passed (the matrix predates issue 16, df12cb7); it makes a new route without a rule fail the build.
    [Test]
    public void RoutesTxt_EveryEndpointHasALine()
    {
        var ruled = _rules.Select(r => r.ToString()).ToHashSet(StringComparer.Ordinal);

        var missing = _endpoints.Where(e => !ruled.Contains(e.ToString())).Select(e => $"{e}   ({e.DisplayName})").ToList();

        Assert.That(missing, Is.Empty, $"add these to {RouteTable.FilePath} with the roles allowed");
    }

    // Old code: passed; it keeps routes.txt free of routes that no longer exist.
    [Test]
    public void RoutesTxt_EveryLineNamesAnEndpoint()
    {
        var existing = _endpoints.Select(e => e.ToString()).ToHashSet(StringComparer.Ordinal);

        var stale = _rules.Where(r => !existing.Contains(r.ToString())).Select(r => $"line {r.Line}: {r}").ToList();

        Assert.That(stale, Is.Empty, "routes.txt names routes the app does not have");
    }

    // Old code: passed; it makes every route state its rule rather than inherit the fallback by accident.
    [Test]
    [Description("The fallback policy (signed in) catches a forgotten attribute, but a route's rule should be stated, not inherited by accident.")]
    public void Endpoints_EachHasExplicitAuthorizationMetadata()
    {
        var implicitOnly = _endpoints.Where(e => !e.HasAuthorizeData && !e.AllowsAnonymous).Select(e => $"{e}   ({e.DisplayName})").ToList();

        Assert.That(implicitOnly, Is.Empty, "give each an [Authorize(Policy = ...)] / [AllowAnonymous] or .RequireAuthorization(...) / .AllowAnonymous()");
    }

    // Old code (H2): a bearer token counted as its account's cookie on every page, so with BearerOnlyOnApi true the token callers were let into non-API pages and this failed (it ran with BearerOnlyOnApi false until 4f8c7ff).
    [Test]
    public async Task Matrix_EachRouteAndCaller_AllowedOrRefusedAsRoutesTxtSays()
    {
        var wrong = new List<string>();
        foreach (var rule in _rules)
        {
            foreach (var caller in Callers)
            {
                var (status, location) = await RequestAsync(rule, caller);
                // The access-denied page answers 403 by design: that is its content, not a refusal.
                var refused = status is HttpStatusCode.Unauthorized
                    || (status is HttpStatusCode.Forbidden && rule.Template != "/access-denied")
                    || (status is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther
                        && (location.Contains("/sign-in", StringComparison.OrdinalIgnoreCase) || location.Contains("/access-denied", StringComparison.OrdinalIgnoreCase)));
                var expected = Expected(rule, caller);
                if (refused == expected || (expected && status == HttpStatusCode.InternalServerError))
                {
                    wrong.Add($"{rule} as {caller}: {(int)status} {location} (routes.txt line {rule.Line} says {(expected ? "allowed" : "refused")})");
                }
            }
        }

        Assert.That(wrong, Is.Empty);
    }

    private async Task<(HttpStatusCode Status, string Location)> RequestAsync(RouteRule rule, Caller caller)
    {
        // A token caller has no sign-in cookie: only its token (and the anti-forgery cookie a form hands out).
        var cookies = LoopbackClients.Copy(await CookiesForAsync(caller.Bearer ? null : caller.Role), _app.BaseAddress);
        using var http = LoopbackClients.Create(_app.BaseAddress, AddressFor(caller), cookies);
        if (caller is { Bearer: true, Role: { } role })
        {
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", _tokens[role]);
        }

        var path = Fill(rule.Template);
        using var request = new HttpRequestMessage(new HttpMethod(rule.Method), new Uri(path, UriKind.Relative));
        if (rule.Method != "GET")
        {
            // Unsafe methods carry the caller's anti-forgery token, so a refusal is the rule's and not the token's.
            var token = await AntiforgeryTokenAsync(http, caller);
            request.Headers.Add("RequestVerificationToken", token);
            request.Content = path.StartsWith("/api/", StringComparison.Ordinal)
                ? new StringContent("{}", Encoding.UTF8, "application/json")
                : new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token });
        }

        using var response = await http.SendAsync(request);
        if (rule.Method == "POST" && rule.Template == "/sign-out")
        {
            // Signing out ends the session on the server (issue 16, H1): the next request signs in afresh.
            _signedIn.Remove((caller.Bearer ? null : caller.Role) ?? "anonymous");
        }

        return (response.StatusCode, response.Headers.Location?.OriginalString ?? "");
    }

    private async Task<CookieContainer> CookiesForAsync(string? role)
    {
        var key = role ?? "anonymous";
        if (_signedIn.TryGetValue(key, out var cookies))
        {
            return cookies;
        }

        cookies = new CookieContainer();
        if (role is not null)
        {
            using var http = LoopbackClients.Create(_app.BaseAddress, AddressFor(new Caller(role, false)), cookies);
            var form = await http.GetStringAsync(new Uri("/sign-in", UriKind.Relative));
            using var body = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Email"] = TestWebApp.EmailFor(role),
                ["Password"] = TestWebApp.Password,
                ["__RequestVerificationToken"] = TestWebApp.AntiforgeryToken(form),
            });
            var response = await http.PostAsync(new Uri("/sign-in", UriKind.Relative), body);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), $"sign-in as {role}");
        }

        _signedIn[key] = cookies;
        return cookies;
    }

    /// <summary>A form token for this caller from a page every caller of that kind may open.</summary>
    private static async Task<string> AntiforgeryTokenAsync(HttpClient http, Caller caller)
    {
        var anonymousOnPages = caller.Role is null || (caller.Bearer && BearerOnlyOnApi);
        var page = anonymousOnPages ? "/sign-in" : "/account/api-tokens";
        return TestWebApp.AntiforgeryToken(await http.GetStringAsync(new Uri(page, UriKind.Relative)));
    }

    private static IPAddress AddressFor(Caller caller) =>
        IPAddress.Parse(string.Create(CultureInfo.InvariantCulture, $"127.0.0.{10 + Array.IndexOf(Callers, caller)}"));

    private string Fill(string template) => Parameter().Replace(template, m =>
        _routeValues.TryGetValue(m.Groups[1].Value, out var v)
            ? Uri.EscapeDataString(v)
            : throw new InvalidOperationException($"no test value for route parameter {{{m.Groups[1].Value}}}: add one in {nameof(StartAsync)}"));

    [GeneratedRegex(@"\{\*{0,2}([A-Za-z0-9_]+)(?::[^}]*)?\??\}")]
    private static partial Regex Parameter();
}
