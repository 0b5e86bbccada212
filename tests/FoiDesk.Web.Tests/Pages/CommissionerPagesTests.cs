using System.Net;
using System.Net.Http.Headers;
using FoiDesk.Cases;
using FoiDesk.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static FoiDesk.Web.Tests.Pages.OfficerTestData;

namespace FoiDesk.Web.Tests.Pages;

public sealed class CommissionerPagesTests
{
    /// <summary>Two cases; question 1 of the first goes to Children's Commissioning (the commissioner's team), everything else to Finance.</summary>
    private static async Task<(CaseRow Mine, CaseRow Other, QuestionRow MyQuestion, QuestionRow OtherQuestion)> ArrangeAsync(TestWebApp app)
    {
        var mine = await OpenCaseAsync(app, "Fostering in Thurrock", regime: "foia");
        var other = await OpenCaseAsync(app, "Parking fines", regime: "foia");
        var teams = app.Services.GetRequiredService<FoiDesk.Cases.Teams>();
        var work = app.Services.GetRequiredService<QuestionWork>();
        var store = app.Services.GetRequiredService<CaseStore>();
        var children = await TeamIdAsync(app, "Children's Commissioning");
        var finance = await TeamIdAsync(app, "Finance");
        Assert.That(await teams.AddMemberAsync(children, TestWebApp.EmailFor("commissioner"), CancellationToken.None), Is.True);
        var myQuestions = await store.QuestionsAsync(mine.Id, CancellationToken.None);
        var otherQuestions = await store.QuestionsAsync(other.Id, CancellationToken.None);
        await work.AssignAsync(mine, myQuestions[0].Id, children, null, "test", CancellationToken.None);
        await work.AssignAsync(mine, myQuestions[1].Id, finance, null, "test", CancellationToken.None);
        await work.AssignAsync(other, otherQuestions[0].Id, finance, null, "test", CancellationToken.None);
        return (mine, other, myQuestions[0], otherQuestions[0]);
    }

    [Test]
    public async Task MyQuestions_Commissioner_SeesOnlyTeamQuestionsAndNothingOfTheRequester()
    {
        await using var app = await TestWebApp.StartAsync();
        var (mine, other, myQuestion, otherQuestion) = await ArrangeAsync(app);
        using var commissioner = await app.ClientAsync("commissioner");

        var list = await commissioner.GetStringAsync(new Uri("/my-questions", UriKind.Relative));
        var editor = await commissioner.GetStringAsync(new Uri($"/my-questions/{myQuestion.Id}", UriKind.Relative));
        var notMine = await commissioner.GetAsync(new Uri($"/my-questions/{otherQuestion.Id}", UriKind.Relative));
        var queue = await app.Services.GetRequiredService<Answers>().QueueAsync(await AccountIdAsync(app, "commissioner"), CancellationToken.None);

        Assert.That(list, Does.Contain(mine.Reference).And.Contain("How many foster carers"));
        Assert.That(list, Does.Not.Contain(other.Reference).And.Not.Contain("fostering budget"));
        Assert.That(queue.Select(q => q.Question.Id), Is.EqualTo(new[] { myQuestion.Id }));
        foreach (var html in new[] { list, editor })
        {
            Assert.That(html, Does.Not.Contain(RequesterEmail).And.Not.Contain(RequesterName));
        }

        Assert.That(notMine.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));

        // Assigned Wednesday 12 March 2025 (the test clock): draft due 10 working days later, skipping St Patrick's
        // Day (FOIA s10(6) counts a bank holiday in any part of the UK); the FOIA date beside it.
        Assert.That(list, Does.Contain("Thursday 27 March 2025").And.Contain("Tuesday 8 April 2025"));
    }

    [Test]
    public async Task HandBack_WithReason_ReturnsQuestionToOfficersWithReasonOnTimeline()
    {
        await using var app = await TestWebApp.StartAsync();
        var (mine, _, myQuestion, _) = await ArrangeAsync(app);
        using var commissioner = await app.ClientAsync("commissioner");
        var page = $"/my-questions/{myQuestion.Id}";

        var empty = await PostAsync(commissioner, page, $"{page}?handler=handback", new() { ["reason"] = " " });
        var response = await PostAsync(commissioner, page, $"{page}?handler=handback", new() { ["reason"] = "Fostering numbers are held by Children's Social Care, not us" });

        var store = app.Services.GetRequiredService<CaseStore>();
        var after = (await store.QuestionsAsync(mine.Id, CancellationToken.None))[0];
        Assert.That(await empty.Content.ReadAsStringAsync(), Does.Contain("govuk-error-summary").And.Contain("Enter why you are handing the question back"));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That((after.Status, after.ReturnedReason, after.TeamId), Is.EqualTo(("returned", "Fostering numbers are held by Children's Social Care, not us", (long?)null)));
        Assert.That((await store.TimelineAsync(mine.Id, CancellationToken.None)).Select(e => e.Kind), Does.Contain("question-returned"));
        Assert.That(await commissioner.GetStringAsync(new Uri("/my-questions", UriKind.Relative)), Does.Not.Contain(mine.Reference));
    }

    [Test]
    public async Task Answer_PreviewThenSubmitWithExemption_RendersMarkdownAndStoresSubmittedAnswer()
    {
        await using var app = await TestWebApp.StartAsync();
        var (mine, _, myQuestion, _) = await ArrangeAsync(app);
        using var commissioner = await app.ClientAsync("commissioner");
        var page = $"/my-questions/{myQuestion.Id}";
        var fields = new Dictionary<string, string>
        {
            ["Kind"] = "exempt",
            ["Answer"] = "We hold **42** carers. <script>alert(1)</script> [x](javascript:alert(1))",
            ["ExemptionCode"] = "s.43(2)",
            ["ExemptionReasons"] = "Rates would prejudice the agencies' commercial interests.",
        };

        var preview = await (await PostAsync(commissioner, page, $"{page}?handler=preview", new(fields))).Content.ReadAsStringAsync();
        var submit = await PostAsync(commissioner, page, $"{page}?handler=submit", new(fields));

        var q = (await app.Services.GetRequiredService<CaseStore>().QuestionsAsync(mine.Id, CancellationToken.None))[0];
        Assert.That(preview, Does.Contain("<strong>42</strong>"));
        Assert.That(preview, Does.Not.Contain("<script>alert(1)</script>").And.Not.Contain("href=\"javascript:"));
        Assert.That(submit.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That((q.Status, q.AnswerKind), Is.EqualTo(("submitted", "exempt")));
        Assert.That(q.Answer, Does.StartWith("We hold **42** carers."));
        Assert.That(q.Exemption, Does.Contain("s.43(2)").And.Contain("\"qualified\": true").Or.Contain("\"qualified\":true"));
    }

    [Test]
    public async Task Answer_SubmitEmptyAnswer_ErrorSummaryAndStillAssigned()
    {
        await using var app = await TestWebApp.StartAsync();
        var (mine, _, myQuestion, _) = await ArrangeAsync(app);
        using var commissioner = await app.ClientAsync("commissioner");
        var page = $"/my-questions/{myQuestion.Id}";

        var response = await PostAsync(commissioner, page, $"{page}?handler=submit", new() { ["Kind"] = "answer", ["Answer"] = "" });

        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("govuk-error-summary").And.Contain("Enter the answer"));
        Assert.That((await app.Services.GetRequiredService<CaseStore>().QuestionsAsync(mine.Id, CancellationToken.None))[0].Status, Is.EqualTo("assigned"));
    }

    [Test]
    public async Task Claim_TeamQueueQuestion_BecomesMineAndAttachmentDownloads()
    {
        await using var app = await TestWebApp.StartAsync();
        var (mine, _, myQuestion, _) = await ArrangeAsync(app);
        using var commissioner = await app.ClientAsync("commissioner");
        var claim = await PostAsync(commissioner, "/my-questions", "/my-questions?handler=claim", new() { ["questionId"] = $"{myQuestion.Id}" });

        var page = $"/my-questions/{myQuestion.Id}";
        var form = await commissioner.GetStringAsync(new Uri(page, UriKind.Relative));
        using var upload = new MultipartFormDataContent
        {
            { new StringContent(TestWebApp.AntiforgeryToken(form)), "__RequestVerificationToken" },
        };
        var file = new ByteArrayContent("carers,42\n"u8.ToArray());
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        upload.Add(file, "file", "carers.csv");
        var attach = await commissioner.PostAsync(new Uri($"{page}?handler=attach", UriKind.Relative), upload);
        var info = (await app.Services.GetRequiredService<Answers>().AttachmentsAsync(myQuestion.Id, CancellationToken.None)).Single();
        var download = await commissioner.GetAsync(new Uri($"{page}/attachments/{info.Id}", UriKind.Relative));

        var q = (await app.Services.GetRequiredService<CaseStore>().QuestionsAsync(mine.Id, CancellationToken.None))[0];
        Assert.That(claim.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(q.AssigneeId, Is.EqualTo(await AccountIdAsync(app, "commissioner")));
        Assert.That(attach.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That((info.FileName, info.ContentType, info.Size), Is.EqualTo(("carers.csv", "text/csv", 10)));
        Assert.That(await download.Content.ReadAsStringAsync(), Is.EqualTo("carers,42\n"));
    }

    // Each role outside a page's policy is refused: anonymous users go to sign-in, the wrong role to access denied.
    [TestCase(null, "GET", "/triage", "/sign-in")]
    [TestCase(null, "GET", "/my-questions", "/sign-in")]
    [TestCase("commissioner", "GET", "/triage", "/access-denied")]
    [TestCase("commissioner", "GET", "/cases/{ref}", "/access-denied")]
    [TestCase("commissioner", "GET", "/cases/{ref}/clock", "/access-denied")]
    [TestCase("commissioner", "GET", "/teams", "/access-denied")]
    [TestCase("manager", "GET", "/my-questions", "/access-denied")]
    [TestCase("manager", "GET", "/triage", "/access-denied")]
    [TestCase("admin", "GET", "/cases/{ref}", "/access-denied")]
    [TestCase("manager", "POST", "/cases/{ref}?handler=confirm", "/access-denied")]
    public async Task Access_WrongRoleOrAnonymous_Refused(string? role, string method, string url, string redirectTo)
    {
        await using var app = await TestWebApp.StartAsync();
        var c = await OpenCaseAsync(app);
        using var http = await app.ClientAsync(role);
        url = url.Replace("{ref}", c.Reference, StringComparison.Ordinal);

        var response = method == "GET"
            ? await http.GetAsync(new Uri(url, UriKind.Relative))
            : await PostAsync(http, $"/cases/{c.Reference}", url, new() { ["classification"] = "foi" });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(response.Headers.Location!.OriginalString, Does.Contain(redirectTo));
        Assert.That((await app.Services.GetRequiredService<CaseStore>().FindAsync(c.Reference, CancellationToken.None))!.Status, Is.EqualTo("new"));
    }

    private static async Task<long> AccountIdAsync(TestWebApp app, string role)
    {
        await using var conn = await app.Services.GetRequiredService<CaseStore>().DataSource.OpenConnectionAsync();
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = "select id from account where email = @email";
        cmd.Parameters.AddWithValue("email", TestWebApp.EmailFor(role));
        return (long)(await cmd.ExecuteScalarAsync())!;
    }
}
