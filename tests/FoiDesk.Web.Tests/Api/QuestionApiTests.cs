using System.Net;
using System.Text.Json;
using Dapper;
using FoiDesk.Accounts;
using FoiDesk.Cases;
using FoiDesk.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static FoiDesk.Web.Tests.Api.ApiClients;
using static FoiDesk.Web.Tests.Pages.OfficerTestData;

namespace FoiDesk.Web.Tests.Api;

/// <summary>
/// /api/v1/my-questions against the real app: the commissioner (in Children's Commissioning) works their team's
/// questions; Finance's questions are not found for them. Each test opens its own cases.
/// </summary>
public sealed class QuestionApiTests
{
    private TestWebApp _app = null!;
    private HttpClient _commissioner = null!;
    private long _children;
    private long _finance;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _app = await TestWebApp.StartAsync();
        _children = await TeamIdAsync(_app, "Children's Commissioning");
        _finance = await TeamIdAsync(_app, "Finance");
        await _app.Services.GetRequiredService<FoiDesk.Cases.Teams>().AddMemberAsync(_children, TestWebApp.EmailFor(Roles.Commissioner), CancellationToken.None);
        _commissioner = await BearerAsync(_app, Roles.Commissioner);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _commissioner.Dispose();
        await _app.DisposeAsync();
    }

    /// <summary>A new FOIA case with two questions: question 1 to <paramref name="firstTeam"/>, question 2 to Finance.</summary>
    private async Task<(CaseRow Case, QuestionRow First, QuestionRow Second)> CaseAsync(string subject, long? firstTeam = null)
    {
        var c = await OpenCaseAsync(_app, subject, regime: "foia");
        var questions = await _app.Services.GetRequiredService<CaseStore>().QuestionsAsync(c.Id, CancellationToken.None);
        var work = _app.Services.GetRequiredService<QuestionWork>();
        await work.AssignAsync(c, questions[0].Id, firstTeam ?? _children, null, "test", CancellationToken.None);
        await work.AssignAsync(c, questions[1].Id, _finance, null, "test", CancellationToken.None);
        return (c, questions[0], questions[1]);
    }

    [Test]
    public async Task ListMyQuestions_Bearer_MyTeamsOnlyByDraftDueWithStatutoryDate()
    {
        // Opened first (lower ids) but assigned a week later, so its draft is due later.
        var late = await CaseAsync("Foster carers (assigned late)");
        var early = await CaseAsync("Fostering budget (assigned early)");
        await using (var conn = await _app.Services.GetRequiredService<CaseStore>().DataSource.OpenConnectionAsync())
        {
            await conn.ExecuteAsync("update question set assigned_at = assigned_at - interval '7 days' where id = @Id", new { early.First.Id });
        }

        var (status, list) = await GetAsync(_commissioner, "/api/v1/my-questions");

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        var ids = list.EnumerateArray().Select(q => q.GetProperty("id").GetInt64()).ToList();
        Assert.That(ids, Does.Contain(early.First.Id).And.Contain(late.First.Id));
        Assert.That(ids, Does.Not.Contain(early.Second.Id).And.Not.Contain(late.Second.Id), "Finance's questions are not mine");
        Assert.That(ids.IndexOf(early.First.Id), Is.LessThan(ids.IndexOf(late.First.Id)));
        var drafts = list.EnumerateArray().Select(q => q.GetProperty("draftDue").GetString()).ToList();
        Assert.That(drafts, Is.Ordered.Using<string?>(StringComparer.Ordinal), "ISO dates sort as text");
        var first = list.EnumerateArray().Single(q => q.GetProperty("id").GetInt64() == early.First.Id);
        Assert.That(first.GetProperty("caseReference").GetString(), Is.EqualTo(early.Case.Reference));
        // Received Monday 10 March 2025: FOIA's 20 working days end on Tuesday 8 April 2025 (St Patrick's Day counts
        // as a holiday, FOIA s10(6)).
        Assert.That(first.GetProperty("statutoryDue").GetString(), Is.EqualTo("2025-04-08"));
        Assert.That(list.GetRawText(), Does.Not.Contain(RequesterEmail).And.Not.Contain(RequesterName));
    }

    [Test]
    public async Task MyQuestion_OtherTeamsQuestion_404ForEveryOperation()
    {
        var (_, _, finance) = await CaseAsync("Parking fines");
        var path = $"/api/v1/my-questions/{finance.Id}";

        var responses = new[]
        {
            await GetAsync(_commissioner, path),
            await PutAsync(_commissioner, path + "/answer", new { answer = "42", kind = "answer" }),
            await PostAsync(_commissioner, path + "/submit"),
            await PostAsync(_commissioner, path + "/hand-back", new { reason = "not ours" }),
        };

        Assert.That(responses.Select(r => r.Status), Is.All.EqualTo(HttpStatusCode.NotFound));
        Assert.That(responses.Select(r => r.Body.GetRawText()), Has.None.Contain(finance.Text), "nothing of another team's question is shown");
        var stored = (await _app.Services.GetRequiredService<CaseStore>().QuestionsAsync(finance.CaseId, CancellationToken.None)).Single(q => q.Id == finance.Id);
        Assert.That(stored.Status, Is.EqualTo("assigned"));
    }

    [Test]
    public async Task MyQuestion_UnknownId_404()
    {
        var (status, body) = await GetAsync(_commissioner, "/api/v1/my-questions/999999");

        Assert.That(status, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(body.GetProperty("title").GetString(), Is.EqualTo("No such question"));
    }

    [TestCase(Roles.Manager)]
    [TestCase(Roles.Admin)]
    public async Task MyQuestions_RoleWithoutAnswering_403(string role)
    {
        var (_, mine, _) = await CaseAsync($"Refused for {role}");
        using var http = await BearerAsync(_app, role);

        var list = await GetAsync(http, "/api/v1/my-questions");
        var put = await PutAsync(http, $"/api/v1/my-questions/{mine.Id}/answer", new { answer = "42", kind = "answer" });

        Assert.That(list.Status, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(put.Status, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task UpdateAnswer_Exemption_SavedAsDraftWithTitleAndAudited()
    {
        var (c, mine, _) = await CaseAsync("Contract prices");

        var (status, body) = await PutAsync(_commissioner, $"/api/v1/my-questions/{mine.Id}/answer",
            new { answer = "The rates are withheld.", kind = "exempt", exemption = new { code = "s.43(2)", reasons = "Disclosure would prejudice the supplier in the current tender." } });

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body.GetRawText());
        Assert.That(body.GetProperty("status").GetString(), Is.EqualTo("drafting"));
        Assert.That(body.GetProperty("answerKind").GetString(), Is.EqualTo("exempt"));
        var exemption = body.GetProperty("exemption");
        Assert.That(exemption.GetProperty("code").GetString(), Is.EqualTo("s.43(2)"));
        Assert.That(exemption.GetProperty("title").GetString(), Is.EqualTo("Prejudice to commercial interests"));
        Assert.That(exemption.GetProperty("qualified").GetBoolean(), Is.True);
        await using var conn = await _app.Services.GetRequiredService<CaseStore>().DataSource.OpenConnectionAsync();
        var audited = await conn.ExecuteScalarAsync<long>(
            "select count(*) from audit_event where action = 'question-save' and subject = @subject and actor = @actor",
            new { subject = $"question:{mine.Id}", actor = TestWebApp.EmailFor(Roles.Commissioner) });
        Assert.That(audited, Is.EqualTo(1));
        var timeline = await _app.Services.GetRequiredService<CaseStore>().TimelineAsync(c.Id, CancellationToken.None);
        Assert.That(timeline.Select(e => e.Kind), Does.Contain("answer-drafted"));
    }

    [TestCase("{}", "kind")] // kind is required: the page always posts one
    [TestCase("""{"answer":"yes","kind":"maybe"}""", "kind")]
    [TestCase("""{"answer":"","kind":"exempt","exemption":{"code":"s.99","reasons":"x"}}""", "exemption.code")] // not a section of FOIA or a regulation of the EIR
    public async Task UpdateAnswer_BadInput_400WithFieldErrors(string json, string field)
    {
        var (_, mine, _) = await CaseAsync("Bad input");
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");

        using var response = await _commissioner.PutAsync(Path($"/api/v1/my-questions/{mine.Id}/answer"), content);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That(ErrorFields(problem), Is.EqualTo(new[] { field }));
        var stored = (await _app.Services.GetRequiredService<CaseStore>().QuestionsAsync(mine.CaseId, CancellationToken.None)).Single(q => q.Id == mine.Id);
        Assert.That(stored.Status, Is.EqualTo("assigned"), "nothing saved");
    }

    [Test]
    public async Task SubmitAnswer_SavedDraft_SubmittedForApproval()
    {
        var (c, mine, _) = await CaseAsync("Submit");
        await PutAsync(_commissioner, $"/api/v1/my-questions/{mine.Id}/answer", new { answer = "We have **212** foster carers.", kind = "answer" });

        var (status, body) = await PostAsync(_commissioner, $"/api/v1/my-questions/{mine.Id}/submit");

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body.GetRawText());
        Assert.That(body.GetProperty("status").GetString(), Is.EqualTo("submitted"));
        Assert.That(body.GetProperty("answer").GetString(), Is.EqualTo("We have **212** foster carers."));
        var timeline = await _app.Services.GetRequiredService<CaseStore>().TimelineAsync(c.Id, CancellationToken.None);
        Assert.That(timeline.Select(e => e.Kind), Does.Contain("answer-submitted"));
    }

    [Test]
    public async Task SubmitAnswer_NothingWritten_400OnAnswer()
    {
        var (_, mine, _) = await CaseAsync("Empty");

        var (status, problem) = await PostAsync(_commissioner, $"/api/v1/my-questions/{mine.Id}/submit");

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(ErrorFields(problem), Is.EqualTo(new[] { "answer" }));
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("Enter the answer"));
    }

    [Test]
    public async Task SubmitAnswer_ExemptWithoutReasons_400OnExemption()
    {
        var (_, mine, _) = await CaseAsync("No reasons");
        await PutAsync(_commissioner, $"/api/v1/my-questions/{mine.Id}/answer", new { answer = "", kind = "exempt", exemption = new { code = "s.40(2)" } });

        var (status, problem) = await PostAsync(_commissioner, $"/api/v1/my-questions/{mine.Id}/submit");

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(ErrorFields(problem), Is.EqualTo(new[] { "exemption" }));
    }

    [Test]
    public async Task SubmitAnswer_AlreadyApproved_409AndAnswerUnchanged()
    {
        var (c, mine, finance) = await CaseAsync("Approved already");
        await PutAsync(_commissioner, $"/api/v1/my-questions/{mine.Id}/answer", new { answer = "212", kind = "answer" });
        await PostAsync(_commissioner, $"/api/v1/my-questions/{mine.Id}/submit");
        // Question 2 moves to the commissioner's team too and is answered, so the whole reply can be approved.
        await _app.Services.GetRequiredService<QuestionWork>().AssignAsync(c, finance.Id, _children, null, "test", CancellationToken.None);
        await PutAsync(_commissioner, $"/api/v1/my-questions/{finance.Id}/answer", new { kind = "not-held" });
        await PostAsync(_commissioner, $"/api/v1/my-questions/{finance.Id}/submit");
        using var manager = await BearerAsync(_app, Roles.Manager);
        var approved = await PostAsync(manager, $"/api/v1/cases/{c.Reference}/approval");
        Assert.That(approved.Status, Is.EqualTo(HttpStatusCode.OK), approved.Body.GetRawText());

        var submit = await PostAsync(_commissioner, $"/api/v1/my-questions/{mine.Id}/submit");
        var put = await PutAsync(_commissioner, $"/api/v1/my-questions/{mine.Id}/answer", new { answer = "changed", kind = "answer" });

        Assert.That(submit.Status, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(submit.Body.GetProperty("detail").GetString(), Does.Contain("approved"));
        Assert.That(put.Status, Is.EqualTo(HttpStatusCode.Conflict));
        var (_, now) = await GetAsync(_commissioner, $"/api/v1/my-questions/{mine.Id}");
        Assert.That(now.GetProperty("answer").GetString(), Is.EqualTo("212"));
    }

    [Test]
    public async Task HandBack_NoReason_400()
    {
        var (_, mine, _) = await CaseAsync("Hand back without reason");

        var (status, problem) = await PostAsync(_commissioner, $"/api/v1/my-questions/{mine.Id}/hand-back", new { reason = " " });

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(ErrorFields(problem), Is.EqualTo(new[] { "reason" }));
    }

    [Test]
    public async Task HandBack_WithReason_204AndBackWithTheOfficers()
    {
        var (c, mine, _) = await CaseAsync("Wrong team");

        var (status, _) = await PostAsync(_commissioner, $"/api/v1/my-questions/{mine.Id}/hand-back", new { reason = "Adult social care answer this" });

        Assert.That(status, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That((await GetAsync(_commissioner, $"/api/v1/my-questions/{mine.Id}")).Status, Is.EqualTo(HttpStatusCode.NotFound), "no longer on my list");
        using var officer = await BearerAsync(_app, Roles.IgOfficer);
        var (_, detail) = await GetAsync(officer, $"/api/v1/cases/{c.Reference}");
        var question = detail.GetProperty("questions").EnumerateArray().Single(q => q.GetProperty("id").GetInt64() == mine.Id);
        Assert.That(question.GetProperty("status").GetString(), Is.EqualTo("returned"));
        Assert.That(question.GetProperty("returnedReason").GetString(), Is.EqualTo("Adult social care answer this"));
    }
}
