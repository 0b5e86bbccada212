using Dapper;
using FoiDesk.Intake;
using FoiDesk.Mail;
using FoiDesk.Tests.Database;
using FoiDesk.Tests.Intake;
using FoiDesk.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace FoiDesk.Tests.Integration;

/// <summary>
/// Issue 14 item 6, Dovecot part (intake side only; /health is not checked here): Dovecot is killed part-way
/// through intake and brought back ~12 s later. Passes keep being attempted on a short poll, fail while it is
/// down, and carry on when it is back: every request opened exactly once.
/// </summary>
public sealed partial class IntakeEndToEndTests
{
    [Test]
    public async Task Poll_DovecotKilledMidIntakeAndRestarted_ResumesWithNothingLostOrDoubled()
    {
        const int Batch = 100;
        const string User = "mover";
        var sent = new DateTimeOffset(2025, 6, 2, 9, 0, 0, TimeSpan.Zero);
        await using (var smtp = new SmtpSubmission(Options()))
        {
            await smtp.ConnectAsync("127.0.0.1", _servers.SmtpPort, MailSecurity.StartTls);
            await smtp.AuthenticateAsync(MailCredentials.WithPassword("roundtrip", MailServers.Password));
            for (var i = 1; i <= Batch; i++)
            {
                var result = await smtp.SendAsync(new MailEnvelope { From = $"requester{i}@example.org", Recipients = [MailServers.Address(User)] }, new MemoryStream(RequestMail.Generate(i, sent)));
                Assert.That(result.AllAccepted, Is.True, result.FailureText);
            }

            await smtp.DisconnectAsync();
        }

        await using (var probe = new ImapMailbox(Endpoint(_servers.ImapsPort, MailSecurity.SslOnConnect, User), Options()))
        {
            for (var attempt = 0; attempt < 300 && (await probe.ListUidsAsync("INBOX", CancellationToken.None)).Uids.Count < Batch; attempt++)
            {
                await Task.Delay(200);
            }

            Assert.That((await probe.ListUidsAsync("INBOX", CancellationToken.None)).Uids, Has.Count.EqualTo(Batch), _servers.DescribeLogs());
        }

        await using var t = await IntakeDb.CreateAsync();
        var runner = new IntakeRunner(t.Processor, t.Db, NullLogger<IntakeRunner>.Instance);
        var failedPasses = 0;
        using var stop = new CancellationTokenSource();
        // The intake job's loop in miniature: a pass every 500 ms, a failed pass logged and the next one tried.
        var loop = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    await using var mailbox = new ImapMailbox(Endpoint(_servers.ImapsPort, MailSecurity.SslOnConnect, User), Options() with { Timeout = TimeSpan.FromSeconds(3) });
                    await runner.RunOnceAsync(new ImapMailSource(mailbox, "127.0.0.1", "INBOX", "Processed"), stop.Token);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    Interlocked.Increment(ref failedPasses);
                }

                await Task.Delay(500, CancellationToken.None);
            }
        });

        await using var conn = await t.Db.OpenConnectionAsync();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (await conn.ExecuteScalarAsync<long>("select count(*) from raw_email") < 5 && watch.Elapsed < TimeSpan.FromMinutes(2))
        {
            await Task.Delay(10);
        }

        await _servers.StopDovecotAsync();
        var atOutage = await conn.ExecuteScalarAsync<long>("select count(*) from raw_email");
        await Task.Delay(TimeSpan.FromSeconds(12));
        var failedDuringOutage = Volatile.Read(ref failedPasses);
        await _servers.StartDovecotAsync();

        await using var check = new ImapMailbox(Endpoint(_servers.ImapsPort, MailSecurity.SslOnConnect, User), Options());
        watch.Restart();
        while (((await conn.ExecuteScalarAsync<long>("select count(*) from raw_email")) < Batch || (await check.ListUidsAsync("INBOX", CancellationToken.None)).Uids.Count > 0)
            && watch.Elapsed < TimeSpan.FromMinutes(2))
        {
            await Task.Delay(250);
        }

        await stop.CancelAsync();
        await loop;

        Assert.That(atOutage, Is.LessThan(Batch), "Dovecot went down before intake had finished");
        Assert.That(failedDuringOutage, Is.GreaterThan(0), "passes failed while Dovecot was down");
        Assert.That((await check.ListUidsAsync("INBOX", CancellationToken.None)).Uids, Is.Empty, _servers.DescribeLogs());
        Assert.That((await check.ListUidsAsync("Processed", CancellationToken.None)).Uids, Has.Count.EqualTo(Batch));
        Assert.That(await conn.ExecuteScalarAsync<long>("select count(*) from raw_email"), Is.EqualTo(Batch), "nothing lost, nothing stored twice");
        Assert.That(await conn.ExecuteScalarAsync<long>("select count(*) from foi_case"), Is.EqualTo(Batch));
        Assert.That(await conn.ExecuteScalarAsync<long>("select count(distinct request_text) from foi_case"), Is.EqualTo(Batch), "none opened twice");
        TestContext.Out.WriteLine($"{atOutage} stored when Dovecot was killed; {failedDuringOutage} pass(es) failed during the 12 s outage");
    }
}
