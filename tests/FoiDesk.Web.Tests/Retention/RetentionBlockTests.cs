using FoiDesk.Retention;
using FoiDesk.Web.Tests.Manager;
using FoiDesk.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace FoiDesk.Web.Tests.Retention;

/// <summary>What keeps a case past its period: a hold, an open internal review, an open ICO complaint; and which rule applies.</summary>
public sealed class RetentionBlockTests
{
    private static async Task<(long Id, string Reference)> AnsweredAsync(TestWebApp app, string subject, DateOnly sent, string? parent = null)
    {
        var opened = await CaseFixtures.OpenAsync(app, CaseFixtures.At(2025, 3, 3), subject, ["How many?"]);
        await CaseFixtures.RecordAsync(app, opened.Reference, "response_sent", sent);
        await CaseFixtures.ExecuteAsync(app, "update foi_case set status = 'responded', outcome = 'granted', parent_case_id = (select id from foi_case where reference = @parent) where id = @Id",
            new { opened.Id, parent });
        return opened;
    }

    [Test]
    public async Task Due_HoldOpenReviewOrOpenComplaint_KeepsTheCaseAndConfirmDeletesOnlyTheRest()
    {
        await using var app = await TestWebApp.StartAsync(new DateTimeOffset(2025, 3, 3, 10, 0, 0, TimeSpan.Zero));
        var sent = new DateOnly(2025, 3, 28);
        var plain = await AnsweredAsync(app, "plain", sent);
        var held = await AnsweredAsync(app, "held", sent);
        var reviewed = await AnsweredAsync(app, "reviewed", sent);
        var complained = await AnsweredAsync(app, "complained", sent);
        var later = await AnsweredAsync(app, "hold placed after listing", sent);
        // An internal review of "reviewed", still open.
        var review = await CaseFixtures.OpenAsync(app, CaseFixtures.At(2025, 4, 1), "review", ["Please review"], classification: "review", regime: "foia-review");
        await CaseFixtures.ExecuteAsync(app, "update foi_case set parent_case_id = @parent where id = @review", new { parent = reviewed.Id, review = review.Id });
        // An ICO complaint on "complained", not yet decided.
        await CaseFixtures.ExecuteAsync(app, """
            insert into ico_complaint (case_id, ico_reference, received_on, response_due_on, recorded_by, recorded_at)
            values (@Id, 'IC-123456-A1B2', '2025-06-02', '2025-06-30', 'test', now())
            """, new { complained.Id });
        app.Time.Advance(TimeSpan.FromDays(365 * 4));
        var holds = app.Services.GetRequiredService<RetentionHolds>();
        await holds.PlaceAsync(held.Reference, "Litigation: county court claim", new DateOnly(2030, 1, 1), null, "test", CancellationToken.None);

        var schedule = app.Services.GetRequiredService<RetentionSchedule>();
        var due = (await schedule.DueAsync(LondonTime.DateOf(app.Time.GetUtcNow()), CancellationToken.None)).ToDictionary(d => d.Reference, d => d.Blocked);
        var runs = app.Services.GetRequiredService<RetentionRuns>();
        var runId = await runs.ListAsync(CancellationToken.None);
        await holds.PlaceAsync(later.Reference, "ICO investigation", new DateOnly(2030, 1, 1), null, "test", CancellationToken.None);
        var certificate = await runs.ConfirmAsync(runId!.Value, null, "test-admin", CancellationToken.None);

        Assert.Multiple(async () =>
        {
            Assert.That(due[plain.Reference], Is.Null);
            Assert.That(due[held.Reference], Is.EqualTo("on hold until 2030-01-01"));
            Assert.That(due[reviewed.Reference], Is.EqualTo("an internal review is open"));
            // Six years apply once a complaint followed, so it is not due at all yet; were it due, the open complaint would keep it.
            Assert.That(due.ContainsKey(complained.Reference), Is.False);
            Assert.That(certificate.Cases.ToDictionary(c => c.Reference, c => c.Result), Is.EqualTo(new Dictionary<string, string?>
            {
                [plain.Reference] = "deleted",
                [later.Reference] = "skipped-hold",
            }));
            Assert.That(await CaseFixtures.ScalarAsync<string>(app,
                "select string_agg(reference, ',' order by reference) from foi_case where personal_data_deleted_at is not null"), Is.EqualTo(plain.Reference));
        });
    }

    [Test]
    public async Task Due_OpenComplaintPastSixYears_IsKept()
    {
        await using var app = await TestWebApp.StartAsync(new DateTimeOffset(2025, 3, 3, 10, 0, 0, TimeSpan.Zero));
        var complained = await AnsweredAsync(app, "complained", new DateOnly(2025, 3, 28));
        await CaseFixtures.ExecuteAsync(app, """
            insert into ico_complaint (case_id, ico_reference, received_on, response_due_on, recorded_by, recorded_at)
            values (@Id, 'IC-654321-Z9Y8', '2025-06-02', '2025-06-30', 'test', now())
            """, new { complained.Id });
        app.Time.Advance(TimeSpan.FromDays(365 * 7));

        var due = await app.Services.GetRequiredService<RetentionSchedule>().DueAsync(LondonTime.DateOf(app.Time.GetUtcNow()), CancellationToken.None);

        Assert.That(due.Single().Blocked, Is.EqualTo("an ICO complaint is open"));
        Assert.That(due.Single().Rule, Does.Contain("6 years"));
    }

    [Test]
    public async Task Rule_SpecificRegimeAndOutcome_WinsOverTheDefault()
    {
        await using var app = await TestWebApp.StartAsync(new DateTimeOffset(2025, 3, 3, 10, 0, 0, TimeSpan.Zero));
        var granted = await AnsweredAsync(app, "granted", new DateOnly(2025, 3, 28));
        var schedule = app.Services.GetRequiredService<RetentionSchedule>();
        await schedule.SaveRuleAsync("foia", "granted", 1, 2, null, "test", CancellationToken.None);
        app.Time.Advance(TimeSpan.FromDays(400));

        var due = await schedule.DueAsync(LondonTime.DateOf(app.Time.GetUtcNow()), CancellationToken.None);

        Assert.That(due.Single().Reference, Is.EqualTo(granted.Reference));
        Assert.That(due.Single().Rule, Does.StartWith("foia/granted: 1 years"));
        Assert.That(async () => await schedule.SaveRuleAsync("foia", "granted", 5, 2, null, "test", CancellationToken.None),
            Throws.TypeOf<RetentionException>().With.Message.Contains("cannot be shorter"));
    }

    [Test]
    public async Task Audit_UpdateOutsideRetention_IsStillRefused()
    {
        await using var app = await TestWebApp.StartAsync();
        await CaseFixtures.ExecuteAsync(app, "insert into audit_event (at, actor, action, detail) values (now(), 'test', 'x', '{\"q\": \"Someone\"}')");

        Assert.That(async () => await CaseFixtures.ExecuteAsync(app, "update audit_event set detail = '{}'"),
            Throws.InstanceOf<Npgsql.PostgresException>().With.Message.Contains("append-only"));
        Assert.That(async () => await CaseFixtures.ExecuteAsync(app, "select set_config('foidesk.retention_run', '1', false); update audit_event set actor = 'other', detail = '{\"redacted\": \"retention\", \"certificate\": 1}'"),
            Throws.InstanceOf<Npgsql.PostgresException>().With.Message.Contains("append-only"));
    }
}
