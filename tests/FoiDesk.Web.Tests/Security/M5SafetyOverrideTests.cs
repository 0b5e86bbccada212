using System.Net;
using FoiDesk.Web.Tests.Manager;
using FoiDesk.Web.Tests.Support;

namespace FoiDesk.Web.Tests.Security;

/// <summary>Security review M5: only IG officers may override the pre-send gate, and every override is audited with its reason.</summary>
public sealed class M5SafetyOverrideTests
{
    // Old code: any approver (a manager too) could override by giving a reason, and the override was written
    // to the case timeline only, never to the audit log.
    [Test]
    public async Task M5_SafetyOverride_ManagerRefusedIgOfficerAllowedAndAudited()
    {
        await using var app = await TestWebApp.StartAsync(new DateTimeOffset(2025, 3, 20, 11, 0, 0, TimeSpan.Zero));
        var reference = await SeedCase.OpenAsync(app);
        var caseId = await CaseFixtures.ScalarAsync<long>(app, "select id from foi_case where reference = @reference", new { reference });
        await CaseFixtures.ExecuteAsync(app, """
            update foi_case set status = 'awaiting-approval', classification_confirmed = true where id = @caseId;
            update question set status = 'approved', answer = 'We hold this information; see below.', answer_kind = 'answer' where case_id = @caseId;
            insert into question_attachment (question_id, file_name, content_type, size, bytes, uploaded_at)
            select id, 'contacts.csv', 'text/csv', 60, convert_to('name,email' || chr(10) || 'A,someone.else@example.org', 'UTF8'), now()
            from question where case_id = @caseId and position = 1;
            """, new { caseId });
        const string Reason = "The address is the council's own contractor, published on our website.";
        var approval = new Uri($"/cases/{reference}/approval", UriKind.Relative);
        var send = new Uri($"/cases/{reference}/approval?handler=Send", UriKind.Relative);

        using var manager = await app.ClientAsync("manager");
        var managerPage = await manager.GetStringAsync(approval);
        using var byManager = await manager.PostAsync(send, ApprovalPageTests.Form(managerPage, ("overrideReason", Reason)));
        var managerResult = await byManager.Content.ReadAsStringAsync();
        using var officer = await app.ClientAsync("ig-officer");
        var officerPage = await officer.GetStringAsync(approval);
        using var byOfficer = await officer.PostAsync(send, ApprovalPageTests.Form(officerPage, ("overrideReason", Reason)));

        Assert.That(managerPage, Does.Not.Contain("override-reason"), "the box is offered to IG officers only");
        Assert.That(officerPage, Does.Contain("override-reason"));
        Assert.That(byManager.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(managerResult, Does.Contain("only an IG officer may override"));
        Assert.That(byOfficer.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(await CaseFixtures.ScalarAsync<long>(app, "select count(*) from outgoing_message where case_id = @caseId and letter = 'response'", new { caseId }), Is.EqualTo(1));
        var audited = await CaseFixtures.ScalarAsync<string>(app, """
            select e.actor || ' | ' || (e.detail->>'reason') || ' | ' || (e.detail->'findings'->0->>'kind')
            from audit_event e where e.action = 'safety-override' and e.subject = @reference
            """, new { reference });
        Assert.That(audited, Is.EqualTo($"{TestWebApp.EmailFor("ig-officer")} | {Reason} | EmailAddress"));
    }
}
