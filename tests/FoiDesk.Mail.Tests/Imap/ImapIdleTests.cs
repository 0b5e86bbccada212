using FoiDesk.Mail.Imap;
using FoiDesk.Mail.Tests.Replay;

namespace FoiDesk.Mail.Tests.Imap;

[TestFixture]
public sealed class ImapIdleTests
{
    private static async Task<(ImapClient Client, ReplayStream Server)> ExaminedAsync(TimeSpan restart, params ReplayStep[] more)
    {
        var server = new ReplayStream(
        [
            ReplayStep.File("", "imap/dovecot/greeting-preauth.txt"),
            ReplayStep.File("A00000000 EXAMINE INBOX\r\n", "imap/dovecot/examine-folder.txt"),
            .. more,
        ]);
        var client = new ImapClient(ReplayHarness.Options()) { IdleRestartInterval = restart };
        await client.ConnectAsync(server, "localhost", Net.MailSecurity.None);
        await client.ExamineAsync("INBOX");
        return (client, server);
    }

    [Test]
    [Description("Dovecot's NOTIFY transcript: STATUS, LIST and METADATA are skipped; EXISTS ends the IDLE with DONE.")]
    public async Task Idle_NewMessageArrives_SendsDoneAndReportsIt()
    {
        var (client, server) = await ExaminedAsync(
            TimeSpan.FromMinutes(29),
            ReplayStep.File("A00000001 IDLE\r\n", "imap/dovecot/notify-idle.txt"),
            ReplayStep.File("DONE\r\n", "imap/dovecot/notify-idle-done.txt"));

        var changes = await client.IdleAsync();

        Assert.That(changes.NewMessages, Is.True);
        Assert.That(changes.Exists, Is.EqualTo(1u));
        Assert.That(changes.TimedOut, Is.False);
        Assert.That(client.IsConnected, Is.True);
        ReplayHarness.AssertComplete(server);
    }

    [Test]
    [Description("RFC 2177: IDLE is re-issued before the server's 30-minute inactivity timer; here the interval is short.")]
    public async Task WaitForNewMessages_QuietInterval_ReissuesIdle()
    {
        var (client, server) = await ExaminedAsync(
            TimeSpan.FromMilliseconds(100),
            ReplayStep.Text("A00000001 IDLE\r\n", "+ idling\r\n"),
            ReplayStep.Text("DONE\r\n", "A######## OK Idle completed.\r\n"),
            ReplayStep.Text("A00000002 IDLE\r\n", "+ idling\r\n* 1 EXISTS\r\n* 1 RECENT\r\n"),
            ReplayStep.Text("DONE\r\n", "A######## OK Idle completed.\r\n"));

        var changes = await client.WaitForNewMessagesAsync();

        Assert.That(changes.NewMessages, Is.True);
        Assert.That(server.ReceivedCommands.Count(c => c.EndsWith(" IDLE\r\n", StringComparison.Ordinal)), Is.EqualTo(2));
        ReplayHarness.AssertComplete(server);
    }

    [Test]
    public async Task Idle_Cancelled_EndsCleanlyAndKeepsConnection()
    {
        var (client, server) = await ExaminedAsync(
            TimeSpan.FromMinutes(29),
            ReplayStep.Text("A00000001 IDLE\r\n", "+ idling\r\n"),
            ReplayStep.Text("DONE\r\n", "A######## OK Idle completed.\r\n"),
            ReplayStep.File("A00000002 NOOP\r\n", "imap/dovecot/noop+alert.txt"));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(150));

        Assert.CatchAsync<OperationCanceledException>(() => client.IdleAsync(cts.Token));

        Assert.That(client.IsConnected, Is.True);
        await client.NoopAsync();
        ReplayHarness.AssertComplete(server);
    }

    [Test]
    public async Task Idle_NotOffered_FallsBackToNoop()
    {
        var server = new ReplayStream(
        [
            ReplayStep.File("", "imap/common/preauth-capability-greeting.txt"),
            ReplayStep.File("A00000000 SELECT INBOX\r\n", "imap/common/select-inbox.txt"),
            ReplayStep.Text("A00000001 NOOP\r\n", "* 9 EXISTS\r\nA######## OK NOOP completed\r\n"),
        ]);
        var client = new ImapClient(ReplayHarness.Options());
        await client.ConnectAsync(server, "localhost", Net.MailSecurity.None);
        await client.SelectAsync("INBOX");

        var changes = await client.IdleAsync();

        Assert.That(changes.NewMessages, Is.True);
        Assert.That(changes.Exists, Is.EqualTo(9u));
        ReplayHarness.AssertComplete(server);
    }
}
