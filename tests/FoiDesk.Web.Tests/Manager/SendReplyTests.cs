using System.Net;
using FoiDesk.Web.Tests.Support;

namespace FoiDesk.Web.Tests.Manager;

public sealed class SendReplyTests
{
    private static async Task<(TestWebApp App, string Reference, long CaseId)> ApprovedSeedCaseAsync()
    {
        var app = await TestWebApp.StartAsync(new DateTimeOffset(2025, 3, 20, 11, 0, 0, TimeSpan.Zero));
        var reference = await SeedCase.OpenAsync(app);
        var caseId = await CaseFixtures.ScalarAsync<long>(app, "select id from foi_case where reference = @reference", new { reference });
        await CaseFixtures.ExecuteAsync(app, """
            update foi_case set status = 'awaiting-approval', classification_confirmed = true where id = @caseId;
            update question set status = 'approved', answer = 'We hold this information; see below.', answer_kind = 'answer' where case_id = @caseId;
            """, new { caseId });
        return (app, reference, caseId);
    }

    [Test]
    public async Task Send_ApprovedReply_QueuesTheResponseThreadedToTheRequest()
    {
        var (app, reference, caseId) = await ApprovedSeedCaseAsync();
        await using var _ = app;
        using var http = await app.ClientAsync("ig-officer");
        var page = await http.GetStringAsync(new Uri($"/cases/{reference}/approval", UriKind.Relative));
        Assert.That(page, Does.Contain("Send the reply"));

        using var sent = await http.PostAsync(new Uri($"/cases/{reference}/approval?handler=Send", UriKind.Relative), ApprovalPageTests.Form(page));

        Assert.That(sent.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await sent.Content.ReadAsStringAsync());
        Assert.That(await CaseFixtures.ScalarAsync<string>(app, "select letter || ' ' || to_address || ' ' || in_reply_to from outgoing_message where case_id = @caseId", new { caseId }),
            Is.EqualTo("response request-972166-abcd1234@whatdotheyknow.com request-972166-abcd1234-seed@whatdotheyknow.com"));
    }

    [Test]
    public async Task Send_AttachmentWithRequesterEmail_StoppedBySafetyCheckUntilOverriddenWithReason()
    {
        var (app, reference, caseId) = await ApprovedSeedCaseAsync();
        await using var _ = app;
        await CaseFixtures.ExecuteAsync(app, """
            insert into question_attachment (question_id, file_name, content_type, size, bytes, uploaded_at)
            select id, 'contacts.csv', 'text/csv', 60, convert_to('name,email' || chr(10) || 'A,request-972166-abcd1234@whatdotheyknow.com', 'UTF8'), now()
            from question where case_id = @caseId and position = 1
            """, new { caseId });
        using var http = await app.ClientAsync("ig-officer");
        var page = await http.GetStringAsync(new Uri($"/cases/{reference}/approval", UriKind.Relative));

        using var stopped = await http.PostAsync(new Uri($"/cases/{reference}/approval?handler=Send", UriKind.Relative), ApprovalPageTests.Form(page));
        var stoppedPage = await stopped.Content.ReadAsStringAsync();
        using var overridden = await http.PostAsync(new Uri($"/cases/{reference}/approval?handler=Send", UriKind.Relative),
            ApprovalPageTests.Form(page, ("overrideReason", "The requester asked for their own contact record back.")));

        Assert.That(stopped.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(stoppedPage, Does.Contain("safety check stopped"));
        Assert.That(overridden.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(await CaseFixtures.ScalarAsync<long>(app, "select count(*) from outgoing_message where case_id = @caseId", new { caseId }), Is.EqualTo(1), "nothing queued until the override");
        Assert.That(await CaseFixtures.ScalarAsync<string>(app, "select detail->>'reason' from case_event where case_id = @caseId and kind = 'safety-override'", new { caseId }),
            Is.EqualTo("The requester asked for their own contact record back."));
    }
}
