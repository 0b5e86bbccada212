using Dapper;
using FoiDesk.Approval;
using FoiDesk.Cases;
using FoiDesk.Database;
using FoiDesk.Deadlines;
using FoiDesk.Intake;
using FoiDesk.Mail;
using FoiDesk.Replies;
using FoiDesk.Tests.Database;
using FoiDesk.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace FoiDesk.Tests.Replies;

/// <summary>A case's letter language, through the real outbox into the pickup folder.</summary>
public sealed class CaseLetterLanguageTests
{
    private static readonly Actor Officer = new(null, "officer@test");
    private NpgsqlDataSource _db = null!;
    private ManualTime _time = null!;
    private string _pickup = "";
    private string _reference = "";

    [SetUp]
    public async Task SetUp()
    {
        DapperSetup.Configure();
        _db = NpgsqlDataSource.Create(await TestCluster.CreateDatabaseAsync());
        _time = new ManualTime(new DateTimeOffset(2025, 3, 20, 11, 0, 0, TimeSpan.Zero));
        _pickup = Path.Combine(Path.GetTempPath(), $"pickup-{Guid.NewGuid():N}");
        var seed = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "demo", "mail", "000-thurrock-social-value-request.eml"));
        var opened = await new IntakeProcessor(_db, new CaseStore(_db, _time), _time, Microsoft.Extensions.Options.Options.Create(new IntakeOptions()), NullLogger<IntakeProcessor>.Instance)
            .ProcessAsync(new SourceMessage("drop-folder", "seed.eml", seed, new DateTimeOffset(2025, 3, 10, 9, 15, 0, TimeSpan.Zero)), CancellationToken.None);
        _reference = opened.CaseReference!;
        await using var conn = await _db.OpenConnectionAsync();
        await conn.ExecuteAsync("update foi_case set status = 'approved', classification_confirmed = true where reference = @_reference", new { _reference });
        await conn.ExecuteAsync("update question set answer = 'Mae gennym yr wybodaeth hon: gweler y tabl.', answer_kind = 'answer', status = 'approved'");
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

    /// <summary>The review deadline the clock engine gives the response once sent (recorded by the outbox, 20 March 2025).</summary>
    private async Task<DateOnly> ReviewDeadlineAsync()
    {
        var cases = new CaseStore(_db, _time);
        var c = (await cases.FindAsync(_reference, CancellationToken.None))!;
        var dates = await new CaseClock(cases, new HolidayStore(_db, _time), _time).ComputeAsync(c, CancellationToken.None);
        return dates!.Dates[DateNames.ReviewRequestDeadline];
    }

    private async Task<ReadMail> SendAndReadPickupAsync()
    {
        var run = await new OutboxSender(_db, new PickupFolderSender(_pickup), _time, NullLogger<OutboxSender>.Instance, "foi@wexbridge.example")
            .SendDueAsync(10, CancellationToken.None);
        Assert.That(run.Sent, Is.EqualTo(1));
        return MailReader.ReadFile(Directory.GetFiles(_pickup, "*.eml").Single());
    }

    [Test]
    public async Task Queue_WelshCase_SendsWelshResponseWithWelshReviewDate()
    {
        var letters = SampleLetters.CaseLetters(_db, _time);
        await letters.ChooseLanguageAsync(_reference, LetterLanguages.Welsh, Officer, CancellationToken.None);

        await letters.QueueAsync(_reference, LetterIds.Response, "officer@test", "Tîm FOI", CancellationToken.None);
        using var message = await SendAndReadPickupAsync();

        var deadline = await ReviewDeadlineAsync();
        Assert.That(deadline, Is.EqualTo(new DateOnly(2025, 5, 20)), "40 working days, Easter and the May bank holiday skipped");
        Assert.That(message.TextBody, Does.Contain("Annwyl Andrew Bell").And.Contain("adolygiad mewnol").And.Contain("20 Mai 2025"));
        Assert.That(message.TextBody, Does.Not.Contain("Dear ").And.Not.Contain("20 May 2025"), "no English left in a Welsh letter's own wording");
        Assert.That(message.HtmlBody, Does.Contain("<html lang=\"cy\">"));
        Assert.That(message.Subject, Does.StartWith("Re: Freedom of Information request").And.Contain(_reference), "WhatDoTheyKnow's thread subject is kept");
    }

    [Test]
    public async Task Queue_BilingualCase_OneAlternativeMessageWithWelshThenEnglishAndBothDates()
    {
        var letters = SampleLetters.CaseLetters(_db, _time);
        await letters.ChooseLanguageAsync(_reference, LetterLanguages.Bilingual, Officer, CancellationToken.None);

        await letters.QueueAsync(_reference, LetterIds.Response, "officer@test", "FOI team", CancellationToken.None);
        using var message = await SendAndReadPickupAsync();

        Assert.That(message.Body!.ContentType.MimeType, Is.EqualTo("multipart/alternative"));
        var text = message.TextBody!;
        Assert.That(text, Does.Contain("20 Mai 2025").And.Contain("20 May 2025"));
        Assert.That(text.IndexOf("Annwyl Andrew Bell", StringComparison.Ordinal), Is.LessThan(text.IndexOf("Dear Andrew Bell", StringComparison.Ordinal)).And.GreaterThan(0), "Welsh first");
        Assert.That(text, Does.Contain("English version"));
        var html = message.HtmlBody!;
        Assert.That(html, Does.Contain("<div lang=\"cy\">").And.Contain("<div lang=\"en\">"));
        Assert.That(html.IndexOf("<div lang=\"cy\">", StringComparison.Ordinal), Is.LessThan(html.IndexOf("<div lang=\"en\">", StringComparison.Ordinal)));
        await using var conn = await _db.OpenConnectionAsync();
        Assert.That(await conn.ExecuteScalarAsync<int>("select count(*) from outgoing_message"), Is.EqualTo(1), "one email, not two");
    }

    [Test]
    public async Task Queue_WelshCaseWithoutWelshWording_RefusedNamingTheMissingWordingAndQueuesNothing()
    {
        // An installation whose templates/cy lacks the response (the authority removed or never installed it).
        var templates = new LetterTemplateLibrary(SampleLetters.Library().All.Where(t => !(t.Id == LetterIds.Response && t.Language == LetterLanguage.Welsh)));
        var letters = SampleLetters.CaseLetters(_db, _time, templates);
        await letters.ChooseLanguageAsync(_reference, LetterLanguages.Welsh, Officer, CancellationToken.None);

        var refused = Assert.ThrowsAsync<LetterNotReadyException>(() => letters.QueueAsync(_reference, LetterIds.Response, "officer@test", null, CancellationToken.None));
        var preview = await letters.RenderAsync(_reference, LetterIds.Response, null, CancellationToken.None);

        Assert.That(refused!.Message, Does.Contain("no Welsh wording of the 'response' letter"));
        Assert.That(preview.CanSend, Is.False);
        Assert.That(preview.Text, Does.Not.Contain("Dear"), "never a quiet fall back to English");
        await using var conn = await _db.OpenConnectionAsync();
        Assert.That(await conn.ExecuteScalarAsync<int>("select count(*) from outgoing_message"), Is.Zero);
    }

    [Test]
    public async Task Render_LanguageOverride_RendersThatLanguageWithoutChangingTheCase()
    {
        var letters = SampleLetters.CaseLetters(_db, _time);

        var welsh = await letters.RenderAsync(_reference, LetterIds.Acknowledgement, null, CancellationToken.None, LetterLanguages.Welsh);
        var asCase = await letters.RenderAsync(_reference, LetterIds.Acknowledgement, null, CancellationToken.None);

        Assert.That(welsh.Text, Does.Contain("Annwyl"));
        Assert.That(asCase.Text, Does.Contain("Dear"), "the seed request is in English");
    }

    [Test]
    public async Task ChooseLanguage_Officer_RecordedOnTimelineAndAudited()
    {
        var letters = SampleLetters.CaseLetters(_db, _time);

        var chosen = await letters.ChooseLanguageAsync(_reference, LetterLanguages.Bilingual, Officer, CancellationToken.None);

        Assert.That(chosen, Is.True);
        Assert.That((await new CaseStore(_db, _time).FindAsync(_reference, CancellationToken.None))!.LetterLanguage, Is.EqualTo("bilingual"));
        await using var conn = await _db.OpenConnectionAsync();
        Assert.That(await conn.ExecuteScalarAsync<int>("select count(*) from case_event where kind = 'letter-language-chosen'"), Is.EqualTo(1));
        Assert.That(await conn.ExecuteScalarAsync<int>("select count(*) from audit_event where action = 'letter-language-chosen'"), Is.EqualTo(1));
        Assert.That(() => letters.ChooseLanguageAsync(_reference, "fr", Officer, CancellationToken.None), Throws.TypeOf<FormatException>());
    }
}
