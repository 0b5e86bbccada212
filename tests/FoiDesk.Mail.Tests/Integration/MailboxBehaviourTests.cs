using System.Text;
using FoiDesk.Mail.Imap;
using FoiDesk.Mail.Net;
using FoiDesk.Mail.Smtp;

namespace FoiDesk.Mail.Tests.Integration;

[TestFixture]
[Category("integration")]
public sealed class MailboxBehaviourTests
{
    private static MailServers Servers => IntegrationSetup.Servers;

    private static MailServerEndpoint Endpoint(int port, MailSecurity security, string user) => new()
    {
        Host = "127.0.0.1",
        Port = port,
        Security = security,
        Credentials = MailCredentials.WithPassword(user, MailServers.PasswordOf(user)),
    };

    [Test]
    public async Task Idle_MessageDeliveredWhileIdling_IsNoticed()
    {
        var to = MailServers.Address("idler");
        await using var client = await MailRoundTripTests.ImapAsync("idler");
        var before = (await client.SelectAsync("INBOX")).Exists;
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var idle = client.WaitForNewMessagesAsync(deadline.Token);
        await Task.Delay(300); // let IDLE start; a message that lands first is still seen via EXISTS
        var sent = await MailRoundTripTests.SubmitAsync(to, MailRoundTripTests.FoiMessage(to, "idle-1"));
        var changes = await idle;

        Assert.That(sent.AllAccepted, Is.True);
        Assert.That(changes.NewMessages, Is.True);
        Assert.That(changes.Exists, Is.GreaterThan(before));
        Assert.That(client.IsConnected, Is.True);
    }

    [Test]
    public async Task UidMove_ToProcessed_LeavesInboxAndArrivesThere()
    {
        var to = MailServers.Address("mover");
        await MailRoundTripTests.SubmitAsync(to, MailRoundTripTests.FoiMessage(to, "move-1"));
        await using var client = await MailRoundTripTests.ImapAsync("mover");
        var uids = await MailRoundTripTests.WaitForMessagesAsync(client, 1);

        var copy = await client.UidMoveAsync([uids[0]], "Processed");

        Assert.That(client.Capabilities.Move, Is.True);
        Assert.That(copy, Is.Not.Null);
        Assert.That(await client.UidSearchAsync("ALL"), Does.Not.Contain(uids[0]));
        var processed = await client.SelectAsync("Processed");
        Assert.That(processed.UidValidity, Is.EqualTo(copy!.DestinationUidValidity));
        Assert.That(await client.UidSearchAsync("ALL"), Does.Contain(copy.DestinationUids[0]));
    }

    [Test]
    public async Task XOAuth2_ValidToken_LogsInThroughDovecotTokenCheck()
    {
        await using var client = new ImapClient(IntegrationSetup.Options());
        await client.ConnectAsync("127.0.0.1", Servers.ImapsPort, MailSecurity.SslOnConnect);

        await client.AuthenticateAsync(MailCredentials.WithAccessToken("oauth", _ => ValueTask.FromResult(MailServers.ValidToken)));
        var inbox = await client.SelectAsync("INBOX");

        Assert.That(client.Capabilities.IsEmpty, Is.False);
        Assert.That(inbox.UidValidity, Is.Not.Zero);
    }

    [Test]
    public async Task XOAuth2_RejectedToken_CommandExceptionAndConnectionUsable()
    {
        await using var client = new ImapClient(IntegrationSetup.Options());
        await client.ConnectAsync("127.0.0.1", Servers.ImapsPort, MailSecurity.SslOnConnect);

        Assert.ThrowsAsync<ImapCommandException>(
            () => client.AuthenticateAsync(MailCredentials.WithAccessToken("oauth", _ => ValueTask.FromResult("expired-token"))));

        Assert.That(client.IsConnected, Is.True);
        await client.NoopAsync();
    }

    [Test]
    public async Task SmtpXOAuth2_ValidToken_AuthenticatesThroughPostfixAndDovecot()
    {
        await using var smtp = new SmtpClient(IntegrationSetup.Options());
        await smtp.ConnectAsync("127.0.0.1", Servers.SmtpPort, MailSecurity.StartTls);

        await smtp.AuthenticateAsync(MailCredentials.WithAccessToken("oauth", _ => ValueTask.FromResult(MailServers.ValidToken)));

        Assert.That(smtp.IsAuthenticated, Is.True);
    }

    [Test]
    [Description("The seams FoiDesk uses: IMailSender delivers, IMailbox lists, fetches, flags and moves.")]
    public async Task Seams_SenderAndMailbox_WorkEndToEnd()
    {
        var to = MailServers.Address("seam");
        var message = MailRoundTripTests.FoiMessage(to, "seam-1");
        var sender = new SmtpMailSender(Endpoint(Servers.SmtpPort, MailSecurity.StartTls, "roundtrip"), IntegrationSetup.Options());
        await using var mailbox = new ImapMailbox(Endpoint(Servers.ImapsPort, MailSecurity.SslOnConnect, "seam"), IntegrationSetup.Options());

        var sent = await ((IMailSender)sender).SendAsync(new MailEnvelope { From = "foi@council.example", Recipients = [to] }, new MemoryStream(message), CancellationToken.None);
        MailboxUids listed = null!;
        uint uid = 0;
        for (var attempt = 0; attempt < 100 && uid == 0; attempt++)
        {
            listed = await mailbox.ListUidsAsync("INBOX", CancellationToken.None);
            foreach (var candidate in listed.Uids)
            {
                using var probe = new MemoryStream();
                await mailbox.FetchAsync("INBOX", candidate, probe, CancellationToken.None);
                if (Encoding.UTF8.GetString(probe.ToArray()).Contains("seam-1@council.example", StringComparison.Ordinal))
                {
                    uid = candidate;
                }
            }

            if (uid == 0)
            {
                await Task.Delay(200);
            }
        }

        Assert.That(sent.AllAccepted, Is.True, sent.FailureText);
        Assert.That(uid, Is.Not.Zero, "message never arrived\n" + Servers.DescribeLogs());
        Assert.That(listed.UidValidity, Is.Not.Zero);
        await mailbox.AddFlagsAsync("INBOX", uid, ["\\Seen", "$FoiDeskImported"], CancellationToken.None);
        await mailbox.MoveAsync("INBOX", uid, "Processed", CancellationToken.None);
        Assert.That((await mailbox.ListUidsAsync("INBOX", CancellationToken.None)).Uids, Does.Not.Contain(uid));
        Assert.That((await mailbox.ListUidsAsync("Processed", CancellationToken.None)).Uids, Is.Not.Empty);
        Assert.That(await mailbox.FetchAsync("INBOX", uid, Stream.Null, CancellationToken.None), Is.False);
    }

    [Test]
    public async Task Sender_ServerDown_ReportsTransient()
    {
        var sender = new SmtpMailSender(
            new MailServerEndpoint { Host = "127.0.0.1", Port = 1, Security = MailSecurity.StartTls },
            IntegrationSetup.Options());

        var result = await sender.SendAsync(new MailEnvelope { From = "a@b.test", Recipients = ["c@d.test"] }, new MemoryStream([1]), CancellationToken.None);

        Assert.That(result.Failure, Is.EqualTo(DeliveryFailure.Transient));
    }
}
