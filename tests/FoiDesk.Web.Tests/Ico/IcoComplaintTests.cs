using System.IO.Compression;
using System.Net;
using System.Text;
using FoiDesk.Notifications;
using FoiDesk.Cases;
using FoiDesk.Deadlines;
using FoiDesk.Replies;
using FoiDesk.Web.Tests.Manager;
using FoiDesk.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace FoiDesk.Web.Tests.Ico;

/// <summary>ICO complaints through the page, their reminders, the dashboard's figures, and the evidence bundle file by file.</summary>
public sealed class IcoComplaintTests
{
    /// <summary>The demo request (demo/mail/000-thurrock-...), answered with one exemption and sent through the outbox.</summary>
    internal static async Task<(TestWebApp App, string Reference, long CaseId)> AnsweredDemoCaseAsync()
    {
        var app = await TestWebApp.StartAsync(new DateTimeOffset(2025, 3, 20, 11, 0, 0, TimeSpan.Zero));
        var reference = await SeedCase.OpenAsync(app);
        var caseId = await CaseFixtures.ScalarAsync<long>(app, "select id from foi_case where reference = @reference", new { reference });
        await CaseFixtures.ExecuteAsync(app, """
            update foi_case set status = 'awaiting-approval', classification_confirmed = true where id = @caseId;
            update question set status = 'approved', answer = 'We hold this information; see below.', answer_kind = 'answer' where case_id = @caseId;
            """, new { caseId });
        using (var officer = await app.ClientAsync("ig-officer"))
        {
            var page = await officer.GetStringAsync(new Uri($"/cases/{reference}/approval", UriKind.Relative));
            using var sent = await officer.PostAsync(new Uri($"/cases/{reference}/approval?handler=Send", UriKind.Relative), ApprovalPageTests.Form(page));
            Assert.That(sent.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        }

        app.Time.Advance(TimeSpan.FromHours(1));
        await app.Services.GetRequiredService<OutboxSender>().SendDueAsync(10, CancellationToken.None);
        await CaseFixtures.ExecuteAsync(app, """
            update question set exemption = '{"code": "s43(2)", "title": "Commercial interests", "qualified": true, "reasons": "Contract prices would prejudice the providers; the public interest in withholding outweighs disclosure."}'
            where case_id = @caseId and position = 4
            """, new { caseId });
        return (app, reference, caseId);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient http, string url, string page, params (string, string)[] fields) =>
        http.PostAsync(new Uri(url, UriKind.Relative), ApprovalPageTests.Form(page, fields));

    [Test]
    public async Task Record_ThroughThePage_SavesTimelineAuditAndCountsOnTheDashboard()
    {
        var (app, reference, caseId) = await AnsweredDemoCaseAsync();
        await using var _ = app;
        using var officer = await app.ClientAsync("ig-officer");
        var url = $"/cases/{reference}/ico";
        var page = await officer.GetStringAsync(new Uri(url, UriKind.Relative));

        using var bad = await PostAsync(officer, url + "?handler=Record", page, ("icoReference", "IC-111111-A1B2"), ("receivedOn", "2025-06-10"), ("responseDueOn", "2025-06-01"));
        using var good = await PostAsync(officer, url + "?handler=Record", page, ("icoReference", "IC-111111-A1B2"), ("receivedOn", "2025-06-02"), ("responseDueOn", "2025-06-30"));
        var id = await CaseFixtures.ScalarAsync<long>(app, "select id from ico_complaint where case_id = @caseId", new { caseId });
        var openCount = await DashboardFigureAsync(app, "ico-open");
        using var decided = await PostAsync(officer, url + "?handler=Decide", page, ("id", id.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("outcome", "decision-notice-upheld"), ("decidedOn", "2025-09-01"), ("complianceDueOn", "2025-10-06"));

        Assert.Multiple(async () =>
        {
            Assert.That(await bad.Content.ReadAsStringAsync(), Does.Contain("cannot be before the date its letter was received"));
            Assert.That(good.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(decided.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(await CaseFixtures.ScalarAsync<long>(app, "select count(*) from ico_complaint"), Is.EqualTo(1), "the bad input saved nothing");
            Assert.That(await CaseFixtures.ScalarAsync<string>(app, "select string_agg(kind, ',' order by id) from case_event where case_id = @caseId and kind like 'ico-%'", new { caseId }),
                Is.EqualTo("ico-complaint-received,ico-complaint-decided"));
            Assert.That(await CaseFixtures.ScalarAsync<string>(app, "select string_agg(action, ',' order by id) from audit_event where subject = @reference and action like 'ico-%'", new { reference }),
                Is.EqualTo("ico-complaint-recorded,ico-complaint-decided"));
            Assert.That(openCount, Is.EqualTo("1"));
            Assert.That(await DashboardFigureAsync(app, "ico-open"), Is.EqualTo("0"));
            Assert.That(await DashboardFigureAsync(app, "ico-decided"), Is.EqualTo("1"));
            Assert.That(await DashboardFigureAsync(app, "ico-upheld"), Does.StartWith("1 "));
        });
    }

    [Test]
    public async Task Reminders_IcoDeadlineWithinThreeWorkingDays_NotifiesOfficersOnce()
    {
        var (app, reference, caseId) = await AnsweredDemoCaseAsync();
        await using var _ = app;
        await CaseFixtures.ExecuteAsync(app, """
            insert into ico_complaint (case_id, ico_reference, received_on, response_due_on, recorded_by, recorded_at)
            values (@caseId, 'IC-222222-C3D4', '2025-06-02', '2025-06-30', 'test', now())
            """, new { caseId });
        var reminders = app.Services.GetRequiredService<Reminders>();
        // Tuesday 24 June 2025: the 30th is 4 working days away; Wednesday 25th: 3.
        app.Time.Advance(new DateTimeOffset(2025, 6, 24, 7, 30, 0, TimeSpan.Zero) - app.Time.GetUtcNow());
        await reminders.RunAsync(CancellationToken.None);
        var before = await CaseFixtures.ScalarAsync<long>(app, "select count(*) from notification where kind = 'ico-due'");
        app.Time.Advance(TimeSpan.FromDays(1));
        await reminders.RunAsync(CancellationToken.None);
        await reminders.RunAsync(CancellationToken.None);

        Assert.That(before, Is.Zero);
        Assert.That(await CaseFixtures.ScalarAsync<string>(app, "select string_agg(due_date::text || ' ' || for_working_day::text, ',') from notification where kind = 'ico-due' and case_id = @caseId", new { caseId }),
            Is.EqualTo("2025-06-30 2025-06-25"), reference);
    }

    [Test]
    public async Task Bundle_DemoCase_HoldsEachFileInTheOrderTheIcoAsks()
    {
        var (app, reference, caseId) = await AnsweredDemoCaseAsync();
        await using var _ = app;
        var review = await CaseFixtures.OpenAsync(app, CaseFixtures.At(2025, 4, 22), "Internal review", ["Please review the answer to question 4."], classification: "review", regime: "foia-review", status: "responded");
        await CaseFixtures.ExecuteAsync(app, """
            update foi_case set parent_case_id = @caseId, outcome = 'upheld' where id = @review;
            update question set answer = 'The reviewer upholds the original response.', answer_kind = 'answer' where case_id = @review;
            """, new { caseId, review = review.Id });
        using var officer = await app.ClientAsync("ig-officer");

        using var response = await officer.GetAsync(new Uri($"/cases/{reference}/bundle", UriKind.Relative));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/zip"));
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        string Text(string path) => new StreamReader(zip.GetEntry(path)!.Open(), Encoding.UTF8).ReadToEnd();
        byte[] Bytes(string path) { using var m = new MemoryStream(); zip.GetEntry(path)!.Open().CopyTo(m); return m.ToArray(); }

        var names = zip.Entries.Select(e => e.FullName).ToList();
        Assert.That(names, Is.EqualTo(new[]
        {
            "00-index.html",
            "01-chronology.html",
            "02-correspondence/01-2025-03-20-received.eml",
            "02-correspondence/02-2025-03-20-sent-response.eml",
            "03-internal-review.html",
            "04-exemptions.html",
            "05-audit-extract.html",
        }));
        var c = (await app.Services.GetRequiredService<CaseStore>().FindAsync(reference, CancellationToken.None))!;
        var working = (await app.Services.GetRequiredService<CaseClock>().ComputeAsync(c, CancellationToken.None))!.Working;
        Assert.Multiple(async () =>
        {
            foreach (var name in names.Skip(1))
            {
                Assert.That(Text("00-index.html"), Does.Contain($"href=\"{name}\""), name);
            }

            Assert.That(Bytes("02-correspondence/01-2025-03-20-received.eml"), Is.EqualTo(await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, SeedCase.DemoMessage))), "the request byte for byte");
            Assert.That(Bytes("02-correspondence/02-2025-03-20-sent-response.eml"),
                Is.EqualTo(await CaseFixtures.ScalarAsync<byte[]>(app, "select raw from outgoing_message where case_id = @caseId and letter = 'response'", new { caseId })), "the letter as sent");
            var chronology = Text("01-chronology.html");
            Assert.That(chronology, Does.Contain("response sent").And.Contain("Working-day calculation").And.Contain(review.Reference));
            foreach (var step in working)
            {
                Assert.That(chronology, Does.Contain(System.Net.WebUtility.HtmlEncode(step.Text)), "the deadline engine's working, step by step");
            }

            Assert.That(Text("03-internal-review.html"), Does.Contain(review.Reference).And.Contain("The reviewer upholds the original response."));
            Assert.That(Text("04-exemptions.html"), Does.Contain("s43(2)").And.Contain("the public interest in withholding outweighs disclosure"));
            Assert.That(Text("05-audit-extract.html"), Does.Contain("reply-queued"));
            Assert.That(await CaseFixtures.ScalarAsync<long>(app, "select count(*) from audit_event where action = 'evidence-bundle-built' and subject = @reference", new { reference }), Is.EqualTo(1));
        });
    }

    private static async Task<string> DashboardFigureAsync(TestWebApp app, string id)
    {
        using var manager = await app.ClientAsync("manager");
        var html = await manager.GetStringAsync(new Uri("/dashboard", UriKind.Relative));
        var m = System.Text.RegularExpressions.Regex.Match(html, $"id=\"{id}\">([^<]*)<");
        return m.Success ? m.Groups[1].Value : throw new InvalidOperationException($"no {id} on the dashboard");
    }
}
