using Dapper;
using FoiDesk.Approval;
using FoiDesk.Audit;
using FoiDesk.Cases;
using FoiDesk.Database;
using FoiDesk.Publication;
using FoiDesk.Replies;
using FoiDesk.Tests.Database;
using FoiDesk.Tests.Support;
using Microsoft.Extensions.Options;
using Npgsql;

namespace FoiDesk.Tests.Publication;

/// <summary>
/// The scheduled publication: officers choose cases, sent responses are published once, a response the
/// redaction check still finds personal data in is kept out with the reason on its case.
/// </summary>
public sealed class DisclosureLogTests
{
    private static readonly Actor Officer = new(null, "officer@test");

    private NpgsqlDataSource _db = null!;
    private ManualTime _time = null!;
    private DisclosureLog _log = null!;
    private string _directory = "";

    [SetUp]
    public async Task SetUp()
    {
        DapperSetup.Configure();
        _db = NpgsqlDataSource.Create(await TestCluster.CreateDatabaseAsync());
        _time = new ManualTime(new DateTimeOffset(2025, 4, 1, 10, 0, 0, TimeSpan.Zero));
        _directory = Path.Combine(Path.GetTempPath(), $"log-{Guid.NewGuid():N}");
        _log = new DisclosureLog(_db, new CaseStore(_db, _time), new AuditLog(_db, _time),
            Options.Create(new DisclosureLogOptions { Directory = _directory }), Options.Create(new AuthorityOptions()), _time);
    }

    [TearDown]
    public async Task TearDown()
    {
        await _db.DisposeAsync();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    /// <summary>A case whose response (the given HTML) has been sent.</summary>
    private async Task<string> SentCaseAsync(string requester, string html, string subject = "Library opening hours")
    {
        var store = new CaseStore(_db, _time);
        await using var conn = await _db.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync();
        var opened = await store.OpenAsync(conn, tx, new NewCase
        {
            Classification = Classifications.Foi,
            Regime = "foia",
            Subject = subject,
            ReceivedAt = _time.GetUtcNow().AddDays(-20),
            RequesterName = requester,
            RequesterEmail = "someone@example.org",
            RequestText = "What are the opening hours?",
            Questions = [new NewQuestion("1", "What are the opening hours?", [], "")],
        }, "test", CancellationToken.None);
        await conn.ExecuteAsync("""
            insert into outgoing_message (case_id, letter, message_id, to_address, subject, text_body, html_body, status, next_attempt_at, created_at, created_by, sent_at)
            values (@Id, 'response', @messageId, 'someone@example.org', 'Our response', '', @html, 'sent', @now, @now, 'test', @now)
            """, new { opened.Id, messageId = $"{Guid.NewGuid():N}@test", html, now = _time.GetUtcNow() }, tx);
        await tx.CommitAsync();
        return opened.Reference;
    }

    private async Task<(string? Status, string? Error, DateTimeOffset? PublishedAt)> StateAsync(string reference)
    {
        await using var conn = await _db.OpenConnectionAsync();
        return await conn.QuerySingleAsync<(string?, string?, DateTimeOffset?)>(
            "select publication_status, publication_error, published_at from foi_case where reference = @reference", new { reference });
    }

    [Test]
    public async Task ScheduledRun_ChosenSentResponse_PublishedOnceThenNothingToDo()
    {
        var chosen = await SentCaseAsync("Jane Example", "<p>Dear Jane Example, the library opens at nine.</p>");
        var notChosen = await SentCaseAsync("Ben Other", "<p>Dear Ben Other, the pool opens at ten.</p>");
        await _log.ChooseAsync(chosen, publish: true, Officer, CancellationToken.None);

        var first = await _log.PublishAsync(_directory, CancellationToken.None, onlyWhenChanged: true);
        _time.Advance(TimeSpan.FromMinutes(15));
        var second = await _log.PublishAsync(_directory, CancellationToken.None, onlyWhenChanged: true);

        Assert.That(first.Written, Is.True);
        Assert.That(first.Published.Select(p => p.Reference), Is.EqualTo(new[] { chosen }));
        Assert.That(second.Written, Is.False, "nothing new: the log is not rewritten");
        var page = await File.ReadAllTextAsync(Path.Combine(_directory, "responses", $"{chosen}.html"));
        Assert.That(page, Does.Contain("the library opens at nine").And.Not.Contain("Jane"));
        Assert.That(File.Exists(Path.Combine(_directory, "responses", $"{notChosen}.html")), Is.False);
        Assert.That(await StateAsync(chosen), Is.EqualTo(("published", (string?)null, (DateTimeOffset?)new DateTimeOffset(2025, 4, 1, 10, 0, 0, TimeSpan.Zero))));
    }

    [Test]
    public async Task Publish_SubjectStartingWithFormula_CsvCellNeutralised()
    {
        var reference = await SentCaseAsync("Jane Example", "<p>The library opens at nine.</p>", "=HYPERLINK(\"http://evil.example\",\"hours\")");
        await _log.ChooseAsync(reference, publish: true, Officer, CancellationToken.None);

        await _log.PublishAsync(_directory, CancellationToken.None, onlyWhenChanged: true);

        var lines = await File.ReadAllLinesAsync(Path.Combine(_directory, "disclosure-log.csv"));
        Assert.That(lines[0], Is.EqualTo("reference,subject,sent,regime,page"));
        Assert.That(lines[1], Does.StartWith($"{reference},\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"hours\"\")\","));
    }

    [Test]
    public async Task ScheduledRun_SecondCaseChosenLater_PublishesItWithoutRepublishingTheFirst()
    {
        var first = await SentCaseAsync("Jane Example", "<p>The library opens at nine.</p>");
        var later = await SentCaseAsync("Ben Other", "<p>The pool opens at ten.</p>");
        await _log.ChooseAsync(first, publish: true, Officer, CancellationToken.None);
        await _log.PublishAsync(_directory, CancellationToken.None, onlyWhenChanged: true);
        _time.Advance(TimeSpan.FromHours(1));

        await _log.ChooseAsync(later, publish: true, Officer, CancellationToken.None);
        var run = await _log.PublishAsync(_directory, CancellationToken.None, onlyWhenChanged: true);

        Assert.That(run.Published.Select(p => p.Reference), Is.EquivalentTo(new[] { first, later }));
        Assert.That((await StateAsync(first)).PublishedAt, Is.EqualTo(new DateTimeOffset(2025, 4, 1, 10, 0, 0, TimeSpan.Zero)), "published once");
        await using var conn = await _db.OpenConnectionAsync();
        Assert.That(await conn.ExecuteScalarAsync<long>("select count(*) from case_event where kind = 'published'"), Is.EqualTo(2));
    }

    [Test]
    [Description("An email address written as an HTML entity slips past the redactor, which reads the markup; the check decodes it.")]
    public async Task Run_PersonalDataRemainsAfterRedaction_CaseMarkedFailedWithReasonOthersPublished()
    {
        var leaky = await SentCaseAsync("Jane Example", "<p>Write to jane&#64;example.org for the hours.</p>");
        var clean = await SentCaseAsync("Ben Other", "<p>The pool opens at ten.</p>");
        await _log.ChooseAsync(leaky, publish: true, Officer, CancellationToken.None);
        await _log.ChooseAsync(clean, publish: true, Officer, CancellationToken.None);

        var run = await _log.PublishAsync(_directory, CancellationToken.None, onlyWhenChanged: true);
        var again = await _log.PublishAsync(_directory, CancellationToken.None, onlyWhenChanged: true);

        Assert.That(run.Published.Select(p => p.Reference), Is.EqualTo(new[] { clean }));
        Assert.That(run.Failed.Single().Reference, Is.EqualTo(leaky));
        var (status, error, publishedAt) = await StateAsync(leaky);
        Assert.That((status, publishedAt), Is.EqualTo(("failed", (DateTimeOffset?)null)));
        Assert.That(error, Does.Contain("Email 'jane@example.org'"));
        Assert.That(File.Exists(Path.Combine(_directory, "responses", $"{leaky}.html")), Is.False, "never published");
        Assert.That(await File.ReadAllTextAsync(Path.Combine(_directory, "index.html")), Does.Not.Contain(leaky));
        Assert.That(again.Written, Is.False, "a failed case is not retried until an officer chooses it again");
    }

    [Test]
    public async Task Choose_PublishAgainAfterFailure_NextRunRetries()
    {
        var leaky = await SentCaseAsync("Jane Example", "<p>Write to jane&#64;example.org for the hours.</p>");
        await _log.ChooseAsync(leaky, publish: true, Officer, CancellationToken.None);
        await _log.PublishAsync(_directory, CancellationToken.None, onlyWhenChanged: true);

        await _log.ChooseAsync(leaky, publish: true, Officer, CancellationToken.None);
        var state = await _log.StateAsync(await CaseIdAsync(leaky), CancellationToken.None);
        var retry = await _log.PublishAsync(_directory, CancellationToken.None, onlyWhenChanged: true);

        Assert.That((state.Chosen, state.Status, state.Error), Is.EqualTo((true, (string?)null, (string?)null)));
        Assert.That(retry.Written, Is.True);
        Assert.That(retry.Failed.Single().Reference, Is.EqualTo(leaky));
    }

    [Test]
    public async Task Choose_WithdrawPublished_NextRunTakesItOutOfTheLog()
    {
        var reference = await SentCaseAsync("Jane Example", "<p>The library opens at nine.</p>");
        await _log.ChooseAsync(reference, publish: true, Officer, CancellationToken.None);
        await _log.PublishAsync(_directory, CancellationToken.None, onlyWhenChanged: true);

        await _log.ChooseAsync(reference, publish: false, Officer, CancellationToken.None);
        var run = await _log.PublishAsync(_directory, CancellationToken.None, onlyWhenChanged: true);

        Assert.That(run.Written, Is.True);
        Assert.That(run.Published, Is.Empty);
        Assert.That(File.Exists(Path.Combine(_directory, "responses", $"{reference}.html")), Is.False);
        Assert.That((await StateAsync(reference)).Status, Is.Null);
        await using var conn = await _db.OpenConnectionAsync();
        Assert.That(await conn.ExecuteScalarAsync<long>("select count(*) from audit_event where action = 'publication-chosen' and subject = @reference", new { reference }), Is.EqualTo(2));
    }

    private async Task<long> CaseIdAsync(string reference)
    {
        await using var conn = await _db.OpenConnectionAsync();
        return await conn.ExecuteScalarAsync<long>("select id from foi_case where reference = @reference", new { reference });
    }
}
