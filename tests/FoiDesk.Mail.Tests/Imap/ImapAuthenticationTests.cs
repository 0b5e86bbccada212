using System.Text;
using FoiDesk.Mail.Imap;
using FoiDesk.Mail.Net;
using FoiDesk.Mail.Tests.Replay;

namespace FoiDesk.Mail.Tests.Imap;

[TestFixture]
public sealed class ImapAuthenticationTests
{
    private const string Plain = ReplayHarness.PlainUserPass;

    [Test]
    public async Task Authenticate_DovecotSaslIr_SendsPlainInlineAndTakesCapabilitiesFromOk()
    {
        var (client, server) = await ReplayHarness.ImapAsync(
        [
            ReplayStep.File("", "imap/dovecot/greeting.txt"),
            ReplayStep.File($"A00000000 AUTHENTICATE PLAIN {Plain}\r\n", "imap/dovecot/authenticate.txt"),
        ]);

        await client.AuthenticateAsync(ReplayHarness.Credentials);

        Assert.That(client.IsAuthenticated, Is.True);
        Assert.That(client.Capabilities.Move, Is.True);
        Assert.That(client.Capabilities.ESearch, Is.True);
        Assert.That(client.Capabilities.Has("AUTH=PLAIN"), Is.False, "post-login capabilities replace the greeting's");
        ReplayHarness.AssertComplete(server);
    }

    [Test]
    public async Task Authenticate_CyrusSaslIr_ReadsCapabilityCode()
    {
        var (client, server) = await ReplayHarness.ImapAsync(
        [
            ReplayStep.File("", "imap/cyrus/greeting.txt"),
            ReplayStep.File($"A00000000 AUTHENTICATE PLAIN {Plain}\r\n", "imap/cyrus/authenticate.txt"),
        ]);

        await client.AuthenticateAsync(ReplayHarness.Credentials);

        Assert.That(client.Capabilities.UidPlus, Is.True);
        Assert.That(client.Capabilities.LoginDisabled, Is.True);
        ReplayHarness.AssertComplete(server);
    }

    [Test]
    public async Task Authenticate_ICloudOkWithoutCapabilities_AsksForThem()
    {
        var (client, server) = await ReplayHarness.ImapAsync(
        [
            ReplayStep.File("", "imap/icloud/greeting.txt"),
            ReplayStep.File($"A00000000 AUTHENTICATE PLAIN {Plain}\r\n", "imap/icloud/authenticate-plain.txt"),
            ReplayStep.File("A00000001 CAPABILITY\r\n", "imap/icloud/capability.txt"),
        ]);

        await client.AuthenticateAsync(ReplayHarness.Credentials);

        Assert.That(client.Capabilities.Idle, Is.True);
        Assert.That(client.Capabilities.Has("XAPPLEPUSHSERVICE"), Is.True);
        ReplayHarness.AssertComplete(server);
    }

    [Test]
    public async Task Authenticate_StratoWithoutSaslIr_WaitsForContinuation()
    {
        var (client, server) = await ReplayHarness.ImapAsync(
        [
            ReplayStep.File("", "imap/strato.de/greeting.txt"),
            ReplayStep.Text("A00000000 AUTHENTICATE PLAIN\r\n", "+ \r\n"),
            ReplayStep.File($"{Plain}\r\n", "imap/strato.de/authenticate.txt"),
            ReplayStep.File("A00000001 CAPABILITY\r\n", "imap/strato.de/capability.txt"),
        ]);

        await client.AuthenticateAsync(ReplayHarness.Credentials);

        Assert.That(client.Capabilities.LiteralPlus, Is.True);
        ReplayHarness.AssertComplete(server);
    }

    [Test]
    public async Task Authenticate_GmailXOAuth2_UntaggedCapabilityCounts()
    {
        var token = "ya29.token";
        var initial = Convert.ToBase64String(Encoding.UTF8.GetBytes($"user=username\u0001auth=Bearer {token}\u0001\u0001"));
        var (client, server) = await ReplayHarness.ImapAsync(
        [
            ReplayStep.File("", "imap/common/basic-greeting.txt"),
            ReplayStep.File("A00000000 CAPABILITY\r\n", "imap/acl/capability.txt"),
            ReplayStep.File($"A00000001 AUTHENTICATE XOAUTH2 {initial}\r\n", "imap/acl/authenticate.txt"),
        ]);

        await client.AuthenticateAsync(MailCredentials.WithAccessToken("username", _ => ValueTask.FromResult(token)));

        Assert.That(client.Capabilities.Move, Is.True);
        Assert.That(client.Capabilities.LiteralMinus, Is.True);
        ReplayHarness.AssertComplete(server);
    }

    [Test]
    [Description("XOAUTH2 failure: the server sends a JSON error as a challenge and wants an empty reply before NO.")]
    public async Task Authenticate_XOAuth2Rejected_AnswersChallengeEmptyAndStaysConnected()
    {
        var initial = Convert.ToBase64String(Encoding.UTF8.GetBytes("user=username\u0001auth=Bearer expired\u0001\u0001"));
        var error = Convert.ToBase64String(Encoding.UTF8.GetBytes("{\"status\":\"401\",\"schemes\":\"Bearer\",\"scope\":\"https://mail.google.com/\"}"));
        var (client, server) = await ReplayHarness.ImapAsync(
        [
            ReplayStep.File("", "imap/icloud/greeting.txt"),
            ReplayStep.Text($"A00000000 AUTHENTICATE XOAUTH2 {initial}\r\n", $"+ {error}\r\n"),
            ReplayStep.Text("\r\n", "A######## NO [AUTHENTICATIONFAILED] Invalid credentials (Failure)\r\n"),
            ReplayStep.Text("A00000001 LOGOUT\r\n", "* BYE bye\r\nA######## OK LOGOUT completed\r\n"),
        ]);

        var ex = Assert.ThrowsAsync<ImapCommandException>(
            () => client.AuthenticateAsync(MailCredentials.WithAccessToken("username", _ => ValueTask.FromResult("expired"))));

        Assert.That(ex!.Response.Code?.Name, Is.EqualTo("AUTHENTICATIONFAILED"));
        Assert.That(client.IsConnected, Is.True);
        await client.DisconnectAsync();
        ReplayHarness.AssertComplete(server);
    }

    [Test]
    public async Task Authenticate_NoSaslPlainOffered_FallsBackToLogin()
    {
        var (client, server) = await ReplayHarness.ImapAsync(
        [
            ReplayStep.File("", "imap/lowercase/greeting.txt"),
            ReplayStep.File("A00000000 LOGIN username password\r\n", "imap/lowercase/authenticate.txt"),
            ReplayStep.File("A00000001 CAPABILITY\r\n", "imap/lowercase/capability.txt"),
        ]);

        await client.AuthenticateAsync(ReplayHarness.Credentials);

        Assert.That(client.IsAuthenticated, Is.True);
        Assert.That(client.Capabilities.Has("SPECIAL-USE"), Is.True);
        ReplayHarness.AssertComplete(server);
    }

    // Non-ASCII or CR/LF cannot be quoted (RFC 9051 §4.3): a literal, synchronising unless LITERAL+ is offered.
    [Test]
    public async Task Login_NonAsciiPasswordWithoutLiteralPlus_WaitsForContinuation()
    {
        var (client, server) = await ReplayHarness.ImapAsync(
        [
            ReplayStep.File("", "imap/courier/greeting.txt"),
            ReplayStep.Text("A00000000 LOGIN username {9}\r\n", "+ Ready for literal data\r\n"),
            ReplayStep.Text("pässword\r\n", "A######## OK LOGIN Ok.\r\n"),
            ReplayStep.File("A00000001 CAPABILITY\r\n", "imap/courier/capability.txt"),
        ]);

        await client.LoginAsync("username", "pässword");

        Assert.That(client.IsAuthenticated, Is.True);
        ReplayHarness.AssertComplete(server);
    }

    [Test]
    public async Task Login_NonAsciiPasswordWithLiteralPlus_SendsInOneGo()
    {
        var (client, server) = await ReplayHarness.ImapAsync(
        [
            ReplayStep.File("", "imap/dovecot/greeting.txt"),
            ReplayStep.File("A00000000 LOGIN username {9+}\r\npässword\r\n", "imap/dovecot/authenticate.txt"),
        ]);

        await client.LoginAsync("username", "pässword");

        Assert.That(client.IsAuthenticated, Is.True);
        ReplayHarness.AssertComplete(server);
    }

    [Test]
    public async Task Login_QuotedSpecials_AreEscaped()
    {
        var (client, server) = await ReplayHarness.ImapAsync(
        [
            ReplayStep.File("", "imap/courier/greeting.txt"),
            ReplayStep.Text("A00000000 LOGIN \"user name\" \"pa\\\"ss\\\\word\"\r\n", "A######## OK [CAPABILITY IMAP4rev1 IDLE] Ok.\r\n"),
        ]);

        await client.LoginAsync("user name", "pa\"ss\\word");

        ReplayHarness.AssertComplete(server);
    }

    [Test]
    public async Task Login_Rejected_ThrowsCommandExceptionAndStaysConnected()
    {
        var (client, server) = await ReplayHarness.ImapAsync(
        [
            ReplayStep.File("", "imap/courier/greeting.txt"),
            ReplayStep.Text("A00000000 LOGIN username wrong\r\n", "A######## NO [AUTHENTICATIONFAILED] Authentication failed.\r\n"),
            ReplayStep.Text("A00000001 LOGIN username password\r\n", "A######## OK [CAPABILITY IMAP4rev1 IDLE] Ok.\r\n"),
        ]);

        Assert.ThrowsAsync<ImapCommandException>(() => client.LoginAsync("username", "wrong"));
        Assert.That(client.IsConnected, Is.True);
        await client.LoginAsync("username", "password");

        Assert.That(client.IsAuthenticated, Is.True);
        ReplayHarness.AssertComplete(server);
    }

    [Test]
    public void Login_LoginDisabled_RefusesLocally()
    {
        Assert.ThrowsAsync<NotSupportedException>(async () =>
        {
            var (client, _) = await ReplayHarness.ImapAsync(
            [
                ReplayStep.Text("", "* OK [CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED] ready\r\n"),
            ]);
            await client.LoginAsync("username", "password");
        });
    }

    [Test]
    public async Task ProtocolLog_Authentication_MasksCredentials()
    {
        var log = new StringWriter();
        var (client, server) = await ReplayHarness.ImapAsync(
        [
            ReplayStep.File("", "imap/dovecot/greeting.txt"),
            ReplayStep.File($"A00000000 AUTHENTICATE PLAIN {Plain}\r\n", "imap/dovecot/authenticate.txt"),
        ],
        ReplayHarness.Options(log));
        await client.AuthenticateAsync(ReplayHarness.Credentials);

        var text = log.ToString();
        Assert.That(text, Does.Contain("C: A00000000 AUTHENTICATE PLAIN " + ProtocolLogger.Mask));
        Assert.That(text, Does.Not.Contain(Plain));
        Assert.That(text, Does.Contain("S: * OK [CAPABILITY"));
        ReplayHarness.AssertComplete(server);
    }

    [Test]
    public async Task ProtocolLog_LoginLiteral_MasksPassword()
    {
        var log = new StringWriter();
        var (client, _) = await ReplayHarness.ImapAsync(
        [
            ReplayStep.File("", "imap/courier/greeting.txt"),
            ReplayStep.Text("A00000000 LOGIN username {9}\r\n", "+ go\r\n"),
            ReplayStep.Text("pässword\r\n", "A######## OK [CAPABILITY IMAP4rev1] Ok.\r\n"),
        ],
        ReplayHarness.Options(log));

        await client.LoginAsync("username", "pässword");

        Assert.That(log.ToString(), Does.Not.Contain("pässword"));
        Assert.That(log.ToString(), Does.Contain(ProtocolLogger.Mask));
    }
}
