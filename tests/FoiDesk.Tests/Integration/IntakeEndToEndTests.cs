using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Dapper;
using FoiDesk.Cases;
using FoiDesk.Deadlines;
using FoiDesk.Intake;
using FoiDesk.Mail;
using FoiDesk.Tests.Database;
using FoiDesk.Tests.Intake;
using FoiDesk.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace FoiDesk.Tests.Integration;

/// <summary>
/// Intake end to end: requests submitted by SMTP to a private Postfix, delivered by LMTP to a private Dovecot,
/// read by <see cref="ImapMailSource"/> and <see cref="IntakeRunner"/> into PostgreSQL; polled again, nothing new.
/// </summary>
[TestFixture]
[Category("integration")]
public sealed partial class IntakeEndToEndTests
{
    private const int Count = 25;
    private static readonly string Inbox = MailServers.Address("intake");
    private MailServers _servers = null!;

    [OneTimeSetUp]
    public async Task StartServers() => _servers = await MailServers.StartAsync();

    [OneTimeTearDown]
    public async Task StopServers()
    {
        if (_servers is not null)
        {
            await _servers.DisposeAsync();
        }
    }

    private static MailConnectionOptions Options() => new()
    {
        Timeout = TimeSpan.FromSeconds(20),
        // The fixture's self-signed certificate, trusted by tests only.
        ServerCertificateValidation = (_, certificate, _, _) => certificate is not null && certificate.Subject == "CN=localhost",
    };

    private MailServerEndpoint Endpoint(int port, MailSecurity security, string user) => new()
    {
        Host = "127.0.0.1",
        Port = port,
        Security = security,
        Credentials = MailCredentials.WithPassword(user, MailServers.PasswordOf(user)),
    };

    [Test]
    public async Task RunOnce_ImapKilledMidBatchThenRerun_EveryRequestOpenedExactlyOnce()
    {
        // The exactly-once promise over IMAP: a message is moved out of INBOX only after its group commits, so a
        // SIGKILL part-way leaves the uncommitted ones in INBOX, and the committed-but-unmoved ones are
        // recognised by UIDVALIDITY:UID when read again.
        const int Batch = 200;
        var sent = new DateTimeOffset(2025, 6, 2, 9, 0, 0, TimeSpan.Zero);
        await using (var smtp = new SmtpSubmission(Options()))
        {
            await smtp.ConnectAsync("127.0.0.1", _servers.SmtpPort, MailSecurity.StartTls);
            await smtp.AuthenticateAsync(MailCredentials.WithPassword("roundtrip", MailServers.Password));
            for (var i = 1; i <= Batch; i++)
            {
                var result = await smtp.SendAsync(new MailEnvelope { From = $"requester{i}@example.org", Recipients = [MailServers.Address("bulk")] }, new MemoryStream(RequestMail.Generate(i, sent)));
                Assert.That(result.AllAccepted, Is.True, result.FailureText);
            }

            await smtp.DisconnectAsync();
        }

        await using var mailbox = new ImapMailbox(Endpoint(_servers.ImapsPort, MailSecurity.SslOnConnect, "bulk"), Options());
        for (var attempt = 0; attempt < 300 && (await mailbox.ListUidsAsync("INBOX", CancellationToken.None)).Uids.Count < Batch; attempt++)
        {
            await Task.Delay(200);
        }

        Assert.That((await mailbox.ListUidsAsync("INBOX", CancellationToken.None)).Uids, Has.Count.EqualTo(Batch), _servers.DescribeLogs());
        var connectionString = await TestCluster.CreateDatabaseAsync();
        var env = new Dictionary<string, string>
        {
            ["ConnectionStrings__FoiDesk"] = connectionString,
            ["FoiDesk__DataDirectory"] = Path.Combine(Path.GetTempPath(), $"fdi-{Guid.NewGuid().ToString("N")[..8]}"),
            ["FoiDesk__DemoData"] = "false",
            ["FoiDesk__Mail__Imap__Host"] = "127.0.0.1",
            ["FoiDesk__Mail__Imap__Port"] = _servers.ImapPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            // Plain IMAP on loopback to the private Dovecot, whose certificate the host would not trust.
            ["FoiDesk__Mail__Imap__Security"] = "None",
            ["FoiDesk__Mail__Imap__UserName"] = "bulk",
            ["FoiDesk__Mail__Imap__Password"] = MailServers.PasswordOf("bulk"),
        };
        await using var db = Npgsql.NpgsqlDataSource.Create(connectionString);
        await using var conn = await db.OpenConnectionAsync();

        using (var first = ProcessRunner.Start(env, "intake", "run-once"))
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            while (await conn.ExecuteScalarAsync<long>("select count(*) from foi_case") < 10 && watch.Elapsed < TimeSpan.FromMinutes(3) && !first.HasExited)
            {
                await Task.Delay(20);
            }

            first.Kill(); // SIGKILL: an open group transaction is abandoned, its messages stay in INBOX
            await first.WaitForExitAsync();
        }

        var atKill = await conn.ExecuteScalarAsync<long>("select count(*) from foi_case");
        Assert.That(atKill, Is.GreaterThan(0).And.LessThan(Batch), "killed mid-batch");
        for (var run = 0; run < 5 && (await mailbox.ListUidsAsync("INBOX", CancellationToken.None)).Uids.Count > 0; run++)
        {
            using var again = ProcessRunner.Start(env, "intake", "run-once");
            await again.WaitForExitAsync();
            Assert.That(again.ExitCode, Is.Zero);
        }

        Assert.That((await mailbox.ListUidsAsync("INBOX", CancellationToken.None)).Uids, Is.Empty);
        Assert.That((await mailbox.ListUidsAsync("Processed", CancellationToken.None)).Uids, Has.Count.EqualTo(Batch));
        Assert.That(await conn.ExecuteScalarAsync<long>("select count(*) from raw_email"), Is.EqualTo(Batch));
        Assert.That(await conn.ExecuteScalarAsync<long>("select count(*) from foi_case"), Is.EqualTo(Batch));
        Assert.That(await conn.ExecuteScalarAsync<long>("select count(distinct request_text) from foi_case"), Is.EqualTo(Batch), "none opened twice");
    }

    [Test]
    public async Task Watch_MailDeliveredWhileIdling_StartsAPassWithoutWaitingForThePoll()
    {
        var passStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var watcher = new NewMailWatcher(
            () => new ImapMailbox(Endpoint(_servers.ImapsPort, MailSecurity.SslOnConnect, "idler"), Options()),
            "INBOX",
            _ =>
            {
                passStarted.TrySetResult();
                return Task.CompletedTask;
            },
            TimeProvider.System,
            NullLogger<NewMailWatcher>.Instance);
        await watcher.StartAsync(CancellationToken.None);

        // The watcher only reacts to mail that arrives after its IDLE began, which the test cannot observe, so
        // mail keeps arriving (every 3 s) until a pass starts.
        await using (var smtp = new SmtpSubmission(Options()))
        {
            await smtp.ConnectAsync("127.0.0.1", _servers.SmtpPort, MailSecurity.StartTls);
            await smtp.AuthenticateAsync(MailCredentials.WithPassword("roundtrip", MailServers.Password));
            for (var i = 1; i <= 20 && !passStarted.Task.IsCompleted; i++)
            {
                var result = await smtp.SendAsync(new MailEnvelope { From = $"requester{i}@example.org", Recipients = [MailServers.Address("idler")] },
                    new MemoryStream(RequestMail.Generate(i, new DateTimeOffset(2025, 6, 2, 9, 0, 0, TimeSpan.Zero))));
                Assert.That(result.AllAccepted, Is.True, result.FailureText);
                await Task.WhenAny(passStarted.Task, Task.Delay(TimeSpan.FromSeconds(3)));
            }

            await smtp.DisconnectAsync();
        }

        Assert.That(passStarted.Task.IsCompleted, Is.True, "no pass started while mail arrived for a minute: " + _servers.DescribeLogs());
        await watcher.StopAsync(CancellationToken.None);
    }

    [Test]
    public async Task Poll_RequestsDeliveredThroughPostfixAndDovecot_OneCaseEachWithQuestionsAndDeadline()
    {
        var sent = new DateTimeOffset(2025, 6, 2, 9, 0, 0, TimeSpan.Zero);
        await using (var smtp = new SmtpSubmission(Options()))
        {
            await smtp.ConnectAsync("127.0.0.1", _servers.SmtpPort, MailSecurity.StartTls);
            await smtp.AuthenticateAsync(MailCredentials.WithPassword("roundtrip", MailServers.Password));
            for (var i = 1; i <= Count; i++)
            {
                var result = await smtp.SendAsync(new MailEnvelope { From = $"requester{i}@example.org", Recipients = [Inbox] }, new MemoryStream(RequestMail.Generate(i, sent)));
                Assert.That(result.AllAccepted, Is.True, result.FailureText);
            }

            await smtp.DisconnectAsync();
        }

        await using var mailbox = new ImapMailbox(Endpoint(_servers.ImapsPort, MailSecurity.SslOnConnect, "intake"), Options());
        for (var attempt = 0; attempt < 150 && (await mailbox.ListUidsAsync("INBOX", CancellationToken.None)).Uids.Count < Count; attempt++)
        {
            await Task.Delay(200); // Postfix hands mail to Dovecot's LMTP asynchronously
        }

        Assert.That((await mailbox.ListUidsAsync("INBOX", CancellationToken.None)).Uids, Has.Count.EqualTo(Count), _servers.DescribeLogs());
        await using var t = await IntakeDb.CreateAsync();
        var source = new ImapMailSource(mailbox, "127.0.0.1", "INBOX", "Processed");
        var runner = new IntakeRunner(t.Processor, t.Db, NullLogger<IntakeRunner>.Instance);

        var first = await runner.RunOnceAsync(source, CancellationToken.None);
        var second = await runner.RunOnceAsync(source, CancellationToken.None);

        Assert.That(first.Opened, Is.EqualTo(Count), first.ToString());
        Assert.That(second, Is.EqualTo(new IntakeCounts()), "the second pass finds an empty inbox");
        Assert.That((await mailbox.ListUidsAsync("INBOX", CancellationToken.None)).Uids, Is.Empty);
        Assert.That((await mailbox.ListUidsAsync("Processed", CancellationToken.None)).Uids, Has.Count.EqualTo(Count));
        await using var conn = await t.Db.OpenConnectionAsync();
        Assert.That(await conn.ExecuteScalarAsync<int>("select count(*) from foi_case"), Is.EqualTo(Count));
        Assert.That(await conn.ExecuteScalarAsync<int>("select count(*) from raw_email where source = 'imap:127.0.0.1/INBOX'"), Is.EqualTo(Count));

        var table = await t.Holidays.CurrentAsync(CancellationToken.None);
        var clock = new CaseClock(t.Cases, t.Holidays, t.Time);
        for (var i = 1; i <= Count; i++)
        {
            var reference = await conn.ExecuteScalarAsync<string>(
                "select c.reference from foi_case c join incoming_message m on m.case_id = c.id where m.message_id = @id", new { id = RequestMail.MessageId(i).Trim('<', '>') });
            var c = (await t.Cases.FindAsync(reference!, CancellationToken.None))!;
            var questions = await t.Cases.QuestionsAsync(c.Id, CancellationToken.None);
            Assert.That(questions.Select(q => q.Text), Is.EqualTo(Enumerable.Range(1, RequestMail.QuestionCount(i)).Select(q => RequestMail.Question(i, q))), reference);
            var arrivedAt = await conn.ExecuteScalarAsync<DateTime>("select r.arrived_at from raw_email r join incoming_message m on m.raw_email_id = r.id where m.case_id = @Id", new { c.Id });
            Assert.That(c.ReceivedAt, Is.EqualTo(new DateTimeOffset(arrivedAt, TimeSpan.Zero)), "received when our server received it (the top Received: header)");
            Assert.That(c.ReceivedAt, Is.GreaterThanOrEqualTo(sent));
            // FOIA s10(1): 20 working days from receipt, on the holiday table in force.
            var expected = DeadlineEngine.Compute(Regime.Foia, c.ReceivedAt, [], new DeadlineOptions { Holidays = table }).Dates["response_due"];
            var actual = (await clock.ComputeAsync(c, CancellationToken.None))!.Dates["response_due"];
            Assert.That(actual, Is.EqualTo(expected), reference);
        }
    }
}
