using System.Text;
using Dapper;
using FoiDesk.Approval;
using FoiDesk.Audit;
using FoiDesk.Cases;
using FoiDesk.Database;
using FoiDesk.Intake;
using FoiDesk.Replies;
using FoiDesk.Tests.Database;
using FoiDesk.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace FoiDesk.Tests.Replies;

/// <summary>
/// An authority's own wording, saved in the database: refused when it loses a legal element or names a field
/// that does not exist, used by every letter once saved, and reverted to the shipped file on request.
/// </summary>
public sealed class LetterWordingTests
{
    private static readonly Actor Officer = new(null, "officer@test");

    private NpgsqlDataSource _db = null!;
    private ManualTime _time = null!;
    private LetterWording _wording = null!;
    private CaseLetters _letters = null!;
    private string _reference = "";

    [SetUp]
    public async Task SetUp()
    {
        DapperSetup.Configure();
        _db = NpgsqlDataSource.Create(await TestCluster.CreateDatabaseAsync());
        _time = new ManualTime(new DateTimeOffset(2025, 3, 20, 11, 0, 0, TimeSpan.Zero));
        _wording = new LetterWording(_db, SampleLetters.Renderer(), new AuditLog(_db, _time), _time);
        _letters = SampleLetters.CaseLetters(_db, _time);
        var seed = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "demo", "mail", "000-thurrock-social-value-request.eml"));
        var opened = await new IntakeProcessor(_db, new CaseStore(_db, _time), _time, Microsoft.Extensions.Options.Options.Create(new IntakeOptions()), NullLogger<IntakeProcessor>.Instance)
            .ProcessAsync(new SourceMessage("drop-folder", "seed.eml", seed, new DateTimeOffset(2025, 3, 10, 9, 15, 0, TimeSpan.Zero)), CancellationToken.None);
        _reference = opened.CaseReference!;
        await using var conn = await _db.OpenConnectionAsync();
        await conn.ExecuteAsync("""
            update foi_case set classification_confirmed = true where reference = @_reference;
            update question set status = 'approved', answer = 'We hold this information; see the attached table.', answer_kind = 'answer'
            where case_id = (select id from foi_case where reference = @_reference);
            """, new { _reference });
    }

    [TearDown]
    public async Task TearDown() => await _db.DisposeAsync();

    private static string Shipped(string letter) => SampleLetters.Library().Find(letter, LetterLanguage.English)!.Body;

    private static string ShippedSubject(string letter) => SampleLetters.Library().Find(letter, LetterLanguage.English)!.Subject;

    private static string Cut(string text, string from, string to)
    {
        var start = text.IndexOf(from, StringComparison.Ordinal);
        var end = text.IndexOf(to, start, StringComparison.Ordinal);
        Assert.That(start, Is.GreaterThanOrEqualTo(0), from);
        return text[..start] + text[end..];
    }

    // Each row drops one statutory element from the shipped wording; the save names it.
    [TestCase(LetterIds.Refusal, "## Complaining to the Information Commissioner", "Yours sincerely", "ico-rights")] // FOIA s.17(7)(b), s.50
    [TestCase(LetterIds.Refusal, "## Asking for an internal review", "## Complaining", "review-rights")] // FOIA s.17(7)(a)
    [TestCase(LetterIds.Refusal, "{{ reasoning }}", "\n\n{{#if qualified}}", "exemption-reasons")] // FOIA s.17(1)(c)
    [TestCase(LetterIds.Refusal, "### {{ section }}: {{ name }}", "\n\n{{#if appliesTo}}", "exemption-cited")] // FOIA s.17(1)(b)
    [TestCase(LetterIds.Response, "## Asking for an internal review", "## Complaining", "review-rights")]
    [TestCase(LetterIds.Response, "## Complaining to the Information Commissioner", "Yours sincerely", "ico-rights")]
    [TestCase(LetterIds.Response, "## Re-using this information", "## Asking for an internal review", "reuse")]
    public async Task Save_EditDropsLegalElement_RefusedNamingItAndNothingStored(string letter, string from, string to, string rule)
    {
        var edited = Cut(Shipped(letter), from, to);

        var refused = Assert.ThrowsAsync<LetterWordingRefusedException>(() => _wording.SaveAsync(letter, LetterLanguage.English, ShippedSubject(letter), edited, Officer, CancellationToken.None));

        Assert.That(refused!.Problems.Select(p => p.Rule), Does.Contain(rule));
        Assert.That(await _wording.HistoryAsync(letter, LetterLanguage.English, CancellationToken.None), Is.Empty);
    }

    [Test]
    [Description("FOIA s.10(6)(b): the letter must say the clock stops until the clarification arrives.")]
    public void Save_ClarificationWithoutClockStopSentence_Refused()
    {
        var edited = Cut(Shipped(LetterIds.Clarification), "The time limit for our response stops", "If it would help");

        var refused = Assert.ThrowsAsync<LetterWordingRefusedException>(() => _wording.SaveAsync(LetterIds.Clarification, LetterLanguage.English, ShippedSubject(LetterIds.Clarification), edited, Officer, CancellationToken.None));

        Assert.That(refused!.Problems.Select(p => p.Rule), Is.EqualTo(new[] { "clock-stops" }));
    }

    [TestCase("{{ requester.nickname }}", "unknown-field")] // a field the letter model does not have
    [TestCase("{{#if regime.eir}}{{ officer.phone }}{{/if}}", "unknown-field")] // only in the EIR branch: both regimes are rendered
    [TestCase("{{ case.reference ", "template")] // an unclosed tag would be sent as literal braces
    public void Save_BadPlaceholder_Refused(string added, string rule)
    {
        var edited = Shipped(LetterIds.Response) + "\n" + added + "\n";

        var refused = Assert.ThrowsAsync<LetterWordingRefusedException>(() => _wording.SaveAsync(LetterIds.Response, LetterLanguage.English, ShippedSubject(LetterIds.Response), edited, Officer, CancellationToken.None));

        Assert.That(refused!.Problems.Select(p => p.Rule), Does.Contain(rule));
    }

    [Test]
    public async Task Save_RewordedAcknowledgement_NewVersionUsedByCaseLettersAndAudited()
    {
        var edited = Shipped(LetterIds.Acknowledgement).Replace("Dear {{ requester.name }},", "Dear {{ requester.name }},\n\nThank you for writing to Wexbridge.", StringComparison.Ordinal);

        var version = await _wording.SaveAsync(LetterIds.Acknowledgement, LetterLanguage.English, "We have your request {{ case.reference }}", edited, Officer, CancellationToken.None);
        var letter = await _letters.RenderAsync(_reference, LetterIds.Acknowledgement, null, CancellationToken.None);

        Assert.That(version, Is.EqualTo(1));
        Assert.That(letter.Text, Does.Contain("Thank you for writing to Wexbridge."));
        Assert.That(letter.CanSend, Is.True, string.Join("; ", letter.Problems));
        await using var conn = await _db.OpenConnectionAsync();
        Assert.That(await conn.ExecuteScalarAsync<string>("select action || ' ' || subject || ' ' || actor from audit_event where action like 'letter-wording%'"),
            Is.EqualTo("letter-wording-saved acknowledgement/en officer@test"));
    }

    [Test]
    public async Task Revert_AfterSave_ShippedWordingAgainWithBothVersionsKept()
    {
        var edited = Shipped(LetterIds.Acknowledgement) + "\nA line only the edit has.\n";
        await _wording.SaveAsync(LetterIds.Acknowledgement, LetterLanguage.English, ShippedSubject(LetterIds.Acknowledgement), edited, Officer, CancellationToken.None);

        var reverted = await _wording.RevertAsync(LetterIds.Acknowledgement, LetterLanguage.English, Officer, CancellationToken.None);
        var again = await _wording.RevertAsync(LetterIds.Acknowledgement, LetterLanguage.English, Officer, CancellationToken.None);
        var letter = await _letters.RenderAsync(_reference, LetterIds.Acknowledgement, null, CancellationToken.None);

        Assert.That((reverted, again), Is.EqualTo((true, false)), "a second revert has nothing to undo");
        Assert.That(letter.Text, Does.Not.Contain("A line only the edit has."));
        var history = await _wording.HistoryAsync(LetterIds.Acknowledgement, LetterLanguage.English, CancellationToken.None);
        Assert.That(history.Select(v => (v.Version, v.IsRevert)), Is.EqualTo(new[] { (2, true), (1, false) }));
    }

    [Test]
    public async Task Save_WelshAcknowledgement_StoredApartFromEnglish()
    {
        var welsh = SampleLetters.Library().Find(LetterIds.Acknowledgement, LetterLanguage.Welsh)!;

        await _wording.SaveAsync(LetterIds.Acknowledgement, LetterLanguage.Welsh, welsh.Subject, welsh.Body + "\nDiolch.\n", Officer, CancellationToken.None);

        Assert.That((await _wording.CurrentAsync(LetterIds.Acknowledgement, LetterLanguage.Welsh, CancellationToken.None)).Body, Does.EndWith("Diolch.\n"));
        Assert.That((await _wording.CurrentAsync(LetterIds.Acknowledgement, LetterLanguage.English, CancellationToken.None)).Body, Is.EqualTo(Shipped(LetterIds.Acknowledgement)));
    }

    [Test]
    public async Task Response_QuestionWithAttachments_ListsNamesUnderItsAnswerAndAttachesThem()
    {
        await using (var conn = await _db.OpenConnectionAsync())
        {
            await conn.ExecuteAsync("""
                insert into question_attachment (question_id, file_name, content_type, size, bytes, uploaded_at)
                select id, 'Spend 2024.csv', 'text/csv', 7, convert_to('a,b' || chr(10) || '1,2', 'UTF8'), now()
                from question where case_id = (select id from foi_case where reference = @_reference) and position = 2
                """, new { _reference });
        }

        var letter = await _letters.RenderAsync(_reference, LetterIds.Response, "Sam Officer", CancellationToken.None);
        var id = await _letters.QueueAsync(_reference, LetterIds.Response, "officer@test", "Sam Officer", CancellationToken.None,
            [new FoiDesk.Replies.Safety.AttachmentToCheck("Spend 2024.csv", Encoding.UTF8.GetBytes("a,b\n1,2"))]);

        Assert.That(letter.CanSend, Is.True, string.Join("; ", letter.MissingFields.Concat(letter.Problems.Select(p => p.ToString()))));
        // Under question 2's answer, before question 3.
        var text = letter.Text;
        var listed = text.IndexOf("- Spend 2024.csv", StringComparison.Ordinal);
        Assert.That(listed, Is.GreaterThan(text.IndexOf("Question 2", StringComparison.Ordinal)).And.LessThan(text.IndexOf("Question 3", StringComparison.Ordinal)));
        Assert.That(letter.Html, Does.Contain("<li>Spend 2024.csv</li>").Or.Contain("Spend 2024.csv</li>"));
        await using var read = await _db.OpenConnectionAsync();
        var raw = Encoding.UTF8.GetString(await read.ExecuteScalarAsync<byte[]>("select raw from outgoing_message where id = @id", new { id }) ?? []);
        Assert.That(raw, Does.Contain("Content-Disposition: attachment").And.Contain("Spend 2024.csv"));
    }
}
