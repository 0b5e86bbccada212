using FoiDesk.Tests.Replies;
using System.Diagnostics;
using Dapper;
using FoiDesk.Cases;
using FoiDesk.Database;
using FoiDesk.Deadlines;
using FoiDesk.Intake;
using FoiDesk.Mail;
using FoiDesk.Replies;
using FoiDesk.Tests.Database;
using FoiDesk.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace FoiDesk.Tests.Integration;

/// <summary>Letters through the real Postfix into the requester's real Dovecot mailbox.</summary>
[Category("integration")]
public sealed partial class ReplyDeliveryTests
{
    private const string Requester = "requester";
    private MailServers _servers = null!;

    [OneTimeSetUp]
    public async Task StartServers() => _servers = await MailServers.StartAsync();

    [OneTimeTearDown]
    public async Task StopServers() => await _servers.DisposeAsync();

    private static MailConnectionOptions Options() => new()
    {
        Timeout = TimeSpan.FromSeconds(20),
        ServerCertificateValidation = (_, certificate, _, _) => certificate is not null && certificate.Subject == "CN=localhost",
    };

    /// <summary>The crash test fills its own mailbox, so the single-letter test sees only its letter.</summary>
    private const string Bulk = "bulk";

    private ImapMailbox Mailbox(string user) => new(new MailServerEndpoint
    {
        Host = "127.0.0.1",
        Port = _servers.ImapsPort,
        Security = MailSecurity.SslOnConnect,
        Credentials = MailCredentials.WithPassword(user, MailServers.PasswordOf(user)),
    }, Options());

    private static async Task<(NpgsqlDataSource Db, long CaseId, string Reference)> OpenSeedCaseAsync(string connectionString, TimeProvider time)
    {
        DapperSetup.Configure();
        var db = NpgsqlDataSource.Create(connectionString);
        var seed = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "demo", "mail", "000-thurrock-social-value-request.eml"));
        var outcome = await new IntakeProcessor(db, new CaseStore(db, time), time, Microsoft.Extensions.Options.Options.Create(new IntakeOptions()), NullLogger<IntakeProcessor>.Instance)
            .ProcessAsync(new SourceMessage("drop-folder", "seed.eml", seed, new DateTimeOffset(2025, 3, 10, 9, 15, 0, TimeSpan.Zero)), CancellationToken.None);
        await using var conn = await db.OpenConnectionAsync();
        // The requester's mailbox is on the private Dovecot.
        var caseId = await conn.ExecuteScalarAsync<long>(
            "update foi_case set reply_to_address = @address, status = 'open', classification_confirmed = true where reference = @reference returning id",
            new { address = MailServers.Address(Requester), reference = outcome.CaseReference });
        await conn.ExecuteAsync("update question set answer = 'We hold this information: see the table.', answer_kind = 'answer', status = 'approved' where case_id = @caseId", new { caseId });
        return (db, caseId, outcome.CaseReference!);
    }

    private async Task<List<byte[]>> WaitForMessagesAsync(string user, int atLeast, TimeSpan timeout)
    {
        await using var mailbox = Mailbox(user);
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var uids = await mailbox.ListUidsAsync("INBOX", CancellationToken.None);
            if (uids.Uids.Count >= atLeast || watch.Elapsed > timeout)
            {
                var messages = new List<byte[]>();
                foreach (var uid in uids.Uids)
                {
                    using var buffer = new MemoryStream();
                    await mailbox.FetchAsync("INBOX", uid, buffer, CancellationToken.None);
                    messages.Add(buffer.ToArray());
                }

                return messages;
            }

            await Task.Delay(250);
        }
    }

    [Test]
    public async Task Response_SentThroughPostfix_ArrivesInRequesterMailboxThreadedWithSameBody()
    {
        var time = new ManualTime(new DateTimeOffset(2025, 3, 20, 11, 0, 0, TimeSpan.Zero));
        var (db, _, reference) = await OpenSeedCaseAsync(await TestCluster.CreateDatabaseAsync(), time);
        await using var _ = db;
        var cases = new CaseStore(db, time);
        var letters = SampleLetters.CaseLetters(db, time);
        await letters.QueueAsync(reference, LetterIds.Response, "officer@test", "FOI team", CancellationToken.None);
        var smtp = new SmtpMailSender(new MailServerEndpoint { Host = "127.0.0.1", Port = _servers.SmtpPort, Security = MailSecurity.StartTls }, Options());

        var run = await new OutboxSender(db, smtp, time, NullLogger<OutboxSender>.Instance, "foi@wexbridge.example").SendDueAsync(10, CancellationToken.None);

        Assert.That(run.Sent, Is.EqualTo(1), _servers.DescribeLogs());
        var received = await WaitForMessagesAsync(Requester, 1, TimeSpan.FromSeconds(30));
        Assert.That(received, Has.Count.EqualTo(1), _servers.DescribeLogs());
        await using var conn = await db.OpenConnectionAsync();
        var stored = await conn.QuerySingleAsync<(string MessageId, byte[] Raw)>("select message_id, raw from outgoing_message");
        using var message = MailReader.Read(received[0]);
        Assert.That(message.MessageId, Is.EqualTo(stored.MessageId));
        Assert.That(message.InReplyTo, Is.EqualTo("request-972166-abcd1234-seed@whatdotheyknow.com"));
        // Postfix adds trace headers above ours; everything we wrote arrives unchanged.
        var ours = System.Text.Encoding.ASCII.GetString(stored.Raw).ReplaceLineEndings("\r\n");
        Assert.That(System.Text.Encoding.ASCII.GetString(received[0]).ReplaceLineEndings("\r\n"), Does.EndWith(ours));
    }

    [Test]
    public async Task Outbox_SenderKilledMidBatchOf100_AllDeliveredDuplicatesRecognisableAndRecorded()
    {
        var connectionString = await TestCluster.CreateDatabaseAsync();
        var time = new ManualTime(new DateTimeOffset(2025, 3, 20, 11, 0, 0, TimeSpan.Zero));
        var (db, caseId, _) = await OpenSeedCaseAsync(connectionString, time);
        await using var _ = db;
        var outbox = new Outbox(TimeProvider.System, "foi@wexbridge.example", "FOI team");
        await using (var conn = await db.OpenConnectionAsync())
        await using (var tx = await conn.BeginTransactionAsync())
        {
            for (var i = 1; i <= 100; i++)
            {
                await outbox.EnqueueAsync(conn, tx, new OutboxLetter
                {
                    CaseId = caseId,
                    Letter = "acknowledgement",
                    ToAddress = MailServers.Address(Bulk),
                    Subject = $"Letter {i}",
                    TextBody = $"Letter number {i}.",
                    HtmlBody = $"<p>Letter number {i}.</p>",
                }, "test", CancellationToken.None);
            }

            await tx.CommitAsync();
        }

        var env = new Dictionary<string, string>
        {
            ["ConnectionStrings__FoiDesk"] = connectionString,
            ["FoiDesk__DataDirectory"] = Path.Combine(Path.GetTempPath(), $"fdo-{Guid.NewGuid().ToString("N")[..8]}"),
            ["FoiDesk__Mail__Smtp__Host"] = "127.0.0.1",
            ["FoiDesk__Mail__Smtp__Port"] = _servers.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            // Plain SMTP on loopback to the private Postfix (it is the final destination for example.test).
            ["FoiDesk__Mail__Smtp__Security"] = "None",
            ["FoiDesk__Mail__FromAddress"] = "foi@wexbridge.example",
            ["FoiDesk__Mail__OutboxLeaseSeconds"] = "2",
        };

        // First run: SIGKILL it once some letters have gone.
        var first = ProcessRunner.Start(env, "outbox", "send-once", "--batch", "1000");
        await using (var conn = await db.OpenConnectionAsync())
        {
            var watch = Stopwatch.StartNew();
            while (await conn.ExecuteScalarAsync<int>("select count(*) from outgoing_message where status = 'sent'") < 20 && watch.Elapsed < TimeSpan.FromMinutes(2) && !first.HasExited)
            {
                await Task.Delay(20);
            }
        }

        first.Kill();
        await first.WaitForExitAsync();

        // Restart until the outbox is empty (the killed claim is resent when its lease runs out).
        await using (var conn = await db.OpenConnectionAsync())
        {
            for (var attempt = 0; attempt < 10 && await conn.ExecuteScalarAsync<int>("select count(*) from outgoing_message where status <> 'sent'") > 0; attempt++)
            {
                await Task.Delay(TimeSpan.FromSeconds(2.5));
                using var again = ProcessRunner.Start(env, "outbox", "send-once", "--batch", "1000");
                await again.WaitForExitAsync();
            }

            Assert.That(await conn.ExecuteScalarAsync<int>("select count(*) from outgoing_message where status = 'sent'"), Is.EqualTo(100));
        }

        var received = await WaitForMessagesAsync(Bulk, 100, TimeSpan.FromSeconds(60));
        var ids = received.Select(r => { using var m = MailReader.Read(r); return m.MessageId!; }).ToList();
        await using var check = await db.OpenConnectionAsync();
        var expected = (await check.QueryAsync<string>("select message_id from outgoing_message")).Select(id => id.Trim('<', '>')).ToHashSet();
        Assert.That(ids.ToHashSet(), Is.EquivalentTo(expected), "all 100 delivered, none lost");
        var duplicates = ids.GroupBy(i => i).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        var resent = (await check.QueryAsync<string>("select message_id from outgoing_message where attempts > 1")).Select(id => id.Trim('<', '>')).ToHashSet();
        Assert.That(duplicates, Is.SubsetOf(resent), "every duplicate is recognisable by its Message-ID and recorded as a resend");
        TestContext.Out.WriteLine($"delivered {received.Count} messages for 100 letters; {duplicates.Count} duplicate(s): {string.Join(", ", duplicates)}");
    }
}
