using System.Net;
using System.Text;
using Dapper;
using FoiDesk.Accounts;
using FoiDesk.Cases;
using FoiDesk.Intake;
using FoiDesk.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static FoiDesk.Web.Tests.Api.ApiClients;

namespace FoiDesk.Web.Tests.Api;

/// <summary>Confirming a classification and deciding on held mail, through the API as an officer.</summary>
public sealed class TriageApiTests
{
    private TestWebApp _app = null!;
    private HttpClient _officer = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _app = await TestWebApp.StartAsync();
        _officer = await BearerAsync(_app, Roles.IgOfficer);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _officer.Dispose();
        await _app.DisposeAsync();
    }

    private async Task<long> ScalarAsync(string sql, object args)
    {
        await using var conn = await _app.Services.GetRequiredService<CaseStore>().DataSource.OpenConnectionAsync();
        return await conn.ExecuteScalarAsync<long>(sql, args);
    }

    /// <summary>
    /// A new untriaged request with a requester to acknowledge. Not the seed message: a second copy of it comes from
    /// the same WhatDoTheyKnow request address, so intake rightly files it on the first case.
    /// </summary>
    private async Task<string> NewCaseAsync(string subject) => (await Pages.OfficerTestData.OpenCaseAsync(_app, subject)).Reference;

    /// <summary>A reply to a message we never sent: intake holds it (Alaveteli's holding pen).</summary>
    private async Task<long> HeldAsync(string id)
    {
        var text = $"From: someone@example.org\nSubject: Re: something we never sent\nIn-Reply-To: <nope-{id}@council.example>\nMessage-ID: <stray-{id}@example.org>\n\nPlease see my earlier request about potholes; how many were repaired in 2024?\n";
        var outcome = await _app.Services.GetRequiredService<IntakeProcessor>()
            .ProcessAsync(new SourceMessage("test", $"stray-{id}.eml", Encoding.ASCII.GetBytes(text), _app.Time.GetUtcNow()), CancellationToken.None);
        Assert.That(outcome.Route, Is.EqualTo(IntakeRoute.Held), outcome.Reason);
        return outcome.RawEmailId!.Value;
    }

    [Test]
    public async Task ConfirmClassification_Foi_OpensCaseAndQueuesAcknowledgementOnce()
    {
        var reference = await NewCaseAsync("confirm");

        var first = await PostAsync(_officer, $"/api/v1/cases/{reference}/classification", new { classification = "foi" });
        var again = await PostAsync(_officer, $"/api/v1/cases/{reference}/classification", new { classification = "foi" });

        Assert.That(first.Status, Is.EqualTo(HttpStatusCode.OK), first.Body.GetRawText());
        var c = first.Body.GetProperty("case");
        Assert.That(c.GetProperty("status").GetString(), Is.EqualTo("open"));
        Assert.That(c.GetProperty("classificationConfirmed").GetBoolean(), Is.True);
        Assert.That(c.GetProperty("regime").GetString(), Is.EqualTo("foia"));
        Assert.That(first.Body.GetProperty("acknowledgementMessageId").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Number));
        Assert.That(again.Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(again.Body.GetProperty("acknowledgementMessageId").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null), "acknowledged once");
        Assert.That(await ScalarAsync("select count(*) from outgoing_message o join foi_case c on c.id = o.case_id where c.reference = @reference and o.letter = 'acknowledgement'", new { reference }), Is.EqualTo(1));
        Assert.That(await ScalarAsync("select count(*) from audit_event where action = 'case-changed' and subject = @reference and detail->>'via' = 'api'", new { reference }), Is.EqualTo(2));
    }

    [Test]
    public async Task ConfirmClassification_NotFoi_ClosesWithoutAcknowledgement()
    {
        var reference = await NewCaseAsync("not-foi");

        var (status, body) = await PostAsync(_officer, $"/api/v1/cases/{reference}/classification", new { classification = "not-foi" });

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body.GetProperty("case").GetProperty("status").GetString(), Is.EqualTo("closed"));
        Assert.That(body.GetProperty("case").GetProperty("regime").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null), "business as usual has no statutory clock");
        Assert.That(await ScalarAsync("select count(*) from outgoing_message o join foi_case c on c.id = o.case_id where c.reference = @reference", new { reference }), Is.Zero);
    }

    [TestCase("{}")]
    [TestCase("""{"classification":"complaint"}""")] // not one of the classifications
    public async Task ConfirmClassification_BadClassification_400OnClassification(string json)
    {
        var reference = await NewCaseAsync($"Bad classification {json.Length}");
        using var content = new StringContent(json, Encoding.UTF8, "application/json");

        using var response = await _officer.PostAsync(Path($"/api/v1/cases/{reference}/classification"), content);
        var problem = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(ErrorFields(problem), Is.EqualTo(new[] { "classification" }));
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("not-foi"), "lists the choices");
        var c = await _app.Services.GetRequiredService<CaseStore>().FindAsync(reference, CancellationToken.None);
        Assert.That(c!.Status, Is.EqualTo(CaseStatuses.New));
    }

    [Test]
    public async Task ConfirmClassification_UnknownCase_404()
    {
        var (status, _) = await PostAsync(_officer, "/api/v1/cases/FOI-1999-0001/classification", new { classification = "foi" });

        Assert.That(status, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [TestCase(Roles.Commissioner)]
    [TestCase(Roles.Manager)]
    [TestCase(Roles.Admin)]
    public async Task TriageOperations_NotAnOfficer_403(string role)
    {
        var reference = await NewCaseAsync($"refused-{role}");
        var raw = await HeldAsync($"refused-{role}");
        using var http = await BearerAsync(_app, role);

        var statuses = new[]
        {
            (await PostAsync(http, $"/api/v1/cases/{reference}/classification", new { classification = "foi" })).Status,
            (await GetAsync(http, "/api/v1/holding-pen")).Status,
            (await PostAsync(http, $"/api/v1/holding-pen/{raw}/attach", new { reference })).Status,
            (await PostAsync(http, $"/api/v1/holding-pen/{raw}/open-case")).Status,
        };

        Assert.That(statuses, Is.All.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task ListHeldMessages_HeldReply_ListedWithReason()
    {
        var raw = await HeldAsync("listed");

        var (status, list) = await GetAsync(_officer, "/api/v1/holding-pen");

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        var held = list.EnumerateArray().Single(m => m.GetProperty("rawEmailId").GetInt64() == raw);
        Assert.That(held.GetProperty("route").GetString(), Is.EqualTo("held"));
        Assert.That(held.GetProperty("reason").GetString(), Does.Contain("did not send"));
        Assert.That(held.GetProperty("fromAddress").GetString(), Is.EqualTo("someone@example.org"));
    }

    [Test]
    public async Task AttachHeldMessage_ToCase_FollowUpOnTheCaseThenConflict()
    {
        var reference = await NewCaseAsync("attach");
        var raw = await HeldAsync("attach");

        var (status, body) = await PostAsync(_officer, $"/api/v1/holding-pen/{raw}/attach", new { reference = reference.ToLowerInvariant() });
        var again = await PostAsync(_officer, $"/api/v1/holding-pen/{raw}/attach", new { reference });

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body.GetRawText());
        Assert.That(body.GetProperty("reference").GetString(), Is.EqualTo(reference));
        Assert.That(body.GetProperty("route").GetString(), Is.EqualTo("follow-up"));
        Assert.That(again.Status, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(again.Body.GetProperty("detail").GetString(), Does.Contain("not in the holding pen"));
        var (_, pen) = await GetAsync(_officer, "/api/v1/holding-pen");
        Assert.That(pen.EnumerateArray().Select(m => m.GetProperty("rawEmailId").GetInt64()), Does.Not.Contain(raw));
        Assert.That(await ScalarAsync("select count(*) from audit_event where action = 'held-mail-attached' and subject = @reference", new { reference }), Is.EqualTo(1));
        var c = await _app.Services.GetRequiredService<CaseStore>().FindAsync(reference, CancellationToken.None);
        var timeline = await _app.Services.GetRequiredService<CaseStore>().TimelineAsync(c!.Id, CancellationToken.None);
        Assert.That(timeline.Select(e => e.Kind), Does.Contain("mail-attached"));
    }

    [TestCase("{}", "reference")]
    [TestCase("""{"reference":"FOI-1999-0001"}""", "reference")] // no such case
    public async Task AttachHeldMessage_BadReference_400AndStillHeld(string json, string field)
    {
        var raw = await HeldAsync($"bad-{json.Length}");
        using var content = new StringContent(json, Encoding.UTF8, "application/json");

        using var response = await _officer.PostAsync(Path($"/api/v1/holding-pen/{raw}/attach"), content);
        var problem = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(ErrorFields(problem), Is.EqualTo(new[] { field }));
        var (_, pen) = await GetAsync(_officer, "/api/v1/holding-pen");
        Assert.That(pen.EnumerateArray().Select(m => m.GetProperty("rawEmailId").GetInt64()), Does.Contain(raw));
    }

    [Test]
    public async Task HeldMessageOperations_UnknownMessage_404()
    {
        var attach = await PostAsync(_officer, "/api/v1/holding-pen/999999/attach", new { reference = "FOI-2025-0001" });
        var open = await PostAsync(_officer, "/api/v1/holding-pen/999999/open-case");

        Assert.That(attach.Status, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(open.Status, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task OpenCaseFromHeldMessage_Officer_201WithTheNewCase()
    {
        var raw = await HeldAsync("open");

        using var response = await _officer.PostAsync(Path($"/api/v1/holding-pen/{raw}/open-case"), null);
        var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), body.GetRawText());
        var reference = body.GetProperty("reference").GetString()!;
        Assert.That(body.GetProperty("route").GetString(), Is.EqualTo("request"));
        Assert.That(response.Headers.Location?.OriginalString, Is.EqualTo($"/api/v1/cases/{reference}"));
        var (status, detail) = await GetAsync(_officer, response.Headers.Location!.OriginalString);
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(detail.GetProperty("case").GetProperty("status").GetString(), Is.EqualTo("new"), "an officer confirms it next");
        Assert.That(detail.GetProperty("questions").GetArrayLength(), Is.GreaterThan(0));
        Assert.That((await PostAsync(_officer, $"/api/v1/holding-pen/{raw}/open-case")).Status, Is.EqualTo(HttpStatusCode.Conflict), "opened once");
    }
}
