using System.Text;
using FoiDesk.Mail.Net;
using FoiDesk.Mail.Smtp;
using FoiDesk.Mail.Tests.Replay;

namespace FoiDesk.Mail.Tests.Smtp;

[TestFixture]
public sealed class SmtpClientTests
{
    private const string Ehlo = "EHLO unit-tests.foidesk.test\r\n";
    private const string AuthPlain = "AUTH PLAIN " + ReplayHarness.PlainUserPass + "\r\n";
    private const string Body = "From: a@example.com\r\nTo: b@example.com\r\nSubject: test\r\n\r\nHello.\r\n";

    private static readonly ReplayStep Greeting = ReplayStep.File("", "smtp/comcast-greeting.txt");

    private static MailEnvelope Envelope(params string[] recipients) =>
        new() { From = "sender@example.com", Recipients = recipients.Length == 0 ? ["recipient@example.com"] : recipients };

    private static MemoryStream Message(string text = Body) => new(Encoding.UTF8.GetBytes(text));

    private static string Size(string text = Body) => " SIZE=" + Encoding.UTF8.GetByteCount(text);

    [Test]
    public async Task Connect_ComcastEhlo_ParsesExtensions()
    {
        var (client, server) = await ReplayHarness.SmtpAsync([Greeting, ReplayStep.File(Ehlo, "smtp/comcast-ehlo.txt")]);

        Assert.That(client.Capabilities.AuthenticationMechanisms, Is.EquivalentTo(new[] { "LOGIN", "PLAIN" }));
        Assert.That(client.Capabilities.MaxSize, Is.EqualTo(36700160));
        Assert.That(client.Capabilities.EightBitMime, Is.True);
        Assert.That(client.Capabilities.EnhancedStatusCodes, Is.True);
        Assert.That(client.Capabilities.StartTls, Is.True);
        Assert.That(client.Capabilities.Pipelining, Is.False);
        Assert.That(client.Greeting, Is.EqualTo("ESMTP server ready"));
        ReplayHarness.AssertComplete(server);
    }

    [TestCase("smtp/comcast-ehlo+pipelining.txt", "PIPELINING")]
    [TestCase("smtp/comcast-ehlo+smtputf8.txt", "SMTPUTF8")]
    [TestCase("smtp/comcast-ehlo+dsn.txt", "DSN")]
    [TestCase("smtp/comcast-ehlo+binarymime.txt", "CHUNKING")]
    [TestCase("smtp/comcast-ehlo+requiretls.txt", "REQUIRETLS")]
    [TestCase("smtp/comcast-ehlo+digest-md5.txt", "AUTH")]
    public async Task Connect_EhloVariant_ListsKeyword(string file, string keyword)
    {
        var (client, server) = await ReplayHarness.SmtpAsync([Greeting, ReplayStep.File(Ehlo, file)]);

        Assert.That(client.Capabilities.Has(keyword), Is.True);
        ReplayHarness.AssertComplete(server);
    }

    [Test]
    [Description("RFC 5321 §3.2: a server that rejects EHLO gets HELO, and no extensions are assumed.")]
    public async Task Connect_EhloRejected_FallsBackToHelo()
    {
        var (client, server) = await ReplayHarness.SmtpAsync(
        [
            Greeting,
            ReplayStep.File(Ehlo, "smtp/ehlo-failed.txt"),
            ReplayStep.File("HELO unit-tests.foidesk.test\r\n", "smtp/helo.txt"),
            ReplayStep.File("MAIL FROM:<sender@example.com>\r\n", "smtp/comcast-mail-from.txt"),
            ReplayStep.File("RCPT TO:<recipient@example.com>\r\n", "smtp/comcast-rcpt-to.txt"),
            ReplayStep.File("DATA\r\n", "smtp/comcast-data.txt"),
            ReplayStep.File(Body + ".\r\n", "smtp/comcast-data-done.txt"),
        ]);

        var result = await client.SendAsync(Envelope(), Message());

        Assert.That(client.Capabilities.Keywords, Is.Empty);
        Assert.That(result.AllAccepted, Is.True);
        ReplayHarness.AssertComplete(server);
    }

    [Test]
    public void Connect_GreetingNotReady_ThrowsCommandExceptionAndDisconnects()
    {
        var client = new SmtpClient(ReplayHarness.Options());
        var server = new ReplayStream([ReplayStep.File("", "smtp/greeting-not-ready.txt")]);

        var ex = Assert.ThrowsAsync<SmtpCommandException>(() => client.ConnectAsync(server, "localhost", MailSecurity.None));

        Assert.That(ex!.StatusCode, Is.EqualTo(221));
        Assert.That(client.IsConnected, Is.False);
    }

    [Test]
    public async Task Send_ComcastSequence_SendsEnvelopeDataAndQuit()
    {
        var (client, server) = await ReplayHarness.SmtpAsync(
        [
            Greeting,
            ReplayStep.File(Ehlo, "smtp/comcast-ehlo.txt"),
            ReplayStep.File(AuthPlain, "smtp/comcast-auth-plain.txt"),
            ReplayStep.File("MAIL FROM:<sender@example.com> BODY=8BITMIME" + Size() + "\r\n", "smtp/comcast-mail-from.txt"),
            ReplayStep.File("RCPT TO:<recipient@example.com>\r\n", "smtp/comcast-rcpt-to.txt"),
            ReplayStep.File("DATA\r\n", "smtp/comcast-data.txt"),
            ReplayStep.File(Body + ".\r\n", "smtp/comcast-data-done.txt"),
            ReplayStep.File("QUIT\r\n", "smtp/comcast-quit.txt"),
        ]);
        await client.AuthenticateAsync(ReplayHarness.Credentials);

        var result = await client.SendAsync(Envelope(), Message());
        await client.DisconnectAsync();

        Assert.That(result.AllAccepted, Is.True);
        Assert.That(result.Recipients[0].EnhancedStatusCode, Is.EqualTo("2.1.5"));
        Assert.That(result.ServerResponse, Is.EqualTo("1Yat1n00V1sBWGw3SYaubg mail accepted for delivery"));
        ReplayHarness.AssertComplete(server);
    }

    [Test]
    [Description("RFC 2920: MAIL FROM and every RCPT TO go in one write; replies are read back in order.")]
    public async Task Send_Pipelining_GroupsEnvelopeCommands()
    {
        var (client, server) = await ReplayHarness.SmtpAsync(
        [
            Greeting,
            ReplayStep.File(Ehlo, "smtp/comcast-ehlo+pipelining.txt"),
            ReplayStep.File(
                "MAIL FROM:<sender@example.com> BODY=8BITMIME" + Size() + "\r\nRCPT TO:<recipient@example.com>\r\n",
                "smtp/pipelined-mail-from-rcpt-to.txt"),
            ReplayStep.File("DATA\r\n", "smtp/comcast-data.txt"),
            ReplayStep.File(Body + ".\r\n", "smtp/comcast-data-done.txt"),
        ]);

        var result = await client.SendAsync(Envelope(), Message());

        Assert.That(result.AllAccepted, Is.True);
        ReplayHarness.AssertComplete(server);
    }

    [Test]
    public async Task Send_PipelinedOnlyRecipientRefused_ResetsAndReportsPermanent()
    {
        var (client, server) = await ReplayHarness.SmtpAsync(
        [
            Greeting,
            ReplayStep.File(Ehlo, "smtp/comcast-ehlo+pipelining.txt"),
            ReplayStep.File(
                "MAIL FROM:<sender@example.com> BODY=8BITMIME" + Size() + "\r\nRCPT TO:<nobody@example.com>\r\n",
                "smtp/pipelined-mailbox-unavailable.txt"),
            ReplayStep.File("RSET\r\n", "smtp/comcast-rset.txt"),
        ]);

        var result = await client.SendAsync(Envelope("nobody@example.com"), Message());

        Assert.That(result.Failure, Is.EqualTo(DeliveryFailure.Permanent));
        Assert.That(result.Recipients[0].StatusCode, Is.EqualTo(550));
        Assert.That(result.Recipients[0].EnhancedStatusCode, Is.EqualTo("5.1.0"));
        Assert.That(result.Recipients[0].Text, Is.EqualTo("mailbox unavailable"));
        ReplayHarness.AssertComplete(server);
    }

    [Test]
    public async Task Send_MixedRecipients_ReportsEachAndSendsToTheAccepted()
    {
        var (client, server) = await ReplayHarness.SmtpAsync(
        [
            Greeting,
            ReplayStep.File(Ehlo, "smtp/comcast-ehlo.txt"),
            ReplayStep.File("MAIL FROM:<sender@example.com> BODY=8BITMIME" + Size() + "\r\n", "smtp/comcast-mail-from.txt"),
            ReplayStep.File("RCPT TO:<ok@example.com>\r\n", "smtp/comcast-rcpt-to.txt"),
            ReplayStep.File("RCPT TO:<gone@example.com>\r\n", "smtp/mailbox-unavailable.txt"),
            ReplayStep.Text("RCPT TO:<busy@example.com>\r\n", "451 4.3.0 Temporary lookup failure\r\n"),
            ReplayStep.File("DATA\r\n", "smtp/comcast-data.txt"),
            ReplayStep.File(Body + ".\r\n", "smtp/comcast-data-done.txt"),
        ]);

        var result = await client.SendAsync(Envelope("ok@example.com", "gone@example.com", "busy@example.com"), Message());

        Assert.That(result.Failure, Is.EqualTo(DeliveryFailure.None));
        Assert.That(result.Recipients.Select(r => r.Failure), Is.EqualTo(new[] { DeliveryFailure.None, DeliveryFailure.Permanent, DeliveryFailure.Transient }));
        Assert.That(result.AllAccepted, Is.False);
        ReplayHarness.AssertComplete(server);
    }

    [TestCase("smtp/auth-required.txt", 530, DeliveryFailure.Permanent)] // 530 5.7.0 Authentication required
    [TestCase("smtp/bad-command-sequence.txt", 503, DeliveryFailure.Permanent)]
    public async Task Send_MailFromRefused_ClassifiesAndResets(string file, int code, DeliveryFailure failure)
    {
        var (client, server) = await ReplayHarness.SmtpAsync(
        [
            Greeting,
            ReplayStep.File(Ehlo, "smtp/comcast-ehlo.txt"),
            ReplayStep.File("MAIL FROM:<sender@example.com> BODY=8BITMIME" + Size() + "\r\n", file),
            ReplayStep.File("RSET\r\n", "smtp/comcast-rset.txt"),
        ]);

        var result = await client.SendAsync(Envelope(), Message());

        Assert.That(result.Failure, Is.EqualTo(failure));
        Assert.That(result.Recipients[0].StatusCode, Is.EqualTo(code));
        ReplayHarness.AssertComplete(server);
    }

    [Test]
    public async Task Send_DataRefused_ReportsTransientForAll()
    {
        var (client, server) = await ReplayHarness.SmtpAsync(
        [
            Greeting,
            ReplayStep.File(Ehlo, "smtp/comcast-ehlo.txt"),
            ReplayStep.File("MAIL FROM:<sender@example.com> BODY=8BITMIME" + Size() + "\r\n", "smtp/comcast-mail-from.txt"),
            ReplayStep.File("RCPT TO:<recipient@example.com>\r\n", "smtp/comcast-rcpt-to.txt"),
            ReplayStep.File("DATA\r\n", "smtp/comcast-data.txt"),
            ReplayStep.Text(Body + ".\r\n", "452 4.3.1 Insufficient system storage\r\n"),
        ]);

        var result = await client.SendAsync(Envelope(), Message());

        Assert.That(result.Failure, Is.EqualTo(DeliveryFailure.Transient));
        Assert.That(result.Recipients.All(r => !r.Accepted), Is.True);
        ReplayHarness.AssertComplete(server);
    }

    [Test]
    [Description("RFC 5321 §4.5.2: leading dots doubled; §2.3.8: bare LF sent as CRLF; content ends with CRLF.")]
    public async Task Send_DotsAndBareLineFeeds_AreStuffedAndNormalised()
    {
        const string raw = "Subject: dots\n\n.hidden\n..double\n.\nmiddle.dot\r\nlast line";
        const string wire = "Subject: dots\r\n\r\n..hidden\r\n...double\r\n..\r\nmiddle.dot\r\nlast line\r\n.\r\n";
        var (client, server) = await ReplayHarness.SmtpAsync(
        [
            Greeting,
            ReplayStep.File(Ehlo, "smtp/comcast-ehlo.txt"),
            ReplayStep.File("MAIL FROM:<sender@example.com> BODY=8BITMIME" + Size(raw) + "\r\n", "smtp/comcast-mail-from.txt"),
            ReplayStep.File("RCPT TO:<recipient@example.com>\r\n", "smtp/comcast-rcpt-to.txt"),
            ReplayStep.File("DATA\r\n", "smtp/comcast-data.txt"),
            ReplayStep.File(wire, "smtp/comcast-data-done.txt"),
        ]);

        var result = await client.SendAsync(Envelope(), Message(raw));

        Assert.That(result.AllAccepted, Is.True);
        ReplayHarness.AssertComplete(server);
    }

    [Test]
    public async Task Send_Utf8AddressWithSmtpUtf8_DeclaresIt()
    {
        var (client, server) = await ReplayHarness.SmtpAsync(
        [
            Greeting,
            ReplayStep.File(Ehlo, "smtp/comcast-ehlo+smtputf8.txt"),
            ReplayStep.File("MAIL FROM:<sender@example.com> BODY=8BITMIME SMTPUTF8" + Size() + "\r\n", "smtp/comcast-mail-from.txt"),
            ReplayStep.File("RCPT TO:<siôn@enghraifft.cymru>\r\n", "smtp/comcast-rcpt-to.txt"),
            ReplayStep.File("DATA\r\n", "smtp/comcast-data.txt"),
            ReplayStep.File(Body + ".\r\n", "smtp/comcast-data-done.txt"),
        ]);

        var result = await client.SendAsync(Envelope("siôn@enghraifft.cymru"), Message());

        Assert.That(result.AllAccepted, Is.True);
        ReplayHarness.AssertComplete(server);
    }

    [Test]
    [Description("RFC 6531 §3.4: without SMTPUTF8 a UTF-8 address must not be sent at all.")]
    public async Task Send_Utf8AddressWithoutSmtpUtf8_RefusesWithoutSending()
    {
        var (client, server) = await ReplayHarness.SmtpAsync([Greeting, ReplayStep.File(Ehlo, "smtp/comcast-ehlo.txt")]);

        var result = await client.SendAsync(Envelope("siôn@enghraifft.cymru"), Message());

        Assert.That(result.Failure, Is.EqualTo(DeliveryFailure.Permanent));
        ReplayHarness.AssertComplete(server);
    }

    [Test]
    [Description("RFC 6152: 8-bit content needs 8BITMIME; HELO-only servers get nothing rather than corrupted mail.")]
    public async Task Send_EightBitContentWithout8BitMime_RefusesWithoutSending()
    {
        var (client, server) = await ReplayHarness.SmtpAsync(
        [
            Greeting,
            ReplayStep.File(Ehlo, "smtp/ehlo-failed.txt"),
            ReplayStep.File("HELO unit-tests.foidesk.test\r\n", "smtp/helo.txt"),
        ]);

        var result = await client.SendAsync(Envelope(), Message("Subject: caf\u00e9\r\n\r\nBore da.\r\n"));

        Assert.That(result.Failure, Is.EqualTo(DeliveryFailure.Permanent));
        ReplayHarness.AssertComplete(server);
    }

    [Test]
    public async Task Send_LargerThanSizeLimit_RefusesWithoutSending()
    {
        var (client, server) = await ReplayHarness.SmtpAsync([Greeting, ReplayStep.Text(Ehlo, "250-mx\r\n250 SIZE 10\r\n")]);

        var result = await client.SendAsync(Envelope(), Message());

        Assert.That(result.Failure, Is.EqualTo(DeliveryFailure.Permanent));
        Assert.That(result.FailureText, Does.Contain("SIZE"));
        ReplayHarness.AssertComplete(server);
    }

    [TestCase("a b@example.com")]
    [TestCase("a@example.com>\r\nRCPT TO:<evil@example.com")]
    [TestCase("")]
    public void Send_BadRecipient_ThrowsBeforeSending(string recipient)
    {
        Assert.ThrowsAsync<ArgumentException>(async () =>
        {
            var (client, _) = await ReplayHarness.SmtpAsync([Greeting, ReplayStep.File(Ehlo, "smtp/comcast-ehlo.txt")]);
            await client.SendAsync(Envelope(recipient), Message());
        });
    }
}
