using System.Net;
using FoiDesk.Cases;
using FoiDesk.Deadlines;
using FoiDesk.Intake;
using FoiDesk.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static FoiDesk.Web.Tests.Pages.OfficerTestData;

namespace FoiDesk.Web.Tests.Pages;

public sealed class OfficerPagesTests
{
    [Test]
    public async Task Triage_ConfirmFoi_OpensCaseWithFoiaClockAndRecordsEvent()
    {
        await using var app = await TestWebApp.StartAsync();
        using var officer = await app.ClientAsync("ig-officer");
        var c = await OpenCaseAsync(app);

        var queue = await officer.GetStringAsync(new Uri("/triage", UriKind.Relative));
        var response = await PostAsync(officer, $"/cases/{c.Reference}", $"/cases/{c.Reference}?handler=confirm", new() { ["classification"] = "foi" });

        var store = app.Services.GetRequiredService<CaseStore>();
        var after = (await store.FindAsync(c.Reference, CancellationToken.None))!;
        var timeline = await store.TimelineAsync(c.Id, CancellationToken.None);
        Assert.That(queue, Does.Contain(c.Reference).And.Contain("mentions the Freedom of Information Act"));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That((after.Status, after.Regime, after.ClassificationConfirmed), Is.EqualTo(("open", "foia", true)));
        Assert.That(timeline.Select(e => e.Kind), Does.Contain("classification-confirmed"));
        Assert.That(await officer.GetStringAsync(new Uri("/triage", UriKind.Relative)), Does.Not.Contain(c.Reference));
    }

    [TestCase("not-foi")]
    [TestCase("duplicate")]
    public async Task Triage_ConfirmNotFoiOrDuplicate_ClosesWithThatOutcomeAndNoClock(string classification)
    {
        await using var app = await TestWebApp.StartAsync();
        using var officer = await app.ClientAsync("ig-officer");
        var c = await OpenCaseAsync(app, regime: "foia");

        await PostAsync(officer, $"/cases/{c.Reference}", $"/cases/{c.Reference}?handler=confirm", new() { ["classification"] = classification });

        var after = (await app.Services.GetRequiredService<CaseStore>().FindAsync(c.Reference, CancellationToken.None))!;
        Assert.That((after.Status, after.Outcome, after.Regime), Is.EqualTo(("closed", classification, (string?)null)));
    }

    [Test]
    public async Task CasePage_Officer_ShowsRequestQuestionsDeadlinesWorkingAndAuditsTheView()
    {
        await using var app = await TestWebApp.StartAsync();
        using var officer = await app.ClientAsync("ig-officer");
        var c = await OpenCaseAsync(app, regime: "foia");

        var html = await officer.GetStringAsync(new Uri($"/cases/{c.Reference}", UriKind.Relative));

        Assert.That(html, Does.Contain("How many foster carers do you have?"));
        Assert.That(html, Does.Contain(RequesterEmail));
        Assert.That(html, Does.Contain("How these dates were worked out").And.Contain("govuk-details"));

        // FOIA s10(1): working day 20 after Monday 10 March 2025; s10(6): St Patrick's Day (17 March, a Northern
        // Ireland bank holiday) is not a working day anywhere in the UK, so the date is Tuesday 8 April, not Monday 7.
        Assert.That(html, Does.Contain("Tuesday 8 April 2025").And.Contain("St Patrick"));
        Assert.That(html, Does.Contain("opened"));
        await using var conn = await app.Services.GetRequiredService<CaseStore>().DataSource.OpenConnectionAsync();
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = $"select count(*) from audit_event where action = 'case-viewed' and subject = '{c.Reference}'";
        Assert.That(Convert.ToInt64(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(1));
    }

    [Test]
    public async Task Assign_TwoQuestionsToTwoTeams_EachQuestionHasItsTeamAndTheTimelineSaysSo()
    {
        await using var app = await TestWebApp.StartAsync();
        using var officer = await app.ClientAsync("ig-officer");
        var c = await OpenCaseAsync(app, regime: "foia");
        var store = app.Services.GetRequiredService<CaseStore>();
        var questions = await store.QuestionsAsync(c.Id, CancellationToken.None);
        var children = await TeamIdAsync(app, "Children's Commissioning");
        var finance = await TeamIdAsync(app, "Finance");

        await PostAsync(officer, $"/cases/{c.Reference}", $"/cases/{c.Reference}?handler=assign", new() { ["questionId"] = $"{questions[0].Id}", ["teamId"] = $"{children}" });
        await PostAsync(officer, $"/cases/{c.Reference}", $"/cases/{c.Reference}?handler=assign", new() { ["questionId"] = $"{questions[1].Id}", ["teamId"] = $"{finance}" });

        var after = await store.QuestionsAsync(c.Id, CancellationToken.None);
        Assert.That(after.Select(q => (q.TeamId, q.Status)), Is.EqualTo(new[] { ((long?)children, "assigned"), ((long?)finance, "assigned") }));
        Assert.That((await store.TimelineAsync(c.Id, CancellationToken.None)).Count(e => e.Kind == "question-assigned"), Is.EqualTo(2));
    }

    [Test]
    public async Task Assign_NamedPersonNotInTeam_ShowsErrorSummaryAndChangesNothing()
    {
        await using var app = await TestWebApp.StartAsync();
        using var officer = await app.ClientAsync("ig-officer");
        var c = await OpenCaseAsync(app, regime: "foia");
        var store = app.Services.GetRequiredService<CaseStore>();
        var q = (await store.QuestionsAsync(c.Id, CancellationToken.None))[0];

        var response = await PostAsync(officer, $"/cases/{c.Reference}", $"/cases/{c.Reference}?handler=assign",
            new() { ["questionId"] = $"{q.Id}", ["teamId"] = $"{await TeamIdAsync(app, "Finance")}", ["assigneeId"] = "1" });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("govuk-error-summary").And.Contain("is not in Finance"));
        Assert.That((await store.QuestionsAsync(c.Id, CancellationToken.None))[0].TeamId, Is.Null);
    }

    [Test]
    public async Task QuestionEdits_MergeThenSplitThenRenumber_KeepOriginalTextAndMergedRow()
    {
        await using var app = await TestWebApp.StartAsync();
        using var officer = await app.ClientAsync("ig-officer");
        var c = await OpenCaseAsync(app, regime: "foia");
        var store = app.Services.GetRequiredService<CaseStore>();
        var before = await store.QuestionsAsync(c.Id, CancellationToken.None);
        var page = $"/cases/{c.Reference}";

        await PostAsync(officer, page, $"{page}?handler=merge", new() { ["questionId"] = $"{before[0].Id}" });
        var merged = await store.QuestionsAsync(c.Id, CancellationToken.None);
        var cut = merged[0].Text.IndexOf("What", StringComparison.Ordinal);
        await PostAsync(officer, page, $"{page}?handler=split", new() { ["questionId"] = $"{merged[0].Id}", ["position"] = $"{cut}" });
        var split = await store.QuestionsAsync(c.Id, CancellationToken.None);
        await PostAsync(officer, page, $"{page}?handler=renumber", []);
        var renumbered = await store.QuestionsAsync(c.Id, CancellationToken.None);

        Assert.That(merged.Select(q => q.Text), Is.EqualTo(new[] { "How many foster carers do you have? What is your fostering budget for 2024/25?" }));
        Assert.That(split.Select(q => q.Number), Is.EqualTo(new[] { "1a", "1b" }));
        Assert.That(split.Select(q => q.OriginalText), Is.All.EqualTo("How many foster carers do you have?"));
        Assert.That(renumbered.Select(q => (q.Number, q.Position)), Is.EqualTo(new[] { ("1", 1), ("2", 2) }));
        await using var conn = await store.DataSource.OpenConnectionAsync();
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = $"select merged_into_id from question where id = {before[1].Id} and status = 'merged'";
        Assert.That(await cmd.ExecuteScalarAsync(), Is.EqualTo(before[0].Id));
    }

    [Test]
    public async Task ClockEvent_Preview_ShowsNewDateWithoutSaving_ThenRecordSavesIt()
    {
        await using var app = await TestWebApp.StartAsync();
        using var officer = await app.ClientAsync("ig-officer");
        var c = await OpenCaseAsync(app, regime: "foia");
        var store = app.Services.GetRequiredService<CaseStore>();
        var clockPage = $"/cases/{c.Reference}/clock";
        var fields = new Dictionary<string, string> { ["EventName"] = "pit_notice_sent", ["Date"] = "2025-03-20" };

        var preview = await PostAsync(officer, clockPage, $"{clockPage}?handler=preview", new(fields));
        var previewHtml = await preview.Content.ReadAsStringAsync();
        var savedAfterPreview = await store.ClockEventsAsync(c.Id, CancellationToken.None);
        var record = await PostAsync(officer, clockPage, $"{clockPage}?handler=record", new(fields));

        var expected = DeadlineEngine.Compute(Regime.Foia, c.ReceivedAt, [new ClockEvent("pit_notice_sent", new DateOnly(2025, 3, 20))]).Dates[DateNames.ResponseDuePit];
        Assert.That(previewHtml, Does.Contain("response due pit").And.Contain(expected.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(previewHtml, Does.Contain("Record the event"));
        Assert.That(savedAfterPreview, Is.Empty);
        Assert.That(record.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That((await store.ClockEventsAsync(c.Id, CancellationToken.None)).Select(e => (e.Name, e.OccurredOn)), Is.EqualTo(new[] { ("pit_notice_sent", new DateOnly(2025, 3, 20)) }));
        Assert.That((await store.TimelineAsync(c.Id, CancellationToken.None)).Select(e => e.Kind), Does.Contain("clock-event"));
    }

    [Test]
    public async Task ClockEvent_BeforeReceipt_EngineErrorShownInErrorSummary()
    {
        await using var app = await TestWebApp.StartAsync();
        using var officer = await app.ClientAsync("ig-officer");
        var c = await OpenCaseAsync(app, regime: "foia");
        var clockPage = $"/cases/{c.Reference}/clock";

        var response = await PostAsync(officer, clockPage, $"{clockPage}?handler=preview", new() { ["EventName"] = "clarification_sent", ["Date"] = "2025-03-01" });

        var html = await response.Content.ReadAsStringAsync();
        Assert.That(html, Does.Contain("govuk-error-summary").And.Contain("before the date of receipt"));
        Assert.That(await app.Services.GetRequiredService<CaseStore>().ClockEventsAsync(c.Id, CancellationToken.None), Is.Empty);
    }

    [Test]
    public async Task RawMessage_FromIntake_DownloadsAsPlainTextAttachment()
    {
        await using var app = await TestWebApp.StartAsync();
        using var officer = await app.ClientAsync("ig-officer");
        var eml = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "demo", "mail", "000-thurrock-social-value-request.eml"));
        var outcome = await app.Services.GetRequiredService<IntakeProcessor>().ProcessAsync(new SourceMessage("test", "000", eml, null), CancellationToken.None);

        var html = await officer.GetStringAsync(new Uri($"/cases/{outcome.CaseReference}", UriKind.Relative));
        var raw = await officer.GetAsync(new Uri($"/cases/{outcome.CaseReference}/raw/{outcome.RawEmailId}", UriKind.Relative));
        var wrongCase = await officer.GetAsync(new Uri($"/cases/{outcome.CaseReference}/raw/{outcome.RawEmailId + 1000}", UriKind.Relative));

        Assert.That(html, Does.Contain($"/cases/{outcome.CaseReference}/raw/{outcome.RawEmailId}"));
        Assert.That(raw.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/plain"));
        Assert.That(raw.Content.Headers.ContentDisposition!.DispositionType, Is.EqualTo("attachment"));
        Assert.That(await raw.Content.ReadAsByteArrayAsync(), Is.EqualTo(eml));
        Assert.That(wrongCase.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }
}
