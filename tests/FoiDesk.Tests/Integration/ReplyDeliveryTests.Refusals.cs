using Dapper;
using FoiDesk.Mail;
using FoiDesk.Replies;
using FoiDesk.Tests.Database;
using FoiDesk.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace FoiDesk.Tests.Integration;

/// <summary>
/// Issue 14 item 6, SMTP part: the real Postfix refuses a recipient from its access map, once with a 450 (RFC 5321
/// 4.2.1 transient: the outbox keeps the letter and retries with backoff) and once with a 550 (permanent: the letter
/// is marked failed and the server's words go on the case's timeline for an officer to act on).
/// </summary>
public sealed partial class ReplyDeliveryTests
{
    private static async Task<long> EnqueueAsync(NpgsqlDataSource db, TimeProvider time, long caseId, string toUser)
    {
        await using var conn = await db.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync();
        var id = await new Outbox(time, "foi@wexbridge.example", "FOI team").EnqueueAsync(conn, tx, new OutboxLetter
        {
            CaseId = caseId,
            Letter = "response",
            ToAddress = MailServers.Address(toUser),
            Subject = "Your request",
            TextBody = "We hold this information.",
            HtmlBody = "<p>We hold this information.</p>",
        }, "test", CancellationToken.None);
        await tx.CommitAsync();
        return id;
    }

    private OutboxSender Sender(NpgsqlDataSource db, TimeProvider time) => new(db,
        new SmtpMailSender(new MailServerEndpoint { Host = "127.0.0.1", Port = _servers.SmtpPort, Security = MailSecurity.StartTls }, Options()),
        time, NullLogger<OutboxSender>.Instance, "foi@wexbridge.example");

    private sealed record OutboxRow(string Status, int Attempts, DateTimeOffset NextAttemptAt, string? LastError);

    private static async Task<OutboxRow> RowAsync(NpgsqlDataSource db, long id)
    {
        await using var conn = await db.OpenConnectionAsync();
        return await conn.QuerySingleAsync<OutboxRow>(
            "select status, attempts, next_attempt_at as NextAttemptAt, last_error as LastError from outgoing_message where id = @id", new { id });
    }

    [Test]
    public async Task Outbox_PostfixAnswers450_StaysQueuedAndRetriesWithGrowingBackoff()
    {
        var start = new DateTimeOffset(2025, 3, 20, 11, 0, 0, TimeSpan.Zero);
        var time = new ManualTime(start);
        var (db, caseId, _) = await OpenSeedCaseAsync(await TestCluster.CreateDatabaseAsync(), time);
        await using var _ = db;
        var id = await EnqueueAsync(db, time, caseId, "busy");
        var sender = Sender(db, time);

        var first = await sender.SendDueAsync(10, CancellationToken.None);
        var afterFirst = await RowAsync(db, id);
        var tooSoon = await sender.SendDueAsync(10, CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(1));
        var second = await sender.SendDueAsync(10, CancellationToken.None);
        var afterSecond = await RowAsync(db, id);

        Assert.That(first, Is.EqualTo(new OutboxRun(0, 1, 0)), _servers.DescribeLogs());
        Assert.That(afterFirst.Status, Is.EqualTo("queued"));
        Assert.That(afterFirst.Attempts, Is.EqualTo(1));
        Assert.That(afterFirst.NextAttemptAt, Is.EqualTo(start + TimeSpan.FromMinutes(1)), "first backoff is one minute");
        // Postfix's own reply from the access map, code and text.
        Assert.That(afterFirst.LastError, Does.Contain("450").And.Contain("Mailbox busy, try later"));
        Assert.That(tooSoon, Is.EqualTo(new OutboxRun(0, 0, 0)), "not retried before its time");
        Assert.That(second, Is.EqualTo(new OutboxRun(0, 1, 0)));
        Assert.That(afterSecond.Status, Is.EqualTo("queued"));
        Assert.That(afterSecond.Attempts, Is.EqualTo(2));
        Assert.That(afterSecond.NextAttemptAt, Is.EqualTo(start + TimeSpan.FromMinutes(1) + TimeSpan.FromMinutes(5)), "second backoff is five minutes");
        await using var conn = await db.OpenConnectionAsync();
        Assert.That(await conn.ExecuteScalarAsync<int>("select count(*) from case_event where case_id = @caseId and kind = 'letter-failed'", new { caseId }),
            Is.Zero, "a transient refusal is not reported as a failure on the case");
    }

    [Test]
    public async Task Outbox_PostfixAnswers550_MarkedFailedWithTheServersReasonOnTheCase()
    {
        var time = new ManualTime(new DateTimeOffset(2025, 3, 20, 11, 0, 0, TimeSpan.Zero));
        var (db, caseId, _) = await OpenSeedCaseAsync(await TestCluster.CreateDatabaseAsync(), time);
        await using var _ = db;
        var id = await EnqueueAsync(db, time, caseId, "nosuchuser");
        var sender = Sender(db, time);

        var run = await sender.SendDueAsync(10, CancellationToken.None);
        time.Advance(TimeSpan.FromHours(5));
        var again = await sender.SendDueAsync(10, CancellationToken.None);

        Assert.That(run, Is.EqualTo(new OutboxRun(0, 0, 1)), _servers.DescribeLogs());
        Assert.That(again, Is.EqualTo(new OutboxRun(0, 0, 0)), "a permanent refusal is not retried");
        var row = await RowAsync(db, id);
        Assert.That(row.Status, Is.EqualTo("failed"));
        Assert.That(row.Attempts, Is.EqualTo(1));
        Assert.That(row.LastError, Does.Contain("nosuchuser@example.test").And.Contain("550").And.Contain("No such user here"));
        await using var conn = await db.OpenConnectionAsync();
        var error = await conn.QuerySingleAsync<string>(
            "select detail->>'error' from case_event where case_id = @caseId and kind = 'letter-failed'", new { caseId });
        Assert.That(error, Is.EqualTo(row.LastError), "the case's timeline carries the server's words");
    }
}
