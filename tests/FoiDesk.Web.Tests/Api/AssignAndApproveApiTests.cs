using System.Net;
using System.Text;
using System.Text.Json;
using FoiDesk.Accounts;
using FoiDesk.Cases;
using FoiDesk.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static FoiDesk.Web.Tests.Api.ApiClients;
using static FoiDesk.Web.Tests.Pages.OfficerTestData;

namespace FoiDesk.Web.Tests.Api;

/// <summary>Assigning questions (officer), approving a reply and returning an answer (approver) through the API.</summary>
public sealed class AssignAndApproveApiTests
{
    private TestWebApp _app = null!;
    private HttpClient _officer = null!;
    private HttpClient _commissioner = null!;
    private long _children;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _app = await TestWebApp.StartAsync();
        _children = await TeamIdAsync(_app, "Children's Commissioning");
        await _app.Services.GetRequiredService<FoiDesk.Cases.Teams>().AddMemberAsync(_children, TestWebApp.EmailFor(Roles.Commissioner), CancellationToken.None);
        _officer = await BearerAsync(_app, Roles.IgOfficer);
        _commissioner = await BearerAsync(_app, Roles.Commissioner);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _officer.Dispose();
        _commissioner.Dispose();
        await _app.DisposeAsync();
    }

    private async Task<(CaseRow Case, IReadOnlyList<QuestionRow> Questions)> CaseAsync(string subject)
    {
        var c = await OpenCaseAsync(_app, subject, regime: "foia");
        return (c, await _app.Services.GetRequiredService<CaseStore>().QuestionsAsync(c.Id, CancellationToken.None));
    }

    /// <summary>Every question to the commissioner's team, answered and submitted by the commissioner through the API.</summary>
    private async Task SubmitAllAsync(CaseRow c, IReadOnlyList<QuestionRow> questions)
    {
        foreach (var q in questions)
        {
            Assert.That((await PostAsync(_officer, $"/api/v1/cases/{c.Reference}/questions/{q.Id}/assignment", new { teamId = _children })).Status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That((await PutAsync(_commissioner, $"/api/v1/my-questions/{q.Id}/answer", new { answer = $"Answer to {q.Number}", kind = "answer" })).Status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That((await PostAsync(_commissioner, $"/api/v1/my-questions/{q.Id}/submit")).Status, Is.EqualTo(HttpStatusCode.OK));
        }
    }

    [Test]
    public async Task AssignQuestion_TeamAndMember_AssignedAndOnTheirList()
    {
        var (c, questions) = await CaseAsync("Assign");
        var commissionerId = await AccountIdAsync(_app, TestWebApp.EmailFor(Roles.Commissioner));

        var (status, body) = await PostAsync(_officer, $"/api/v1/cases/{c.Reference}/questions/{questions[0].Id}/assignment", new { teamId = _children, assigneeId = commissionerId });

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body.GetRawText());
        var q = body.GetProperty("questions").EnumerateArray().Single(x => x.GetProperty("id").GetInt64() == questions[0].Id);
        Assert.That(q.GetProperty("status").GetString(), Is.EqualTo("assigned"));
        Assert.That(q.GetProperty("teamId").GetInt64(), Is.EqualTo(_children));
        Assert.That(q.GetProperty("assigneeId").GetInt64(), Is.EqualTo(commissionerId));
        Assert.That(body.GetRawText(), Does.Not.Contain(RequesterEmail), "an assignment answers without the requester");
        var (_, mine) = await GetAsync(_commissioner, $"/api/v1/my-questions/{questions[0].Id}");
        Assert.That(mine.GetProperty("caseReference").GetString(), Is.EqualTo(c.Reference));
    }

    [TestCase("{}", "teamId")]
    [TestCase("""{"teamId":999999}""", "teamId")] // no such team
    [TestCase("""{"teamId":TEAM,"assigneeId":999999}""", "assigneeId")] // not a member of the team
    public async Task AssignQuestion_BadInput_400OnTheField(string json, string field)
    {
        var (c, questions) = await CaseAsync("Assign badly");
        using var content = new StringContent(json.Replace("TEAM", _children.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal), Encoding.UTF8, "application/json");

        using var response = await _officer.PostAsync(Path($"/api/v1/cases/{c.Reference}/questions/{questions[0].Id}/assignment"), content);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), problem.GetRawText());
        Assert.That(ErrorFields(problem), Is.EqualTo(new[] { field }));
    }

    [Test]
    public async Task AssignQuestion_QuestionOfAnotherCase_404()
    {
        var (c, _) = await CaseAsync("Assign here");
        var (_, elsewhere) = await CaseAsync("Not here");

        var (status, _) = await PostAsync(_officer, $"/api/v1/cases/{c.Reference}/questions/{elsewhere[0].Id}/assignment", new { teamId = _children });

        Assert.That(status, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task AssignQuestion_Submitted_409()
    {
        var (c, questions) = await CaseAsync("Assign after submit");
        await SubmitAllAsync(c, questions);

        var (status, problem) = await PostAsync(_officer, $"/api/v1/cases/{c.Reference}/questions/{questions[0].Id}/assignment", new { teamId = _children });

        Assert.That(status, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("cannot be assigned now"));
    }

    [TestCase(Roles.Commissioner)]
    [TestCase(Roles.Manager)]
    public async Task AssignQuestion_NotAnOfficer_403(string role)
    {
        var (c, questions) = await CaseAsync($"Assign as {role}");
        using var http = await BearerAsync(_app, role);

        var (status, _) = await PostAsync(http, $"/api/v1/cases/{c.Reference}/questions/{questions[0].Id}/assignment", new { teamId = _children });

        Assert.That(status, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task ApproveCase_NotEverythingSubmitted_409()
    {
        var (c, _) = await CaseAsync("Too early");
        using var manager = await BearerAsync(_app, Roles.Manager);

        var (status, problem) = await PostAsync(manager, $"/api/v1/cases/{c.Reference}/approval");

        Assert.That(status, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("submitted answer"));
    }

    [Test]
    public async Task ApproveCase_AllSubmitted_ApprovedAndAudited()
    {
        var (c, questions) = await CaseAsync("Approve");
        await SubmitAllAsync(c, questions);
        using var manager = await BearerAsync(_app, Roles.Manager);

        var (status, body) = await PostAsync(manager, $"/api/v1/cases/{c.Reference}/approval");

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body.GetRawText());
        Assert.That(body.GetProperty("case").GetProperty("status").GetString(), Is.EqualTo(CaseStatuses.Approved));
        Assert.That(body.GetProperty("questions").EnumerateArray().Select(q => q.GetProperty("status").GetString()), Is.All.EqualTo("approved"));
        await using var conn = await _app.Services.GetRequiredService<CaseStore>().DataSource.OpenConnectionAsync();
        Assert.That(await Dapper.SqlMapper.ExecuteScalarAsync<long>(conn, "select count(*) from audit_event where action = 'reply-approved' and subject = @Reference and actor = @actor",
            new { c.Reference, actor = TestWebApp.EmailFor(Roles.Manager) }), Is.EqualTo(1));
    }

    [TestCase(Roles.Commissioner)]
    [TestCase(Roles.Admin)]
    public async Task ApprovalOperations_NotAnApprover_403(string role)
    {
        var (c, questions) = await CaseAsync($"Approve as {role}");
        using var http = await BearerAsync(_app, role);

        var approve = await PostAsync(http, $"/api/v1/cases/{c.Reference}/approval");
        var giveBack = await PostAsync(http, $"/api/v1/cases/{c.Reference}/questions/{questions[0].Id}/return", new { reason = "no" });

        Assert.That(approve.Status, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(giveBack.Status, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task ReturnQuestion_NoReason_400()
    {
        var (c, questions) = await CaseAsync("Return without comments");
        await SubmitAllAsync(c, questions);

        var (status, problem) = await PostAsync(_officer, $"/api/v1/cases/{c.Reference}/questions/{questions[0].Id}/return", new { reason = "" });

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(ErrorFields(problem), Is.EqualTo(new[] { "reason" }));
    }

    [Test]
    public async Task ReturnQuestion_Submitted_BackWithTheCommissionerWithComments()
    {
        var (c, questions) = await CaseAsync("Return");
        await SubmitAllAsync(c, questions);

        var (status, body) = await PostAsync(_officer, $"/api/v1/cases/{c.Reference}/questions/{questions[0].Id}/return", new { reason = "Give the figure for 2024/25 too" });
        var again = await PostAsync(_officer, $"/api/v1/cases/{c.Reference}/questions/{questions[0].Id}/return", new { reason = "twice" });

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body.GetRawText());
        var (_, mine) = await GetAsync(_commissioner, $"/api/v1/my-questions/{questions[0].Id}");
        Assert.That(mine.GetProperty("status").GetString(), Is.EqualTo("returned"));
        Assert.That(mine.GetProperty("returnedReason").GetString(), Is.EqualTo("Give the figure for 2024/25 too"));
        Assert.That(again.Status, Is.EqualTo(HttpStatusCode.Conflict), "a returned question is not waiting for approval");
    }
}
