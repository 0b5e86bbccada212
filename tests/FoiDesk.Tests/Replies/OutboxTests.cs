using Dapper;
using FoiDesk.Cases;
using FoiDesk.Database;
using FoiDesk.Intake;
using FoiDesk.Mail;
using FoiDesk.Replies;
using FoiDesk.Tests.Database;
using FoiDesk.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace FoiDesk.Tests.Replies;

public sealed class OutboxTests
{
    private NpgsqlDataSource _db = null!;
    private ManualTime _time = null!;
    private string _pickup = "";
    private long _caseId;

    [SetUp]
    public async Task SetUp()
    {
        DapperSetup.Configure();
        _db = NpgsqlDataSource.Create(await TestCluster.CreateDatabaseAsync());
        _time = new ManualTime(new DateTimeOffset(2025, 3, 12, 10, 0, 0, TimeSpan.Zero));
        _pickup = Path.Combine(Path.GetTempPath(), $"pickup-{Guid.NewGuid():N}");
        var seed = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "demo", "mail", "000-thurrock-social-value-request.eml"));
        var processor = new IntakeProcessor(_db, new CaseStore(_db, _time), _time, Options.Create(new IntakeOptions()), NullLogger<IntakeProcessor>.Instance);
        var opened = await processor.ProcessAsync(new SourceMessage("drop-folder", "seed.eml", seed, _time.GetUtcNow()), CancellationToken.None);
        _caseId = (await new CaseStore(_db, _time).FindAsync(opened.CaseReference!, CancellationToken.None))!.Id;
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

    private async Task<long> EnqueueAsync(string letter = "response")
    {
        var outbox = new Outbox(_time, "foi@thurrock.gov.uk", "Thurrock Council FOI team");
        await using var conn = await _db.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync();
        var id = await outbox.EnqueueAsync(conn, tx, new OutboxLetter
        {
            CaseId = _caseId,
            Letter = letter,
            ToAddress = "request-972166-abcd1234@whatdotheyknow.com",
            ToName = "Andrew Bell",
            Subject = "Re: Freedom of Information request - Social Care Value Act 2012 [FOI-2025-00001]",
            TextBody = "Your request and our response.",
            HtmlBody = "<p>Your request and our response.</p>",
            InReplyTo = "<request-972166-abcd1234-seed@whatdotheyknow.com>",
        }, "officer@test", CancellationToken.None);
        await tx.CommitAsync();
        return id;
    }

    private OutboxSender Sender(IMailSender transport) => new(_db, transport, _time, NullLogger<OutboxSender>.Instance, "foi@thurrock.gov.uk");

    [Test]
    public async Task SendDue_PickupFolder_WritesThreadedAlternativeMessageAndRecordsResponseSent()
    {
        await EnqueueAsync();

        var run = await Sender(new PickupFolderSender(_pickup)).SendDueAsync(10, CancellationToken.None);

        Assert.That(run, Is.EqualTo(new OutboxRun(1, 0, 0)));
        var file = Directory.GetFiles(_pickup, "*.eml").Single();
        using var message = MailReader.ReadFile(file);
        Assert.That(message.Body!.ContentType.MimeType, Is.EqualTo("multipart/alternative"));
        Assert.That(message.To[0].Address, Is.EqualTo("request-972166-abcd1234@whatdotheyknow.com"));
        Assert.That(message.InReplyTo, Is.EqualTo("request-972166-abcd1234-seed@whatdotheyknow.com"));
        Assert.That(message.References, Does.Contain("request-972166-abcd1234-seed@whatdotheyknow.com"));
        Assert.That(message.Subject, Does.StartWith("Re: Freedom of Information request"));
        await using var conn = await _db.OpenConnectionAsync();
        Assert.That(await conn.ExecuteScalarAsync<string>("select name from clock_event where case_id = @_caseId", new { _caseId }), Is.EqualTo("response_sent"));
        Assert.That(await conn.ExecuteScalarAsync<string>("select status from foi_case where id = @_caseId", new { _caseId }), Is.EqualTo("responded"));
    }

    [Test]
    public async Task SendDue_Smtp4xx_RetriesWithBackoffThenSends()
    {
        var id = await EnqueueAsync("acknowledgement");
        await using var smtp = new SmtpStub { RcptReply = "451 4.3.0 mailbox busy, try later" };
        var sender = Sender(new SmtpMailSender(new MailServerEndpoint { Host = "127.0.0.1", Port = smtp.Port, Security = MailSecurity.None }));

        var first = await sender.SendDueAsync(10, CancellationToken.None);
        var tooSoon = await sender.SendDueAsync(10, CancellationToken.None);
        smtp.RcptReply = "250 2.1.5 OK";
        _time.Advance(TimeSpan.FromMinutes(1));
        var later = await sender.SendDueAsync(10, CancellationToken.None);

        Assert.That(first, Is.EqualTo(new OutboxRun(0, 1, 0)));
        Assert.That(tooSoon, Is.EqualTo(new OutboxRun(0, 0, 0)), "backs off before retrying");
        Assert.That(later, Is.EqualTo(new OutboxRun(1, 0, 0)));
        Assert.That(smtp.Received, Has.Count.EqualTo(1));
        await using var conn = await _db.OpenConnectionAsync();
        var row = await conn.QuerySingleAsync<(string Status, int Attempts)>("select status, attempts from outgoing_message where id = @id", new { id });
        Assert.That(row, Is.EqualTo(("sent", 2)));
    }

    [Test]
    public async Task SendDue_Smtp5xx_FailsPermanentlyAndTellsTheCase()
    {
        var id = await EnqueueAsync("acknowledgement");
        await using var smtp = new SmtpStub { RcptReply = "550 5.1.1 no such user" };
        var sender = Sender(new SmtpMailSender(new MailServerEndpoint { Host = "127.0.0.1", Port = smtp.Port, Security = MailSecurity.None }));

        var run = await sender.SendDueAsync(10, CancellationToken.None);
        _time.Advance(TimeSpan.FromHours(5));
        var again = await sender.SendDueAsync(10, CancellationToken.None);

        Assert.That(run, Is.EqualTo(new OutboxRun(0, 0, 1)));
        Assert.That(again, Is.EqualTo(new OutboxRun(0, 0, 0)), "a permanent failure is not retried");
        await using var conn = await _db.OpenConnectionAsync();
        Assert.That(await conn.ExecuteScalarAsync<string>("select last_error from outgoing_message where id = @id", new { id }), Does.Contain("550"));
        Assert.That(await conn.ExecuteScalarAsync<int>("select count(*) from case_event where kind = 'letter-failed'"), Is.EqualTo(1));
    }

    [Test]
    public async Task OutboxJob_SentRetriedAndRefused_CountsEachOnItsMeter()
    {
        var measured = new System.Collections.Concurrent.ConcurrentBag<(string Instrument, long Value, object? Retrying)>();
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == FoiDesk.Operations.FoiDeskMetrics.Name && instrument.Name.StartsWith("foidesk.outbox.", StringComparison.Ordinal))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) =>
        {
            object? retrying = null;
            foreach (var t in tags)
            {
                retrying = t.Key == "retrying" ? t.Value : retrying;
            }

            measured.Add((i.Name, v, retrying));
        });
        listener.Start();
        var run = new FoiDesk.Operations.JobRun("outbox", _time.GetUtcNow(), "test");

        await EnqueueAsync();
        await new OutboxJob(Sender(new PickupFolderSender(_pickup))).RunAsync(run, CancellationToken.None);
        await EnqueueAsync("acknowledgement");
        await using var smtp = new SmtpStub { RcptReply = "451 4.3.0 mailbox busy, try later" };
        var job = new OutboxJob(Sender(new SmtpMailSender(new MailServerEndpoint { Host = "127.0.0.1", Port = smtp.Port, Security = MailSecurity.None })));
        await job.RunAsync(run, CancellationToken.None);
        smtp.RcptReply = "550 5.1.1 no such user";
        _time.Advance(TimeSpan.FromMinutes(1));
        await job.RunAsync(run, CancellationToken.None);
        await job.RunAsync(run, CancellationToken.None);

        Assert.That(measured.OrderBy(m => m.Instrument).ThenBy(m => m.Retrying?.ToString()).ToList(), Is.EqualTo(new[]
        {
            ("foidesk.outbox.failures", 1L, (object?)false),
            ("foidesk.outbox.failures", 1L, (object?)true),
            ("foidesk.outbox.sent", 1L, (object?)null),
        }), "one sent, one refused for now (retrying), then refused for good; an empty run counts nothing");
    }

    [Test]
    public async Task SendDue_InterruptedAfterClaim_ResendsSameMessageIdAfterLease()
    {
        var id = await EnqueueAsync("acknowledgement");
        await using (var conn = await _db.OpenConnectionAsync())
        {
            // What a crash between the server accepting the message and our recording it leaves behind.
            await conn.ExecuteAsync("update outgoing_message set status = 'sending', attempts = 1, next_attempt_at = @lease where id = @id",
                new { lease = _time.GetUtcNow() + OutboxSender.DefaultLease, id });
        }

        var during = await Sender(new PickupFolderSender(_pickup)).SendDueAsync(10, CancellationToken.None);
        _time.Advance(OutboxSender.DefaultLease);
        var after = await Sender(new PickupFolderSender(_pickup)).SendDueAsync(10, CancellationToken.None);

        Assert.That(during.Sent, Is.Zero, "not while another sender may hold it");
        Assert.That(after.Sent, Is.EqualTo(1));
        await using var check = await _db.OpenConnectionAsync();
        Assert.That(await check.ExecuteScalarAsync<int>("select attempts from outgoing_message where id = @id", new { id }), Is.EqualTo(2), "the resend is recorded");
    }
}
