using Dapper;
using FoiDesk.Deadlines;
using FoiDesk.Mail;
using FoiDesk.Notifications;
using FoiDesk.Replies;
using Microsoft.Extensions.Logging.Abstractions;

namespace FoiDesk.Tests.Deadlines.Store;

/// <summary>
/// The morning run's notifications delivered as one digest per person. On Wed 25 June 2025 one person, both
/// assignee and their team's manager, has: case A's question 1 (draft due Tue 17 June, overdue: a reminder; and
/// escalated, as A's response is due Mon 30 June) and case B's question 1 (assigned Thu 12 June, draft due Thu 26
/// June: a reminder). An IG officer is told case A's response is due.
/// </summary>
public sealed class ReminderDigestTests
{
    private const string PublicUrl = "https://foi.council.example";
    private ClockDatabase _db = null!;
    private ReminderDigests _digests = null!;
    private long _person;
    private long _officer;
    private string _caseA = "";
    private string _caseB = "";
    private long _questionA;
    private long _questionB;
    private string _pickup = "";

    [SetUp]
    public async Task SetUp()
    {
        _db = await ClockDatabase.CreateAsync(new DateTimeOffset(2025, 6, 2, 10, 0, 0, TimeSpan.FromHours(1)));
        _person = await _db.AccountAsync("sam@council.example", "commissioner", "manager");
        _officer = await _db.AccountAsync("ig@council.example", "ig-officer");
        var team = await _db.TeamAsync("Highways", _person);
        long a, b;
        (a, _caseA) = await _db.OpenFoiaAsync(new DateTimeOffset(2025, 6, 2, 10, 0, 0, TimeSpan.FromHours(1)), "How many potholes were repaired?");
        (b, _caseB) = await _db.OpenFoiaAsync(new DateTimeOffset(2025, 6, 11, 10, 0, 0, TimeSpan.FromHours(1)), "What did the repairs cost?");
        _questionA = await _db.AssignFirstQuestionAsync(a, team, _person, new DateTimeOffset(2025, 6, 3, 9, 0, 0, TimeSpan.FromHours(1)));
        _questionB = await _db.AssignFirstQuestionAsync(b, team, _person, new DateTimeOffset(2025, 6, 12, 9, 0, 0, TimeSpan.FromHours(1)));
        _db.Time.Set(new DateTimeOffset(2025, 6, 25, 7, 30, 0, TimeSpan.FromHours(1)));
        var template = DigestTemplate.Load(Path.Combine(TestContext.CurrentContext.TestDirectory, "templates"));
        _digests = new ReminderDigests(_db.Db, new Outbox(_db.Time, "foi@council.example", "FOI team"), template, PublicUrl, _db.Time, NullLogger<ReminderDigests>.Instance);
        _pickup = Path.Combine(Path.GetTempPath(), $"digest-{Guid.NewGuid():N}");
    }

    [TearDown]
    public async Task TearDown()
    {
        await _db.DisposeAsync();
        if (Directory.Exists(_pickup))
        {
            Directory.Delete(_pickup, recursive: true);
        }
    }

    private static string OneLine(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ");

    private async Task<DigestRun> MorningAsync()
    {
        await _db.Reminders.RunAsync(CancellationToken.None);
        return await _digests.DeliverAsync(CancellationToken.None);
    }

    private async Task<List<(string ToAddress, string Subject, string TextBody, string HtmlBody, long? CaseId)>> OutboxAsync()
    {
        await using var conn = await _db.Db.OpenConnectionAsync();
        return [.. await conn.QueryAsync<(string, string, string, string, long?)>("select to_address, subject, text_body, html_body, case_id from outgoing_message order by id")];
    }

    [Test]
    public async Task Deliver_TwoRemindersAndAnEscalationForOnePerson_OneDigestWithEveryLineAndLink()
    {
        var run = await MorningAsync();

        var mail = await OutboxAsync();
        Assert.That(run, Is.EqualTo(new DigestRun(2, 4)), "the person's three lines and the officer's one");
        var digest = mail.Single(m => m.ToAddress == "sam@council.example");
        Assert.That(digest.Subject, Is.EqualTo("FoiDesk: 3 item(s) need attention on 25 June 2025"));
        Assert.That(digest.CaseId, Is.Null, "a digest spans cases and belongs to none");
        // The plain text wraps at 72 columns, the link on the line below its item: compare with runs of space collapsed.
        var text = OneLine(digest.TextBody);
        // Escalated: case A's question 1 against the statutory date; reminders: both draft dates, British style.
        Assert.That(text, Does.Contain($"{_caseA}, question 1: response due 30 June 2025. {PublicUrl}/cases/{_caseA}"));
        Assert.That(text, Does.Contain($"{_caseA}, question 1: draft due 17 June 2025. {PublicUrl}/my-questions/{_questionA}"));
        Assert.That(text, Does.Contain($"{_caseB}, question 1: draft due 26 June 2025. {PublicUrl}/my-questions/{_questionB}"));
        Assert.That(text.IndexOf("Escalated to you", StringComparison.Ordinal), Is.LessThan(text.IndexOf("Your draft answers", StringComparison.Ordinal)));
        Assert.That(text, Does.Not.Contain("Responses due"), "the person is not an IG officer");
        Assert.That(digest.HtmlBody, Does.Contain($"href=\"{PublicUrl}/my-questions/{_questionB}\""));
        var officers = mail.Single(m => m.ToAddress == "ig@council.example");
        Assert.That(OneLine(officers.TextBody), Does.Contain($"{_caseA}: response due 30 June 2025. {PublicUrl}/cases/{_caseA}"));
        Assert.That((await _db.NotificationsAsync()).Select(n => n.Status), Is.All.EqualTo("sent"));
    }

    [Test]
    public async Task Deliver_IcoDeadlineWithinThreeWorkingDays_OfficersDigestListsItUnderIcoComplaints()
    {
        // The ICO's deadline for submissions (FOIA s.50) on case A, Thu 26 June: one working day away.
        await using (var conn = await _db.Db.OpenConnectionAsync())
        {
            await conn.ExecuteAsync("""
                insert into ico_complaint (case_id, ico_reference, received_on, response_due_on, recorded_by, recorded_at)
                select id, 'IC-444444-G7H8', '2025-06-02', '2025-06-26', 'test', now() from foi_case where reference = @_caseA
                """, new { _caseA });
        }

        await MorningAsync();

        var mail = await OutboxAsync();
        var officers = OneLine(mail.Single(m => m.ToAddress == "ig@council.example").TextBody);
        Assert.That(officers, Does.Contain($"{_caseA}: the ICO's deadline is 26 June 2025. {PublicUrl}/cases/{_caseA}"));
        Assert.That(officers, Does.Contain("ICO complaints"));
        Assert.That(OneLine(mail.Single(m => m.ToAddress == "sam@council.example").TextBody), Does.Not.Contain("ICO"), "ICO deadlines go to IG officers");
    }

    [Test]
    public async Task Deliver_RunAgainSameDay_AddsNothing()
    {
        await MorningAsync();

        var again = await MorningAsync();

        Assert.That(again, Is.EqualTo(new DigestRun(0, 0)));
        Assert.That(await OutboxAsync(), Has.Count.EqualTo(2));
    }

    [Test]
    public async Task Deliver_DisabledAccount_GetsNoDigest()
    {
        await _db.Reminders.RunAsync(CancellationToken.None);
        await _db.ExecuteAsync("update account set disabled = true where id = @_person", new { _person });

        var run = await _digests.DeliverAsync(CancellationToken.None);

        Assert.That(run, Is.EqualTo(new DigestRun(1, 1)));
        Assert.That((await OutboxAsync()).Select(m => m.ToAddress), Is.EqualTo(new[] { "ig@council.example" }));
        Assert.That((await _db.NotificationsAsync()).Where(n => n.RecipientAccountId == _person).Select(n => n.Status), Is.All.EqualTo("pending"));
    }

    [Test]
    public async Task Deliver_ThroughOutboxSender_ReachesPickupFolderAndNoCaseTimeline()
    {
        await MorningAsync();

        var sent = await new OutboxSender(_db.Db, new PickupFolderSender(_pickup), _db.Time, NullLogger<OutboxSender>.Instance, "foi@council.example")
            .SendDueAsync(10, CancellationToken.None);

        Assert.That(sent, Is.EqualTo(new OutboxRun(2, 0, 0)));
        var messages = Directory.GetFiles(_pickup, "*.eml").Select(f => MailReader.ReadFile(f)).ToList();
        var digest = messages.Single(m => m.To[0].Address == "sam@council.example");
        Assert.That(digest.Body!.ContentType.MimeType, Is.EqualTo("multipart/alternative"));
        Assert.That(digest.TextBody, Does.Contain($"{PublicUrl}/my-questions/{_questionA}"));
        Assert.That(digest.Headers.Any(h => h.Field == "Auto-Submitted"), Is.True, "RFC 3834: automated mail");
        await using var conn = await _db.Db.OpenConnectionAsync();
        Assert.That(await conn.ExecuteScalarAsync<int>("select count(*) from case_event where kind like 'letter-%'"), Is.Zero, "nothing on any case's timeline");
        Assert.That(await conn.ExecuteScalarAsync<int>("select count(*) from clock_event where name = 'response_sent'"), Is.Zero);
        foreach (var m in messages)
        {
            m.Dispose();
        }
    }

    [Test]
    public void DigestTemplate_NotALetter_TheLetterLibraryDoesNotLoadIt()
    {
        // templates/internal is not a language folder: the letter editor and the legal checks never see the digest.
        var library = LetterTemplateLibrary.LoadDirectory(Path.Combine(TestContext.CurrentContext.TestDirectory, "templates"));

        Assert.That(library.All.Select(t => t.Id), Does.Not.Contain(ReminderDigests.Letter));
        Assert.That(LetterIds.All, Does.Not.Contain(ReminderDigests.Letter));
    }
}
