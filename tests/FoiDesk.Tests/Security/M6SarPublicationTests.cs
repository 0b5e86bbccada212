using Dapper;
using FoiDesk.Approval;
using FoiDesk.Audit;
using FoiDesk.Cases;
using FoiDesk.Database;
using FoiDesk.Publication;
using FoiDesk.Redaction;
using FoiDesk.Replies;
using FoiDesk.Tests.Database;
using FoiDesk.Tests.Support;
using Microsoft.Extensions.Options;
using Npgsql;

namespace FoiDesk.Tests.Security;

/// <summary>
/// Security review M6 (a SAR response could be published in the disclosure log), M3's static-page CSP and the
/// Low finding on TRUNCATE of the audit table, against a real database with every migration applied.
/// </summary>
public sealed class M6SarPublicationTests
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

    private async Task<string> SentCaseAsync(string classification, string regime, string html = "<p>Your file is attached.</p>")
    {
        await using var conn = await _db.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync();
        var opened = await new CaseStore(_db, _time).OpenAsync(conn, tx, new NewCase
        {
            Classification = classification,
            Regime = regime,
            Subject = "My records",
            ReceivedAt = _time.GetUtcNow().AddDays(-20),
            RequesterName = "Jane Example",
            RequesterEmail = "jane@example.org",
            RequestText = "Please send me my social care file.",
            Questions = [new NewQuestion("1", "Please send me my social care file.", [], "")],
        }, "test", CancellationToken.None);
        await conn.ExecuteAsync("""
            insert into outgoing_message (case_id, letter, message_id, to_address, subject, text_body, html_body, status, next_attempt_at, created_at, created_by, sent_at)
            values (@Id, 'response', @messageId, 'jane@example.org', 'Our response', '', @html, 'sent', @now, @now, 'test', @now)
            """, new { opened.Id, messageId = $"{Guid.NewGuid():N}@test", html, now = _time.GetUtcNow() }, tx);
        await tx.CommitAsync();
        return opened.Reference;
    }

    private async Task ExecuteAsync(string sql, object? args = null)
    {
        await using var conn = await _db.OpenConnectionAsync();
        await conn.ExecuteAsync(sql, args);
    }

    // Old code: ChooseAsync set publish_to_log on any case and the next run published the SAR response.
    [TestCase(Classifications.Sar, "sar")]
    [TestCase(Classifications.Review, "sar")]
    public async Task M6_SarCase_ChoosingToPublishIsRefusedAndNothingPublished(string classification, string regime)
    {
        var sar = await SentCaseAsync(classification, regime);

        var refused = Assert.ThrowsAsync<PublicationRefusedException>(() => _log.ChooseAsync(sar, publish: true, Officer, CancellationToken.None));
        var run = await _log.PublishAsync(_directory, CancellationToken.None);

        Assert.That(refused!.Message, Does.Contain("subject access request"));
        Assert.That(run.Published, Is.Empty);
        Assert.That(File.Exists(Path.Combine(_directory, "responses", $"{sar}.html")), Is.False);
    }

    // Old code: nothing in the database stopped publish_to_log on a SAR; the run then published it.
    [Test]
    public async Task M6_SarCase_DatabaseNeverKeepsPublishToLog()
    {
        var sar = await SentCaseAsync(Classifications.Sar, "sar");

        await ExecuteAsync("update foi_case set publish_to_log = true where reference = @sar", new { sar });
        var run = await _log.PublishAsync(_directory, CancellationToken.None);

        await using var conn = await _db.OpenConnectionAsync();
        Assert.That(await conn.ExecuteScalarAsync<bool>("select publish_to_log from foi_case where reference = @sar", new { sar }), Is.False);
        Assert.That(run.Published, Is.Empty);
    }

    // Old code: a published case reclassified as a SAR stayed in the log.
    [Test]
    public async Task M6_PublishedCaseReclassifiedAsSar_NextRunTakesItOut()
    {
        var reference = await SentCaseAsync(Classifications.Foi, "foia");
        await _log.ChooseAsync(reference, publish: true, Officer, CancellationToken.None);
        Assert.That((await _log.PublishAsync(_directory, CancellationToken.None)).Published, Has.Count.EqualTo(1));

        await ExecuteAsync("update foi_case set classification = 'sar', regime = 'sar' where reference = @reference", new { reference });
        var run = await _log.PublishAsync(_directory, CancellationToken.None, onlyWhenChanged: true);

        Assert.That(run.Written, Is.True);
        Assert.That(run.Published, Is.Empty);
        Assert.That(File.Exists(Path.Combine(_directory, "responses", $"{reference}.html")), Is.False);
    }

    // Old code: the redaction check re-ran the redactor's own detectors, which know only the requester's and
    // staff names; a third party named in the letter was published.
    [Test]
    public async Task M6_ThirdPartyNamedInResponse_KeptOutAndNamedForTheOfficer()
    {
        var reference = await SentCaseAsync(Classifications.Foi, "foia",
            "<p>Dear Jane Example,</p><p>The complaint made by Mr Okonkwo about the hedge was upheld.</p><p>Yours sincerely,<br>Wexbridge Council</p>");
        var clean = await SentCaseAsync(Classifications.Foi, "foia", "<p>Dear Jane Example,</p><p>The library opens at nine.</p><p>Yours sincerely,<br>FOI Team</p>");
        await _log.ChooseAsync(reference, publish: true, Officer, CancellationToken.None);
        await _log.ChooseAsync(clean, publish: true, Officer, CancellationToken.None);

        var run = await _log.PublishAsync(_directory, CancellationToken.None);

        Assert.That(run.Published.Select(p => p.Reference), Is.EqualTo(new[] { clean }));
        Assert.That(run.Failed.Single().Reason, Does.Contain("independent check").And.Contain("'Okonkwo'"));
        await using var conn = await _db.OpenConnectionAsync();
        Assert.That(await conn.ExecuteScalarAsync<string>("select publication_error from foi_case where reference = @reference", new { reference }), Does.Contain("Okonkwo"),
            "the case page shows the officer which name to deal with");
    }

    // Old code: there was no second, independent name check (NameHeuristics came with e4da9a5); the redaction check re-ran the redactor's detectors, which know none of these names.
    [TestCase("Dear Priya,\nThanks.", "Priya")]
    [TestCase("as Cllr A. Jones said", "Jones")]
    [TestCase("Kind regards,\nTom Baker\n", "Tom Baker")]
    [TestCase("My name is Ada Lovelace and", "Ada Lovelace")]
    public void M6_NameHeuristics_FindNamesTheRedactorWasNeverTold(string text, string name) =>
        Assert.That(NameHeuristics.Find(text, []), Is.EqualTo(new[] { name }));

    // Old code: no NameHeuristics to test (e4da9a5); this guards the new check against flagging salutations, placeholders and the published officer's name.
    [TestCase("Dear Sir or Madam,")]
    [TestCase("Dear [name removed],")]
    [TestCase("Yours sincerely,\nInformation Governance Team\n")]
    [TestCase("I am writing to you about Mr Senior's decision")]
    public void M6_NameHeuristics_NoNameOrPublishedName_NothingFound(string text) =>
        Assert.That(NameHeuristics.Find(text, ["Jo Senior"]), Is.Empty);

    // Old code: the static pages had no Content-Security-Policy at all.
    [Test]
    public async Task M3_DisclosureLogPages_CarryAStrictContentSecurityPolicy()
    {
        var reference = await SentCaseAsync(Classifications.Foi, "foia");
        await _log.ChooseAsync(reference, publish: true, Officer, CancellationToken.None);

        await _log.PublishAsync(_directory, CancellationToken.None);

        foreach (var page in new[] { "index.html", Path.Combine("responses", $"{reference}.html") })
        {
            var html = await File.ReadAllTextAsync(Path.Combine(_directory, page));
            Assert.That(html, Does.Contain("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"), page);
            Assert.That(html.IndexOf("Content-Security-Policy", StringComparison.Ordinal), Is.LessThan(html.IndexOf("<title>", StringComparison.Ordinal)), "before anything else in the head");
        }
    }

    // Old code: audit_event refused UPDATE and DELETE, but TRUNCATE emptied it.
    [TestCase("truncate audit_event")]
    [TestCase("truncate account cascade")]
    public async Task Low_AuditTable_TruncateRefused(string sql)
    {
        await ExecuteAsync("insert into audit_event (at, actor, action) values (now(), 'test', 'x')");

        var e = Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(sql));

        Assert.That(e!.MessageText, Does.Contain("append-only"));
        await using var conn = await _db.OpenConnectionAsync();
        Assert.That(await conn.ExecuteScalarAsync<long>("select count(*) from audit_event"), Is.EqualTo(1));
    }
}
