using System.Net;
using FoiDesk.Web.Tests.Support;

namespace FoiDesk.Web.Tests.Manager;

public sealed class ApprovalPageTests
{
    [Test]
    public async Task Approval_ReturnWithCommentThenApprove_RecordsEachStep()
    {
        await using var app = await TestWebApp.StartAsync();
        var (id, reference) = await CaseFixtures.OpenAsync(app, CaseFixtures.At(2025, 3, 3), "Parking permits", ["How many permits were issued?", "What did they cost?"], status: "awaiting-approval");
        await CaseFixtures.ExecuteAsync(app, """
            update question set status = 'submitted', answer = 'We issued **1,204** permits.', answer_kind = 'answer' where case_id = @id and position = 1;
            update question set status = 'submitted', answer = 'The cost is exempt.', answer_kind = 'exempt', exemption = '{"section": "s43(2)"}' where case_id = @id and position = 2;
            """, new { id });
        var q2 = await CaseFixtures.ScalarAsync<long>(app, "select id from question where case_id = @id and position = 2", new { id });
        using var http = await app.ClientAsync("ig-officer");

        var page = await http.GetStringAsync(new Uri($"/cases/{reference}/approval", UriKind.Relative));
        Assert.That(page, Does.Contain("How many permits were issued?"));
        Assert.That(page, Does.Contain("We issued <strong>1,204</strong> permits."), "answers are rendered from Markdown");
        Assert.That(page, Does.Contain("Exemptions proposed:</strong> s43(2)"));

        using var returned = await http.PostAsync(new Uri($"/cases/{reference}/approval?handler=Return", UriKind.Relative), Form(page, ("questionId", q2.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("comment", "Say which part of s43 and give the public interest test.")));
        Assert.That(returned.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(await CaseFixtures.ScalarAsync<string>(app, "select status || ':' || returned_reason from question where id = @q2", new { q2 }), Is.EqualTo("returned:Say which part of s43 and give the public interest test."));
        Assert.That(await CaseFixtures.ScalarAsync<string>(app, "select status from foi_case where id = @id", new { id }), Is.EqualTo("open"), "a returned question sends the case back to being answered");
        Assert.That(await CaseFixtures.ScalarAsync<long>(app, "select count(*) from case_event where case_id = @id and kind = 'question-returned'", new { id }), Is.EqualTo(1));
        Assert.That(await CaseFixtures.ScalarAsync<long>(app, "select count(*) from audit_event where action = 'question-returned' and subject = @reference", new { reference }), Is.EqualTo(1));

        // While a question is with its commissioner the reply cannot be approved.
        page = await http.GetStringAsync(new Uri($"/cases/{reference}/approval", UriKind.Relative));
        using var early = await http.PostAsync(new Uri($"/cases/{reference}/approval?handler=Approve", UriKind.Relative), Form(page));
        Assert.That(await early.Content.ReadAsStringAsync(), Does.Contain("Every question needs a submitted answer"));

        // The commissioner resubmits (another part of the app); then the approver approves.
        await CaseFixtures.ExecuteAsync(app, "update question set status = 'submitted' where id = @q2", new { q2 });
        using var approved = await http.PostAsync(new Uri($"/cases/{reference}/approval?handler=Approve", UriKind.Relative), Form(page));
        Assert.That(approved.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(await CaseFixtures.ScalarAsync<long>(app, "select count(*) from question where case_id = @id and status = 'approved' and returned_reason is null", new { id }), Is.EqualTo(2));
        Assert.That(await CaseFixtures.ScalarAsync<string>(app, "select status from foi_case where id = @id", new { id }), Is.EqualTo("approved"));
        Assert.That(await CaseFixtures.ScalarAsync<string>(app, "select detail->>'approver' from case_event where case_id = @id and kind = 'approved'", new { id }), Is.EqualTo(TestWebApp.EmailFor("ig-officer")));
        Assert.That(await CaseFixtures.ScalarAsync<long>(app, "select count(*) from audit_event where action in ('case-viewed', 'reply-approved') and subject = @reference", new { reference }), Is.GreaterThanOrEqualTo(3));
    }

    [Test]
    public async Task Approval_EmptyComment_ShowsErrorAndChangesNothing()
    {
        await using var app = await TestWebApp.StartAsync();
        var (id, reference) = await CaseFixtures.OpenAsync(app, CaseFixtures.At(2025, 3, 3), "Bins", ["When are bins collected?"]);
        await CaseFixtures.ExecuteAsync(app, "update question set status = 'submitted', answer = 'Weekly.' where case_id = @id", new { id });
        var q = await CaseFixtures.ScalarAsync<long>(app, "select id from question where case_id = @id", new { id });
        using var http = await app.ClientAsync("manager");
        var page = await http.GetStringAsync(new Uri($"/cases/{reference}/approval", UriKind.Relative));

        using var response = await http.PostAsync(new Uri($"/cases/{reference}/approval?handler=Return", UriKind.Relative), Form(page, ("questionId", q.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("comment", "  ")));

        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("Enter comments for the commissioner"));
        Assert.That(await CaseFixtures.ScalarAsync<string>(app, "select status from question where id = @q", new { q }), Is.EqualTo("submitted"));
    }

    [TestCase("commissioner")]
    [TestCase("admin")]
    public async Task Approval_NotAnApprover_IsRefused(string role)
    {
        await using var app = await TestWebApp.StartAsync();
        var (_, reference) = await CaseFixtures.OpenAsync(app, CaseFixtures.At(2025, 3, 3), "Bins", ["When are bins collected?"]);
        using var http = await app.ClientAsync(role);

        using var response = await http.GetAsync(new Uri($"/cases/{reference}/approval", UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(response.Headers.Location?.ToString(), Does.Contain("access-denied"));
    }

    internal static FormUrlEncodedContent Form(string page, params (string Name, string Value)[] fields) =>
        new([new KeyValuePair<string, string>("__RequestVerificationToken", TestWebApp.AntiforgeryToken(page)), .. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))]);
}
