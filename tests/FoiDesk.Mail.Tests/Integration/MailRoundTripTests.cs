using System.Text;
using FoiDesk.Mail.Imap;
using FoiDesk.Mail.Net;
using FoiDesk.Mail.Smtp;

namespace FoiDesk.Mail.Tests.Integration;

[TestFixture]
[Category("integration")]
public sealed class MailRoundTripTests
{
    private static MailServers Servers => IntegrationSetup.Servers;

    /// <summary>A message with what tends to break transports: a line-initial dot, a lone dot line, UTF-8 bytes
    /// (8BITMIME), a long header, and a body without a trailing blank line.</summary>
    internal static byte[] FoiMessage(string to, string marker) => Encoding.UTF8.GetBytes(
        "From: FOI Team <foi@council.example>\r\n"
        + $"To: <{to}>\r\n"
        + $"Subject: FOI request {marker} - information about road gritting\r\n"
        + "Date: Tue, 04 Mar 2025 09:15:00 +0000\r\n"
        + $"Message-ID: <{marker}@council.example>\r\n"
        + "MIME-Version: 1.0\r\n"
        + "Content-Type: text/plain; charset=utf-8\r\n"
        + "Content-Transfer-Encoding: 8bit\r\n"
        + "\r\n"
        + "Dear Sir or Madam,\r\n"
        + ".this line starts with a dot\r\n"
        + ".\r\n"
        + "..and this one with two.\r\n"
        + "Diolch yn fawr - \u0175 \u0177 \u00e2 \u20ac\r\n"
        + "Yours faithfully,\r\n"
        + "A. Requester\r\n");

    internal static async Task<ImapClient> ImapAsync(string user, MailSecurity security = MailSecurity.SslOnConnect, TextWriter? log = null)
    {
        var client = new ImapClient(IntegrationSetup.Options(log));
        var port = security == MailSecurity.SslOnConnect ? Servers.ImapsPort : Servers.ImapPort;
        await client.ConnectAsync("127.0.0.1", port, security);
        await client.AuthenticateAsync(MailCredentials.WithPassword(user, MailServers.PasswordOf(user)));
        return client;
    }

    internal static async Task<SendResult> SubmitAsync(string to, byte[] message, MailSecurity security = MailSecurity.StartTls)
    {
        await using var smtp = new SmtpClient(IntegrationSetup.Options());
        await smtp.ConnectAsync("127.0.0.1", security == MailSecurity.SslOnConnect ? Servers.SmtpsPort : Servers.SmtpPort, security);
        await smtp.AuthenticateAsync(MailCredentials.WithPassword("roundtrip", MailServers.Password));
        var result = await smtp.SendAsync(new MailEnvelope { From = "foi@council.example", Recipients = [to] }, new MemoryStream(message));
        await smtp.DisconnectAsync();
        return result;
    }

    /// <summary>Polls with NOOP until <paramref name="count"/> messages are in INBOX (Postfix → LMTP is async).</summary>
    internal static async Task<IReadOnlyList<uint>> WaitForMessagesAsync(ImapClient client, int count)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            await client.SelectAsync("INBOX");
            var uids = await client.UidSearchAsync("ALL");
            if (uids.Count >= count)
            {
                return uids;
            }

            await Task.Delay(200);
        }

        Assert.Fail($"No delivery within 20 s.\n{Servers.DescribeLogs()}");
        return [];
    }

    [Test]
    public async Task SendThroughPostfix_ReadBackThroughDovecot_MessageBytesArriveUnchanged()
    {
        var to = MailServers.Address("roundtrip");
        var message = FoiMessage(to, "roundtrip-1");

        var result = await SubmitAsync(to, message);
        await using var imap = await ImapAsync("roundtrip");
        var uids = await WaitForMessagesAsync(imap, 1);
        using var fetched = new MemoryStream();
        var size = await imap.UidFetchMessageAsync(uids[^1], fetched);

        Assert.That(result.AllAccepted, Is.True, result.FailureText);
        Assert.That(imap.SelectedFolder!.UidValidity, Is.Not.Zero);
        var bytes = fetched.ToArray();
        Assert.That(size, Is.EqualTo(bytes.Length));

        // Postfix prepends Received:, Dovecot Return-Path:/Delivered-To:; everything we sent follows unchanged.
        Assert.That(bytes.AsSpan().EndsWith(message), Is.True, Encoding.UTF8.GetString(bytes));
        var body = message.AsSpan(message.AsSpan().IndexOf("\r\n\r\n"u8) + 4).ToArray();
        var fetchedBody = bytes.AsSpan(bytes.AsSpan().IndexOf("\r\n\r\n"u8) + 4).ToArray();
        Assert.That(fetchedBody, Is.EqualTo(body));
    }

    [Test]
    public async Task SendOverImplicitTls_WithAuthLogin_IsDelivered()
    {
        var to = MailServers.Address("seam");
        await using var smtp = new SmtpClient(IntegrationSetup.Options());
        await smtp.ConnectAsync("127.0.0.1", Servers.SmtpsPort, MailSecurity.SslOnConnect);
        await smtp.AuthenticateAsync(new SaslLogin("roundtrip", MailServers.Password));

        var result = await smtp.SendAsync(new MailEnvelope { From = "foi@council.example", Recipients = [to] }, new MemoryStream(FoiMessage(to, "smtps-1")));

        Assert.That(smtp.IsSecure, Is.True);
        Assert.That(smtp.Capabilities.Pipelining, Is.True);
        Assert.That(result.AllAccepted, Is.True, result.FailureText);
    }

    [Test]
    [Description("Real Postfix refusals: 554 relay denied (permanent) and a 450 access-map deferral (transient).")]
    public async Task SendUnauthenticated_MixedRecipients_ClassifiesEachRealRefusal()
    {
        var to = MailServers.Address("seam");
        await using var smtp = new SmtpClient(IntegrationSetup.Options());
        await smtp.ConnectAsync("127.0.0.1", Servers.SmtpPort, MailSecurity.StartTls);

        var result = await smtp.SendAsync(
            new MailEnvelope { From = "foi@council.example", Recipients = [to, "someone@elsewhere.invalid", "busy@" + MailServers.Domain] },
            new MemoryStream(FoiMessage(to, "mixed-1")));

        Assert.That(result.Failure, Is.EqualTo(DeliveryFailure.None), result.FailureText);
        Assert.That(result.Recipients[0].Accepted, Is.True);
        Assert.That(result.Recipients[1].StatusCode, Is.EqualTo(554));
        Assert.That(result.Recipients[1].Failure, Is.EqualTo(DeliveryFailure.Permanent));
        Assert.That(result.Recipients[2].StatusCode, Is.EqualTo(450));
        Assert.That(result.Recipients[2].EnhancedStatusCode, Is.EqualTo("4.2.1"));
        Assert.That(result.Recipients[2].Failure, Is.EqualTo(DeliveryFailure.Transient));
    }

    [Test]
    public async Task SmtpAuth_WrongPassword_PermanentAndConnectionUsable()
    {
        await using var smtp = new SmtpClient(IntegrationSetup.Options());
        await smtp.ConnectAsync("127.0.0.1", Servers.SmtpPort, MailSecurity.StartTls);

        var ex = Assert.ThrowsAsync<SmtpCommandException>(() => smtp.AuthenticateAsync(MailCredentials.WithPassword("roundtrip", "wrong")));

        Assert.That(ex!.StatusCode, Is.EqualTo(535));
        Assert.That(ex.Failure, Is.EqualTo(DeliveryFailure.Permanent));
        Assert.That((await smtp.NoopAsync()).StatusCode, Is.EqualTo(250));
    }

    [Test]
    public async Task ImapStartTls_DefaultValidation_RejectsSelfSignedCertificate()
    {
        await using var client = new ImapClient(new MailConnectionOptions { Timeout = TimeSpan.FromSeconds(20) });

        var ex = Assert.ThrowsAsync<ImapProtocolException>(() => client.ConnectAsync("127.0.0.1", Servers.ImapPort, MailSecurity.StartTls));

        Assert.That(ex!.InnerException, Is.InstanceOf<System.Security.Authentication.AuthenticationException>());
        Assert.That(client.IsConnected, Is.False);
    }

    [Test]
    public async Task ImapStartTls_WithCallback_UpgradesAndLogsIn()
    {
        var log = new StringWriter();
        await using var client = await ImapAsync("roundtrip", MailSecurity.StartTls, log);

        Assert.That(client.IsSecure, Is.True);
        Assert.That(client.IsAuthenticated, Is.True);
        Assert.That(log.ToString(), Does.Not.Contain(MailServers.Password));
        Assert.That(log.ToString(), Does.Contain(ProtocolLogger.Mask));
    }

    [Test]
    [Description("Non-ASCII password over LOGIN: sent as a LITERAL+ literal, which Dovecot offers.")]
    public async Task ImapLogin_NonAsciiPassword_SentAsLiteral()
    {
        var log = new StringWriter();
        await using var client = new ImapClient(IntegrationSetup.Options(log));
        await client.ConnectAsync("127.0.0.1", Servers.ImapsPort, MailSecurity.SslOnConnect);

        await client.LoginAsync("literal", MailServers.NonAsciiPassword);

        Assert.That(client.IsAuthenticated, Is.True);
        Assert.That(log.ToString(), Does.Contain("LOGIN literal {"));
    }

    [Test]
    public async Task ImapLogin_WrongPassword_CommandExceptionAndConnectionUsable()
    {
        await using var client = new ImapClient(IntegrationSetup.Options());
        await client.ConnectAsync("127.0.0.1", Servers.ImapsPort, MailSecurity.SslOnConnect);

        var ex = Assert.ThrowsAsync<ImapCommandException>(() => client.AuthenticateAsync(MailCredentials.WithPassword("roundtrip", "nope")));

        Assert.That(ex!.Response.Status, Is.EqualTo(ImapStatus.No));
        Assert.That(client.IsConnected, Is.True);
        await client.AuthenticateAsync(MailCredentials.WithPassword("roundtrip", MailServers.Password));
        Assert.That(client.IsAuthenticated, Is.True);
    }
}
