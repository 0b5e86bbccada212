using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using FoiDesk.Calendar;
using FoiDesk.Web.Tests.Api;
using FoiDesk.Web.Tests.Authorization;
using FoiDesk.Web.Tests.Manager;
using FoiDesk.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace FoiDesk.Web.Tests.Security;

/// <summary>
/// Security review M1: a commissioner must never learn who asked. CaseFixtures opens cases from "Alex
/// Requester" &lt;alex@example.org&gt;; here the subject names them too, as an email subject can.
/// </summary>
public sealed partial class M1CommissionerNeverSeesRequesterTests
{
    private const string Name = "Alex";
    private const string Email = "alex@example.org";

    private static async Task<(long QuestionId, string Reference)> AssignedCaseAsync(TestWebApp app, string question)
    {
        var commissioner = await CaseFixtures.AccountIdAsync(app, "commissioner");
        var (caseId, reference) = await CaseFixtures.OpenAsync(app, CaseFixtures.At(2025, 3, 3), "Letter from Alex Requester", [question]);
        await CaseFixtures.ExecuteAsync(app, "update foi_case set request_text = 'Dear council, I am Alex Requester. ' || request_text where id = @caseId", new { caseId });
        await CaseFixtures.ExecuteAsync(app, "update question set assignee_id = @commissioner, assigned_at = now(), status = 'assigned' where case_id = @caseId", new { commissioner, caseId });
        return (await CaseFixtures.ScalarAsync<long>(app, "select id from question where case_id = @caseId", new { caseId }), reference);
    }

    // Old code: the case snippet began with the requester's name ("Alex Requester – Letter from ..."), the
    // heading showed the subject, the question snippet showed the address, and searching the requester's name
    // found the case through foi_case.search.
    [Test]
    public async Task M1_CommissionerSearch_NeitherShowsNorMatchesTheRequester()
    {
        await using var app = await TestWebApp.StartAsync();
        var (questionId, reference) = await AssignedCaseAsync(app, $"How many zebra crossings are there? Reply to {Email} please.");
        using var commissioner = await app.ClientAsync("commissioner");

        var byTopic = await commissioner.GetStringAsync(new Uri("/search?q=zebra", UriKind.Relative));
        var byName = await commissioner.GetStringAsync(new Uri("/search?q=Alex+Requester", UriKind.Relative));

        Assert.That(byTopic, Does.Contain("1 case found").And.Contain(reference).And.Contain($"/my-questions/{questionId}"));
        Assert.That(Between(byTopic), Does.Not.Contain(Name).IgnoreCase.And.Not.Contain(Email).And.Contain("[requester]"));
        Assert.That(byName, Does.Contain("No cases found"));
    }

    // Old code: the calendar feed gave a commissioner the case subject ("Letter from Alex Requester") as each
    // response-due event's description. Every other page and API a commissioner can reach is checked too.
    [Test]
    public async Task M1_EveryPageAndApiACommissionerCanReach_NeverShowsTheRequester()
    {
        await using var app = await TestWebApp.StartAsync();
        var (questionId, _) = await AssignedCaseAsync(app, "How many zebra crossings are there?");
        var commissionerId = await CaseFixtures.AccountIdAsync(app, "commissioner");
        var attachmentId = await CaseFixtures.ScalarAsync<long>(app,
            "insert into question_attachment (question_id, file_name, content_type, size, bytes, uploaded_by, uploaded_at) values (@questionId, 'table.csv', 'text/csv', 3, 'a,b'::bytea, @commissionerId, now()) returning id",
            new { questionId, commissionerId });
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["id"] = questionId.ToString(CultureInfo.InvariantCulture),
            ["attachmentId"] = attachmentId.ToString(CultureInfo.InvariantCulture),
            ["token"] = await app.Services.GetRequiredService<CalendarTokens>().CreateAsync(commissionerId, CancellationToken.None),
            ["documentName"] = "v1",
        };
        using var cookie = await app.ClientAsync("commissioner");
        using var bearer = await ApiClients.BearerAsync(app, "commissioner");

        var reached = new List<string>();
        var leaks = new List<string>();
        // Signing out would end the session the rest of the loop needs; it shows nothing about cases.
        foreach (var rule in RouteTable.Load().Where(r => r.Method == "GET" && r.Allows("commissioner") && r.Template != "/sign-out"))
        {
            if (Fill(rule.Template, values) is not { } path)
            {
                continue;
            }

            foreach (var (http, how) in new[] { (cookie, "cookie"), (bearer, "bearer") })
            {
                if (how == "bearer" && !path.StartsWith("/api/", StringComparison.Ordinal))
                {
                    continue;
                }

                foreach (var url in path == "/search" ? ["/search?q=zebra", "/search?q=Alex"] : new[] { path })
                {
                    using var response = await http.GetAsync(new Uri(url, UriKind.Relative));
                    var body = await response.Content.ReadAsStringAsync();
                    // The search page repeats the query in its box and title: only its results count.
                    body = url.StartsWith("/search?", StringComparison.Ordinal) ? Between(body) : body;
                    reached.Add($"{how} {url} {(int)response.StatusCode}");
                    if (body.Contains(Name, StringComparison.OrdinalIgnoreCase) || body.Contains(Email, StringComparison.OrdinalIgnoreCase)
                        || body.Contains("Letter from", StringComparison.Ordinal))
                    {
                        leaks.Add($"{how} {url}");
                    }
                }
            }
        }

        Assert.That(reached, Has.Some.Contains("/calendar/").And.Some.Contains("/api/v1/my-questions/").And.Some.Contains($"/my-questions/{questionId}"));
        Assert.That(leaks, Is.Empty, string.Join("\n", reached));
    }

    /// <summary>The search results, without the search box (which echoes the query).</summary>
    private static string Between(string page) => page[page.IndexOf("role=\"status\"", StringComparison.Ordinal)..];

    private static string? Fill(string template, Dictionary<string, string> values)
    {
        var missing = false;
        var path = Parameter().Replace(template, m =>
        {
            if (values.TryGetValue(m.Groups[1].Value, out var v))
            {
                return Uri.EscapeDataString(v);
            }

            missing = true;
            return "";
        });
        return missing ? null : path;
    }

    [GeneratedRegex(@"\{\*{0,2}([A-Za-z0-9_]+)(?::[^}]*)?\??\}")]
    private static partial Regex Parameter();
}
