using FoiDesk.Mail.Imap;
using FoiDesk.Mail.Tests.Replay;

namespace FoiDesk.Mail.Tests.Imap;

[TestFixture]
public sealed class ImapGreetingTests
{
    // Greetings with a CAPABILITY response code need no CAPABILITY command (RFC 9051 §7.1).
    [TestCase("imap/dovecot/greeting.txt", "LITERAL+", "PLAIN")]
    [TestCase("imap/cyrus/greeting.txt", "SASL-IR", "PLAIN")]
    [TestCase("imap/courier/greeting.txt", "IDLE", null)] // Courier announces no AUTH= before STARTTLS
    [TestCase("imap/uw/greeting.txt", "LITERAL+", "LOGIN")]
    [TestCase("imap/icloud/greeting.txt", "SASL-IR", "XOAUTH2")]
    [TestCase("imap/protonmail/greeting.txt", "STARTTLS", "LOGIN")]
    [TestCase("imap/qqmail/greeting.txt", "NAMESPACE", "LOGIN")]
    [TestCase("imap/strato.de/greeting.txt", "MOVE", "PLAIN")]
    [TestCase("imap/lowercase/greeting.txt", "SPECIAL-USE", null)]
    [TestCase("imap/common/capability-greeting.txt", "UNSELECT", "PLAIN")]
    public async Task Connect_GreetingWithCapabilityCode_ParsesWithoutAsking(string greeting, string capability, string? mechanism)
    {
        var (client, server) = await ReplayHarness.ImapAsync([ReplayStep.File("", greeting)]);

        Assert.That(client.Capabilities.Has(capability), Is.True, client.Capabilities.ToString());
        if (mechanism is not null)
        {
            Assert.That(client.Capabilities.AuthenticationMechanisms, Does.Contain(mechanism));
        }

        Assert.That(client.IsAuthenticated, Is.False);
        ReplayHarness.AssertComplete(server);
    }

    // A bare greeting: the client must ask for CAPABILITY itself.
    [TestCase("imap/common/basic-greeting.txt", "imap/common/capability.txt", "IMAP4REV1")]
    [TestCase("imap/smartermail/greeting.txt", "imap/courier/capability.txt", "UIDPLUS")]
    [TestCase("imap/cyrus/greeting.txt", null, "LITERAL+")]
    public async Task Connect_GreetingWithoutCapabilities_SendsCapability(string greeting, string? capabilityFile, string expected)
    {
        List<ReplayStep> steps = [ReplayStep.File("", greeting)];
        if (capabilityFile is not null)
        {
            steps.Add(ReplayStep.File("A00000000 CAPABILITY\r\n", capabilityFile));
        }

        var (client, server) = await ReplayHarness.ImapAsync(steps);

        Assert.That(client.Capabilities.Has(expected), Is.True);
        ReplayHarness.AssertComplete(server);
    }

    // PREAUTH greetings (RFC 9051 §7.1.4) start the session authenticated.
    [TestCase("imap/common/preauth-greeting.txt", true)]
    [TestCase("imap/common/preauth-capability-greeting.txt", false)]
    [TestCase("imap/uw/preauth-greeting.txt", false)]
    [TestCase("imap/dovecot/greeting-preauth.txt", false)]
    public async Task Connect_PreAuthGreeting_IsAuthenticated(string greeting, bool needsCapability)
    {
        List<ReplayStep> steps = [ReplayStep.File("", greeting)];
        if (needsCapability)
        {
            steps.Add(ReplayStep.File("A00000000 CAPABILITY\r\n", "imap/common/capability.txt"));
        }

        var (client, server) = await ReplayHarness.ImapAsync(steps);

        Assert.That(client.IsAuthenticated, Is.True);
        ReplayHarness.AssertComplete(server);
    }

    [Test]
    public void Connect_ByeGreeting_ThrowsProtocolExceptionAndDisconnects()
    {
        var client = new ImapClient(ReplayHarness.Options());
        var server = new ReplayStream([ReplayStep.Text("", "* BYE Too many connections from your IP\r\n")]);

        var ex = Assert.ThrowsAsync<ImapProtocolException>(() => client.ConnectAsync(server, "localhost", Net.MailSecurity.None));

        Assert.That(ex!.Message, Does.Contain("Too many connections"));
        Assert.That(client.IsConnected, Is.False);
    }

    [Test]
    public void Connect_StartTlsRequiredButNotOffered_Refuses()
    {
        var client = new ImapClient(ReplayHarness.Options());
        var server = new ReplayStream([ReplayStep.File("", "imap/dovecot/greeting.txt")]);

        Assert.ThrowsAsync<NotSupportedException>(() => client.ConnectAsync(server, "localhost", Net.MailSecurity.StartTls));
        Assert.That(client.IsConnected, Is.False);
    }
}
