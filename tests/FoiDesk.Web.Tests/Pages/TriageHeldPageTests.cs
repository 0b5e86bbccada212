using System.Net;
using System.Text;
using Dapper;
using FoiDesk.Accounts;
using FoiDesk.Cases;
using FoiDesk.Intake;
using FoiDesk.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static FoiDesk.Web.Tests.Pages.OfficerTestData;

namespace FoiDesk.Web.Tests.Pages;

/// <summary>An officer deciding on held and failed mail from its page (/triage/held/{rawId}).</summary>
public sealed class TriageHeldPageTests
{
    private TestWebApp _app = null!;
    private HttpClient _officer = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _app = await TestWebApp.StartAsync();
        _officer = await _app.ClientAsync(Roles.IgOfficer);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _officer.Dispose();
        await _app.DisposeAsync();
    }

    private HoldingPen Pen => _app.Services.GetRequiredService<HoldingPen>();

    private CaseStore Cases => _app.Services.GetRequiredService<CaseStore>();

    /// <summary>A reply to a message we never sent: intake holds it.</summary>
    private async Task<long> HeldAsync(string id, string body = "Please see my earlier request about potholes; how many were repaired in 2024?")
    {
        var text = $"From: Pat Stray <pat.{id}@example.org>\nSubject: Re: something we never sent ({id})\nIn-Reply-To: <nope-{id}@council.example>\nMessage-ID: <stray-{id}@example.org>\n\n{body}\n";
        var outcome = await _app.Services.GetRequiredService<IntakeProcessor>()
            .ProcessAsync(new SourceMessage("test", $"held-{id}.eml", Encoding.ASCII.GetBytes(text), _app.Time.GetUtcNow()), CancellationToken.None);
        Assert.That(outcome.Route, Is.EqualTo(IntakeRoute.Held), outcome.Reason);
        return outcome.RawEmailId!.Value;
    }

    private async Task<long> CountAsync(string sql, object args)
    {
        await using var conn = await Cases.DataSource.OpenConnectionAsync();
        return await conn.ExecuteScalarAsync<long>(sql, args);
    }

    private async Task<bool> InPenAsync(long raw) => (await Pen.ListAsync(CancellationToken.None)).Any(m => m.RawEmailId == raw);

    private Task<HttpResponseMessage> DecideAsync(long raw, string handler, Dictionary<string, string>? fields = null) =>
        PostAsync(_officer, $"/triage/held/{raw}", $"/triage/held/{raw}?handler={handler}", fields ?? []);

    [Test]
    public async Task TriageQueue_HeldMessage_LinksToItsPageWithReasonAndRawDownload()
    {
        var raw = await HeldAsync("linked", "I asked about <b>potholes</b> & roads.");

        var queue = await _officer.GetStringAsync(new Uri("/triage", UriKind.Relative));
        var page = await _officer.GetStringAsync(new Uri($"/triage/held/{raw}", UriKind.Relative));

        Assert.That(queue, Does.Contain($"href=\"/triage/held/{raw}\""));
        Assert.That(page, Does.Contain("did not send"), "why it is held");
        Assert.That(page, Does.Contain($"href=\"/triage/raw/{raw}\""), "the raw message is one click away");
        Assert.That(page, Does.Contain("I asked about &lt;b&gt;potholes&lt;/b&gt; &amp; roads."), "mail text is shown encoded, never as markup");
        Assert.That(page, Does.Contain("?handler=attach").And.Contain("?handler=open"));
        Assert.That(await CountAsync("select count(*) from audit_event where action = 'held-mail-viewed' and subject = @subject", new { subject = $"raw:{raw}" }), Is.EqualTo(1));
    }

    [Test]
    public async Task Attach_KnownReference_LeavesPenJoinsCaseTimelineAndIsAudited()
    {
        var c = await OpenCaseAsync(_app, "attach via page");
        var raw = await HeldAsync("attach");

        var response = await DecideAsync(raw, "attach", new() { ["reference"] = $" {c.Reference.ToLowerInvariant()} " });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(response.Headers.Location!.OriginalString, Is.EqualTo($"/cases/{c.Reference}?done=attached"));
        var casePage = await _officer.GetStringAsync(new Uri(response.Headers.Location.OriginalString, UriKind.Relative));
        Assert.That(casePage, Does.Contain("govuk-notification-banner").And.Contain("attached to this case"));
        Assert.That(await InPenAsync(raw), Is.False);
        Assert.That((await Cases.TimelineAsync(c.Id, CancellationToken.None)).Select(e => e.Kind), Does.Contain("mail-attached"));
        Assert.That(await CountAsync("select count(*) from incoming_message where raw_email_id = @raw and case_id = @Id and route = 'follow-up'", new { raw, c.Id }), Is.EqualTo(1));
        Assert.That(await CountAsync("""
            select count(*) from audit_event e join account a on a.id = e.account_id
            where e.action = 'held-mail-attached' and e.subject = @Reference and e.detail->>'via' = 'web' and a.email = @email
            """, new { c.Reference, email = TestWebApp.EmailFor(Roles.IgOfficer) }), Is.EqualTo(1));
    }

    [TestCase("", "Enter the reference of the case")]
    [TestCase("foi-1999-00001", "There is no case FOI-1999-00001")] // references are matched in upper case
    public async Task Attach_BadReference_ErrorSummaryAndInlineErrorNothingChanged(string reference, string error)
    {
        var raw = await HeldAsync($"bad-{reference.Length}");

        var response = await DecideAsync(raw, "attach", new() { ["reference"] = reference });
        var html = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(html, Does.Contain("govuk-error-summary").And.Contain("href=\"#reference\""));
        Assert.That(html, Does.Contain("id=\"reference-error\"").And.Contain("govuk-input--error").And.Contain(error));
        Assert.That(html, Does.Contain("<title>Error: "));
        Assert.That(await InPenAsync(raw), Is.True);
        Assert.That(await CountAsync("select count(*) from audit_event where action in ('held-mail-attached', 'held-mail-opened') and detail->>'rawEmailId' = @raw", new { raw = raw.ToString(System.Globalization.CultureInfo.InvariantCulture) }), Is.Zero);
    }

    [Test]
    public async Task Attach_AlreadyResolved_SaysSoAndShowsTheDecision()
    {
        var c = await OpenCaseAsync(_app, "resolved elsewhere");
        var raw = await HeldAsync("resolved");
        var page = await _officer.GetStringAsync(new Uri($"/triage/held/{raw}", UriKind.Relative));
        await Pen.AttachToCaseAsync(raw, c.Reference, new PenDecider("another.officer@example.org", null, "cli"), CancellationToken.None);

        // The officer posts from the page they loaded before the other decision.
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["reference"] = c.Reference, ["__RequestVerificationToken"] = TestWebApp.AntiforgeryToken(page) });
        var response = await _officer.PostAsync(new Uri($"/triage/held/{raw}?handler=attach", UriKind.Relative), form);
        var html = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(html, Does.Contain("govuk-error-summary").And.Contain("no longer in the holding pen"));
        Assert.That(html, Does.Contain("What was decided").And.Contain("another.officer@example.org").And.Contain($"href=\"/cases/{c.Reference}\""));
        Assert.That(html, Does.Not.Contain("?handler=attach"), "no forms for a resolved message");
        Assert.That(await CountAsync("select count(*) from case_event where case_id = @Id and kind = 'mail-attached'", new { c.Id }), Is.EqualTo(1));
    }

    [Test]
    public async Task OpenCase_HeldRequest_OpensCaseWithQuestionsSplitAndRedirectsWithBanner()
    {
        var raw = await HeldAsync("open", "Under the Freedom of Information Act please tell me:\n\n1. How many potholes were reported in 2024?\n2. How many of them were repaired within 28 days?");

        var response = await DecideAsync(raw, "open");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        var location = response.Headers.Location!.OriginalString;
        Assert.That(location, Does.Match(@"^/cases/[^/?]+\?done=opened$"));
        var reference = Uri.UnescapeDataString(location["/cases/".Length..location.IndexOf('?', StringComparison.Ordinal)]);
        var c = (await Cases.FindAsync(reference, CancellationToken.None))!;
        var questions = await Cases.QuestionsAsync(c.Id, CancellationToken.None);
        Assert.That(questions.Select(q => q.Text), Is.EqualTo(new[] { "How many potholes were reported in 2024?", "How many of them were repaired within 28 days?" }));
        Assert.That(c.Status, Is.EqualTo(CaseStatuses.New), "an officer confirms it next");
        var casePage = await _officer.GetStringAsync(new Uri(location, UriKind.Relative));
        Assert.That(casePage, Does.Contain("govuk-notification-banner--success").And.Contain("Case opened from the held message"));
        Assert.That(await InPenAsync(raw), Is.False);
        Assert.That((await Cases.TimelineAsync(c.Id, CancellationToken.None)).Select(e => e.Kind), Does.Contain("opened-from-holding-pen"));
        Assert.That(await CountAsync("select count(*) from audit_event where action = 'held-mail-opened' and subject = @reference and detail->>'via' = 'web'", new { reference }), Is.EqualTo(1));
    }

    [Test]
    public async Task Reprocess_FailedMessageReadableNow_RoutedAfreshAndAudited()
    {
        var raw = await HeldAsync("reprocess");
        await using (var conn = await Cases.DataSource.OpenConnectionAsync())
        {
            // As an older parser would have left it: flagged unreadable, no parse.
            await conn.ExecuteAsync("update incoming_message set route = 'failed', route_reason = 'could not be parsed: old bug', parse_ok = false, parse_error = 'old bug', subject = '', text_body = '' where raw_email_id = @raw", new { raw });
        }

        var failedPage = await _officer.GetStringAsync(new Uri($"/triage/held/{raw}", UriKind.Relative));
        var response = await DecideAsync(raw, "reprocess");

        Assert.That(failedPage, Does.Contain("?handler=reprocess").And.Not.Contain("?handler=open"), "a case cannot be opened from mail that cannot be read");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(response.Headers.Location!.OriginalString, Is.EqualTo($"/triage/held/{raw}?done=held"), "a stray reply is held once read");
        var heldPage = await _officer.GetStringAsync(new Uri(response.Headers.Location.OriginalString, UriKind.Relative));
        Assert.That(heldPage, Does.Contain("stays in the holding pen").And.Contain("Re: something we never sent (reprocess)"));
        Assert.That((await Pen.FindAsync(raw, CancellationToken.None))!.Route, Is.EqualTo("held"));
        Assert.That(await CountAsync("select count(*) from audit_event where action = 'failed-mail-reprocessed' and subject = @subject and detail->>'via' = 'web'", new { subject = $"raw:{raw}" }), Is.EqualTo(1));
    }

    [Test]
    public async Task Post_NoHandler_400()
    {
        var raw = await HeldAsync("no-handler");

        var response = await PostAsync(_officer, $"/triage/held/{raw}", $"/triage/held/{raw}", new() { ["reference"] = "FOI-1999-00001" });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await InPenAsync(raw), Is.True);
    }

    [Test]
    public async Task Post_NoAntiforgeryToken_400AndStillHeld()
    {
        var raw = await HeldAsync("no-token");

        using var form = new FormUrlEncodedContent(new Dictionary<string, string>());
        var response = await _officer.PostAsync(new Uri($"/triage/held/{raw}?handler=open", UriKind.Relative), form);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await InPenAsync(raw), Is.True);
    }

    [Test]
    public async Task HeldPage_UnknownOrRoutineMessage_404()
    {
        var reference = await SeedCase.OpenAsync(_app, "routine");
        var routineRaw = await CountAsync("select m.raw_email_id from incoming_message m join foi_case c on c.id = m.case_id where c.reference = @reference", new { reference });

        var unknown = await _officer.GetAsync(new Uri("/triage/held/999999", UriKind.Relative));
        var routine = await _officer.GetAsync(new Uri($"/triage/held/{routineRaw}", UriKind.Relative));

        Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(routine.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "mail that was never held is read on its case");
    }

    [TestCase(Roles.Commissioner)]
    [TestCase(Roles.Manager)]
    public async Task HeldPage_NotAnOfficer_Refused403(string role)
    {
        var raw = await HeldAsync($"refused-{role}");
        using var http = await _app.ClientAsync(role);
        var token = TestWebApp.AntiforgeryToken(await http.GetStringAsync(new Uri("/account/change-password", UriKind.Relative)));

        var get = await http.GetAsync(new Uri($"/triage/held/{raw}", UriKind.Relative));
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token });
        var post = await http.PostAsync(new Uri($"/triage/held/{raw}?handler=open", UriKind.Relative), form);
        var denied = await http.GetAsync(get.Headers.Location!);

        Assert.That(get.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(get.Headers.Location!.OriginalString, Does.Contain("/access-denied"));
        Assert.That(post.Headers.Location?.OriginalString, Does.Contain("/access-denied"));
        Assert.That(denied.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await InPenAsync(raw), Is.True);
        Assert.That(await CountAsync("select count(*) from audit_event where action = 'held-mail-viewed' and subject = @subject", new { subject = $"raw:{raw}" }), Is.Zero);
    }
}
