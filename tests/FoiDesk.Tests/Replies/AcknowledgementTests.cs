using Dapper;
using FoiDesk.Cases;
using FoiDesk.Database;
using FoiDesk.Deadlines;
using FoiDesk.Intake;
using FoiDesk.Replies;
using FoiDesk.Tests.Database;
using FoiDesk.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace FoiDesk.Tests.Replies;

public sealed class AcknowledgementTests
{
    private NpgsqlDataSource _db = null!;
    private CaseLetters _letters = null!;
    private string _reference = "";

    [SetUp]
    public async Task SetUp()
    {
        DapperSetup.Configure();
        _db = NpgsqlDataSource.Create(await TestCluster.CreateDatabaseAsync());
        var time = new ManualTime(new DateTimeOffset(2025, 3, 11, 10, 0, 0, TimeSpan.Zero));
        var cases = new CaseStore(_db, time);
        var seed = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "demo", "mail", "000-thurrock-social-value-request.eml"));
        var opened = await new IntakeProcessor(_db, cases, time, Microsoft.Extensions.Options.Options.Create(new IntakeOptions()), NullLogger<IntakeProcessor>.Instance)
            .ProcessAsync(new SourceMessage("drop-folder", "seed.eml", seed, new DateTimeOffset(2025, 3, 10, 9, 15, 0, TimeSpan.Zero)), CancellationToken.None);
        _reference = opened.CaseReference!;
        _letters = SampleLetters.CaseLetters(_db, time);
    }

    [TearDown]
    public async Task TearDown() => await _db.DisposeAsync();

    [Test]
    public async Task QueueAcknowledgementOnce_CalledTwice_QueuesOneThreadedLetterWithTheDueDate()
    {
        var first = await _letters.QueueAcknowledgementOnceAsync(_reference, "officer@test", null, CancellationToken.None);
        var second = await _letters.QueueAcknowledgementOnceAsync(_reference, "officer@test", null, CancellationToken.None);

        Assert.That(first, Is.Not.Null);
        Assert.That(second, Is.Null, "never acknowledged twice");
        await using var conn = await _db.OpenConnectionAsync();
        var row = await conn.QuerySingleAsync<(string ToAddress, string InReplyTo, string MessageId, string TextBody, string Subject)>(
            "select to_address, in_reply_to, message_id, text_body, subject from outgoing_message");
        Assert.That(row.ToAddress, Is.EqualTo("request-972166-abcd1234@whatdotheyknow.com"));
        Assert.That(row.InReplyTo, Is.EqualTo("request-972166-abcd1234-seed@whatdotheyknow.com"), "stored bare, as incoming ids are, so replies match");
        Assert.That(row.MessageId, Does.Not.StartWith("<"));
        Assert.That(row.Subject, Does.StartWith("Re: Freedom of Information request").And.Contain(_reference));
        // Received Monday 10 March 2025: day 1 is 11 March; St Patrick's Day (Mon 17 March, Northern Ireland)
        // is not a working day under FOIA s10(6), so the 20th working day is Tuesday 8 April 2025.
        Assert.That(row.TextBody, Does.Contain("8 April 2025"));
    }

    [Test]
    public async Task QueueAcknowledgementOnce_BusinessAsUsualCase_QueuesNothing()
    {
        await using (var conn = await _db.OpenConnectionAsync())
        {
            await conn.ExecuteAsync("update foi_case set classification = 'not-foi', regime = null, status = 'closed' where reference = @_reference", new { _reference });
        }

        var queued = await _letters.QueueAcknowledgementOnceAsync(_reference, "officer@test", null, CancellationToken.None);

        Assert.That(queued, Is.Null);
    }
}
