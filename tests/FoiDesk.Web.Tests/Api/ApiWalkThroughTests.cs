using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FoiDesk.Accounts;
using FoiDesk.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static FoiDesk.Web.Tests.Api.ApiClients;

namespace FoiDesk.Web.Tests.Api;

/// <summary>The seed request from triage to approval with nothing but the API, and the OpenAPI description of it.</summary>
public sealed class ApiWalkThroughTests
{
    [Test]
    public async Task SeedCase_ThroughTheApiOnly_ConfirmedAssignedAnsweredSubmittedApproved()
    {
        await using var app = await TestWebApp.StartAsync();
        var reference = await SeedCase.OpenAsync(app);
        var children = await Pages.OfficerTestData.TeamIdAsync(app, "Children's Commissioning");
        await app.Services.GetRequiredService<FoiDesk.Cases.Teams>().AddMemberAsync(children, TestWebApp.EmailFor(Roles.Commissioner), CancellationToken.None);
        using var officer = await BearerAsync(app, Roles.IgOfficer);
        using var commissioner = await BearerAsync(app, Roles.Commissioner);
        using var manager = await BearerAsync(app, Roles.Manager);

        // Triage: the officer confirms it is an FOI request; the acknowledgement is queued.
        var confirmed = await PostAsync(officer, $"/api/v1/cases/{reference}/classification", new { classification = "foi" });
        Assert.That(confirmed.Status, Is.EqualTo(HttpStatusCode.OK), confirmed.Body.GetRawText());
        Assert.That(confirmed.Body.GetProperty("acknowledgementMessageId").ValueKind, Is.EqualTo(JsonValueKind.Number));

        // Allocation: every question to Children's Commissioning.
        var (_, detail) = await GetAsync(officer, $"/api/v1/cases/{reference}");
        var questionIds = detail.GetProperty("questions").EnumerateArray().Select(q => q.GetProperty("id").GetInt64()).ToList();
        Assert.That(questionIds, Has.Count.GreaterThan(1), "the seed request asks several questions");
        foreach (var id in questionIds)
        {
            var assigned = await PostAsync(officer, $"/api/v1/cases/{reference}/questions/{id}/assignment", new { teamId = children });
            Assert.That(assigned.Status, Is.EqualTo(HttpStatusCode.OK), assigned.Body.GetRawText());
        }

        // The commissioner finds them on their list, answers (the last one not held) and submits each.
        var (_, list) = await GetAsync(commissioner, "/api/v1/my-questions");
        var listed = list.EnumerateArray().Where(q => q.GetProperty("caseReference").GetString() == reference).Select(q => q.GetProperty("id").GetInt64());
        Assert.That(listed, Is.EquivalentTo(questionIds));
        foreach (var id in questionIds)
        {
            object answer = id == questionIds[^1] ? new { kind = "not-held" } : new { answer = $"Our answer to question {id}.", kind = "answer" };
            var saved = await PutAsync(commissioner, $"/api/v1/my-questions/{id}/answer", answer);
            Assert.That(saved.Status, Is.EqualTo(HttpStatusCode.OK), saved.Body.GetRawText());
            var submitted = await PostAsync(commissioner, $"/api/v1/my-questions/{id}/submit");
            Assert.That(submitted.Status, Is.EqualTo(HttpStatusCode.OK), submitted.Body.GetRawText());
        }

        var (_, beforeApproval) = await GetAsync(officer, $"/api/v1/cases/{reference}");
        Assert.That(beforeApproval.GetProperty("questions").EnumerateArray().Select(q => q.GetProperty("status").GetString()), Is.All.EqualTo("submitted"));
        Assert.That(beforeApproval.GetProperty("questions")[questionIds.Count - 1].GetProperty("answerKind").GetString(), Is.EqualTo("not-held"));
        Assert.That(beforeApproval.GetProperty("case").GetProperty("status").GetString(), Is.EqualTo("awaiting-approval"), "the last answer in puts the reply before an approver");

        // Approval by a manager.
        var approved = await PostAsync(manager, $"/api/v1/cases/{reference}/approval");
        Assert.That(approved.Status, Is.EqualTo(HttpStatusCode.OK), approved.Body.GetRawText());

        var (_, after) = await GetAsync(manager, $"/api/v1/cases/{reference}");
        Assert.That(after.GetProperty("case").GetProperty("status").GetString(), Is.EqualTo("approved"));
        Assert.That(after.GetProperty("case").GetProperty("classificationConfirmed").GetBoolean(), Is.True);
        Assert.That(after.GetProperty("questions").EnumerateArray().Select(q => q.GetProperty("status").GetString()), Is.All.EqualTo("approved"));
        Assert.That(after.GetProperty("deadlines").GetProperty("dates").TryGetProperty("response_due", out _), Is.True);
    }

    [Test]
    public async Task OpenApi_ListsEveryOperationWithItsMethodAndPath()
    {
        await using var app = await TestWebApp.StartAsync();
        using var http = await app.ClientAsync(null);

        var doc = await http.GetFromJsonAsync<JsonElement>(Path("/openapi/v1.json"));

        var operations = doc.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Where(o => o.Value.TryGetProperty("operationId", out _))
                .Select(o => $"{o.Name.ToUpperInvariant()} {p.Name} {o.Value.GetProperty("operationId").GetString()}"))
            .ToList();
        Assert.That(operations, Is.SupersetOf(new[]
        {
            "GET /api/v1/my-questions ListMyQuestions",
            "GET /api/v1/my-questions/{id} GetMyQuestion",
            "PUT /api/v1/my-questions/{id}/answer UpdateAnswer",
            "POST /api/v1/my-questions/{id}/submit SubmitAnswer",
            "POST /api/v1/my-questions/{id}/hand-back HandBackQuestion",
            "POST /api/v1/cases/{reference}/classification ConfirmClassification",
            "GET /api/v1/holding-pen ListHeldMessages",
            "POST /api/v1/holding-pen/{rawId}/attach AttachHeldMessage",
            "POST /api/v1/holding-pen/{rawId}/open-case OpenCaseFromHeldMessage",
            "POST /api/v1/cases/{reference}/questions/{id}/assignment AssignQuestion",
            "POST /api/v1/cases/{reference}/approval ApproveCase",
            "POST /api/v1/cases/{reference}/questions/{id}/return ReturnQuestion",
        }));
        var update = doc.GetProperty("paths").GetProperty("/api/v1/my-questions/{id}/answer").GetProperty("put");
        Assert.That(update.GetProperty("summary").GetString(), Is.Not.Empty);
        Assert.That(update.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _), Is.True);
        Assert.That(update.GetProperty("responses").EnumerateObject().Select(r => r.Name), Is.SupersetOf(new[] { "200", "400", "404", "409" }));
    }
}
