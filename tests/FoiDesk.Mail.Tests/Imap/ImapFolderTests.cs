using System.Text;
using FoiDesk.Mail.Imap;
using FoiDesk.Mail.Tests.Replay;

namespace FoiDesk.Mail.Tests.Imap;

[TestFixture]
public sealed class ImapFolderTests
{
    private static readonly ReplayStep DovecotGreeting = ReplayStep.File("", "imap/dovecot/greeting.txt");
    private static readonly ReplayStep DovecotLogin =
        ReplayStep.File($"A00000000 AUTHENTICATE PLAIN {ReplayHarness.PlainUserPass}\r\n", "imap/dovecot/authenticate.txt");

    private static async Task<(ImapClient Client, ReplayStream Server)> DovecotAsync(params ReplayStep[] more)
    {
        var (client, server) = await ReplayHarness.ImapAsync([DovecotGreeting, DovecotLogin, .. more]);
        await client.AuthenticateAsync(ReplayHarness.Credentials);
        return (client, server);
    }

    /// <summary>Courier has UIDPLUS but neither MOVE nor ESEARCH: the fallbacks' server.</summary>
    private static async Task<(ImapClient Client, ReplayStream Server)> CourierAsync(params ReplayStep[] more)
    {
        var (client, server) = await ReplayHarness.ImapAsync(
        [
            ReplayStep.File("", "imap/courier/greeting.txt"),
            ReplayStep.Text("A00000000 LOGIN username password\r\n", "A######## OK LOGIN Ok.\r\n"),
            ReplayStep.File("A00000001 CAPABILITY\r\n", "imap/courier/capability.txt"),
            .. more,
        ]);
        await client.AuthenticateAsync(ReplayHarness.Credentials);
        return (client, server);
    }

    [TestCase("imap/common/select-inbox.txt", 1436832084u, 9u, 8u, 2ul)]
    [TestCase("imap/common/select-inbox-no-modseq.txt", 1436832084u, 9u, 8u, 0ul)]
    [TestCase("imap/dovecot/select-unittests-messages-qresync.txt", 1436832084u, 9u, 7u, 6ul)] // FETCH and VANISHED mixed in
    [TestCase("imap/dovecot/select-unittests-destination.txt", 1436832128u, 15u, 14u, 3ul)] // [CLOSED] first
    public async Task Select_RecordedResponse_ReportsUidValidityAndUidNext(string file, uint uidValidity, uint uidNext, uint exists, ulong modSeq)
    {
        var (client, server) = await DovecotAsync(ReplayStep.File("A00000001 SELECT INBOX\r\n", file));

        var folder = await client.SelectAsync("INBOX");

        Assert.That(folder.UidValidity, Is.EqualTo(uidValidity));
        Assert.That(folder.UidNext, Is.EqualTo(uidNext));
        Assert.That(folder.Exists, Is.EqualTo(exists));
        Assert.That(folder.HighestModSeq, Is.EqualTo(modSeq));
        Assert.That(folder.ReadOnly, Is.False);
        Assert.That(folder.PermanentFlags, Does.Contain("\\*"));
        Assert.That(client.SelectedFolder, Is.EqualTo(folder));
        ReplayHarness.AssertComplete(server);
    }

    [Test]
    public async Task Examine_Dovecot_IsReadOnly()
    {
        var (client, server) = await DovecotAsync(ReplayStep.File("A00000001 EXAMINE \"Sent Messages\"\r\n", "imap/dovecot/examine-folder.txt"));

        var folder = await client.ExamineAsync("Sent Messages");

        Assert.That(folder.ReadOnly, Is.True);
        Assert.That(folder.UidValidity, Is.EqualTo(1543354378u));
        Assert.That(folder.Exists, Is.Zero);
        ReplayHarness.AssertComplete(server);
    }

    [Test]
    public async Task Select_NonAsciiName_UsesModifiedUtf7()
    {
        var (client, server) = await DovecotAsync(ReplayStep.File("A00000001 SELECT Ymateb&AP8-ion\r\n", "imap/common/select-inbox.txt"));

        await client.SelectAsync("Ymatebÿion");

        ReplayHarness.AssertComplete(server);
    }

    [Test]
    public async Task Select_Refused_LeavesNothingSelectedAndConnectionUsable()
    {
        var (client, server) = await DovecotAsync(
            ReplayStep.File("A00000001 SELECT INBOX\r\n", "imap/common/select-inbox.txt"),
            ReplayStep.Text("A00000002 SELECT Missing\r\n", "A######## NO [NONEXISTENT] Mailbox doesn't exist: Missing\r\n"),
            ReplayStep.File("A00000003 NOOP\r\n", "imap/dovecot/noop+alert.txt"));
        await client.SelectAsync("INBOX");

        var ex = Assert.ThrowsAsync<ImapCommandException>(() => client.SelectAsync("Missing"));

        Assert.That(ex!.Response.Code?.Name, Is.EqualTo("NONEXISTENT"));
        Assert.That(client.SelectedFolder, Is.Null);
        await client.NoopAsync();
        ReplayHarness.AssertComplete(server);
    }

    // ESEARCH servers get RETURN (ALL) and answer with a compact set (RFC 4731).
    [TestCase("imap/dovecot/search-uids.txt", 14, 1u, 14u)]
    [TestCase("imap/dovecot/search-uids-options.txt", 10, 2u, 13u)]
    [TestCase("imap/dovecot/optimized-search.txt", 7, 1u, 7u)]
    public async Task UidSearch_ESearchServer_ParsesUidSet(string file, int count, uint first, uint last)
    {
        var (client, server) = await DovecotAsync(
            ReplayStep.File("A00000001 SELECT INBOX\r\n", "imap/common/select-inbox.txt"),
            ReplayStep.File("A00000002 UID SEARCH RETURN (ALL) ALL\r\n", file));
        await client.SelectAsync("INBOX");

        var uids = await client.UidSearchAsync("ALL");

        Assert.That(uids, Has.Count.EqualTo(count));
        Assert.That(uids[0], Is.EqualTo(first));
        Assert.That(uids[^1], Is.EqualTo(last));
        ReplayHarness.AssertComplete(server);
    }

    [Test]
    public async Task UidSearch_PlainSearchServer_ParsesListAndIgnoresModSeq()
    {
        var (client, server) = await CourierAsync(
            ReplayStep.File("A00000002 SELECT INBOX\r\n", "imap/common/select-inbox.txt"),
            ReplayStep.File("A00000003 UID SEARCH UNSEEN\r\n", "imap/dovecot/search-raw.txt"));
        await client.SelectAsync("INBOX");

        var uids = await client.UidSearchAsync("UNSEEN");

        Assert.That(uids, Is.EqualTo(Enumerable.Range(1, 14).Select(i => (uint)i)));
        ReplayHarness.AssertComplete(server);
    }

    [Test]
    public async Task UidFetchMessage_Dovecot_StreamsLiteralBytesExactly()
    {
        var (client, server) = await DovecotAsync(
            ReplayStep.File("A00000001 SELECT INBOX\r\n", "imap/common/select-inbox.txt"),
            ReplayStep.File("A00000002 UID FETCH 1 BODY.PEEK[]\r\n", "imap/dovecot/getbodypart.txt"));
        await client.SelectAsync("INBOX");
        using var destination = new MemoryStream();

        var size = await client.UidFetchMessageAsync(1, destination);

        var expected = "From: Unit Tests <unit-tests@mimekit.net>\r\nDate: Sun, 02 Oct 2016 17:56:45 -0400\r\nSubject: A\r\n"
            + "Message-Id: <a@mimekit.net>\r\nTo: Unit Tests <unit-tests@mimekit.net>\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\n\r\nThis is the message body.\r\n";
        Assert.That(size, Is.EqualTo(253));
        Assert.That(Encoding.ASCII.GetString(destination.ToArray()), Is.EqualTo(expected));
        ReplayHarness.AssertComplete(server);
    }

    [Test]
    [Description("A server that answers with several bodies: only the first reaches the caller's stream.")]
    public async Task UidFetchMessage_SeveralBodiesInAnswer_WritesOnlyTheFirst()
    {
        var (client, server) = await DovecotAsync(
            ReplayStep.File("A00000001 SELECT INBOX\r\n", "imap/common/select-inbox.txt"),
            ReplayStep.File("A00000002 UID FETCH 1 BODY.PEEK[]\r\n", "imap/dovecot/getstreams1.txt"));
        await client.SelectAsync("INBOX");
        using var destination = new MemoryStream();

        var size = await client.UidFetchMessageAsync(1, destination);

        Assert.That(size, Is.EqualTo(68));
        Assert.That(Encoding.ASCII.GetString(destination.ToArray()), Is.EqualTo("This is some dummy text just to make sure this is working correctly."));
        ReplayHarness.AssertComplete(server);
    }

    [Test]
    [Description("UID after the body (getstreams2): the UID check happens once the response is complete.")]
    public async Task UidFetchMessage_UidAfterBodyMismatch_ThrowsProtocolException()
    {
        var (client, _) = await DovecotAsync(
            ReplayStep.File("A00000001 SELECT INBOX\r\n", "imap/common/select-inbox.txt"),
            ReplayStep.File("A00000002 UID FETCH 2 BODY.PEEK[]\r\n", "imap/dovecot/getstreams2.txt"));
        await client.SelectAsync("INBOX");

        Assert.ThrowsAsync<ImapProtocolException>(() => client.UidFetchMessageAsync(2, Stream.Null));
        Assert.That(client.IsConnected, Is.False);
    }

    // Responses full of items the client does not ask for (ENVELOPE, BODYSTRUCTURE, header literals, vendor lists
    // with embedded literals) must be skipped without losing sync.
    [TestCase("imap/dovecot/fetch1.txt")]
    [TestCase("imap/dovecot/fetch3.txt")]
    [TestCase("imap/common/fetch-annotations.txt")]
    public async Task UidFetchMessage_AnswerWithoutBody_ReturnsNullAndStaysInSync(string file)
    {
        var (client, server) = await DovecotAsync(
            ReplayStep.File("A00000001 SELECT INBOX\r\n", "imap/common/select-inbox.txt"),
            ReplayStep.File("A00000002 UID FETCH 99 BODY.PEEK[]\r\n", file),
            ReplayStep.File("A00000003 NOOP\r\n", "imap/dovecot/noop+alert.txt"));
        await client.SelectAsync("INBOX");

        var size = await client.UidFetchMessageAsync(99, Stream.Null);
        await client.NoopAsync();

        Assert.That(size, Is.Null);
        ReplayHarness.AssertComplete(server);
    }

    [Test]
    public async Task UidStoreFlags_Deleted_SendsSilentStore()
    {
        var (client, server) = await DovecotAsync(
            ReplayStep.File("A00000001 SELECT INBOX\r\n", "imap/common/select-inbox.txt"),
            ReplayStep.File("A00000002 UID STORE 8 +FLAGS.SILENT (\\Deleted)\r\n", "imap/dovecot/store-deleted.txt"),
            ReplayStep.File("A00000003 UID STORE 1:3 -FLAGS.SILENT (\\Seen $Imported)\r\n", "imap/dovecot/store-answered.txt"));
        await client.SelectAsync("INBOX");

        await client.UidStoreFlagsAsync([8], ["\\Deleted"]);
        await client.UidStoreFlagsAsync([3, 1, 2], ["\\Seen", "$Imported"], remove: true);

        ReplayHarness.AssertComplete(server);
    }

    [TestCase("bad flag")]
    [TestCase("\\")]
    [TestCase("(x)")]
    public void UidStoreFlags_InvalidFlag_Throws(string flag)
    {
        Assert.ThrowsAsync<ArgumentException>(async () =>
        {
            var (client, _) = await DovecotAsync(ReplayStep.File("A00000001 SELECT INBOX\r\n", "imap/common/select-inbox.txt"));
            await client.SelectAsync("INBOX");
            await client.UidStoreFlagsAsync([1], [flag]);
        });
    }

    [Test]
    public async Task UidMove_MoveOffered_UsesUidMoveAndReadsCopyUid()
    {
        var (client, server) = await DovecotAsync(
            ReplayStep.File("A00000001 SELECT INBOX\r\n", "imap/common/select-inbox.txt"),
            ReplayStep.File("A00000002 UID MOVE 1:7 UnitTests.Destination\r\n", "imap/dovecot/move.txt"));
        await client.SelectAsync("INBOX");

        var result = await client.UidMoveAsync([1, 2, 3, 4, 5, 6, 7], "UnitTests.Destination");

        Assert.That(result, Is.Not.Null);
        Assert.That(result!.DestinationUidValidity, Is.EqualTo(1436832101u));
        Assert.That(result.DestinationUids, Is.EqualTo(new uint[] { 8, 9, 10, 11, 12, 13, 14 }));
        ReplayHarness.AssertComplete(server);
    }

    [Test]
    public async Task UidMove_NoMoveCapability_CopiesFlagsAndExpungesOnlyThoseUids()
    {
        var (client, server) = await CourierAsync(
            ReplayStep.File("A00000002 SELECT INBOX\r\n", "imap/common/select-inbox.txt"),
            ReplayStep.File("A00000003 UID COPY 1:7 UnitTests.Destination\r\n", "imap/dovecot/copy.txt"),
            ReplayStep.File("A00000004 UID STORE 1:7 +FLAGS.SILENT (\\Deleted)\r\n", "imap/dovecot/store-seen.txt"),
            ReplayStep.File("A00000005 UID EXPUNGE 1:7\r\n", "imap/dovecot/expunge.txt"));
        await client.SelectAsync("INBOX");

        var result = await client.UidMoveAsync([1, 2, 3, 4, 5, 6, 7], "UnitTests.Destination");

        Assert.That(result!.DestinationUids, Is.EqualTo(new uint[] { 1, 2, 3, 4, 5, 6, 7 }));
        ReplayHarness.AssertComplete(server);
    }

    [Test]
    public async Task Noop_Alert_ReachesTheLog()
    {
        var log = new StringWriter();
        var (client, server) = await ReplayHarness.ImapAsync(
        [
            DovecotGreeting,
            ReplayStep.File("A00000000 NOOP\r\n", "imap/dovecot/noop+alert.txt"),
        ],
        ReplayHarness.Options(log));

        await client.NoopAsync();

        Assert.That(log.ToString(), Does.Contain("server alert: System shutdown in 10 minutes"));
        ReplayHarness.AssertComplete(server);
    }

    [TestCase("*\r\n")]
    [TestCase("* 7\r\n")]
    [TestCase("* XYZZY (a {3}\r\nb c) d\r\n")] // unknown response with a literal inside a list
    [Description("A truncated or unknown untagged line must not swallow the response after it.")]
    public async Task Noop_OddUntaggedLine_NextResponseStillApplied(string odd)
    {
        var (client, server) = await DovecotAsync(
            ReplayStep.File("A00000001 SELECT INBOX\r\n", "imap/common/select-inbox.txt"),
            ReplayStep.Text("A00000002 NOOP\r\n", odd + "* 9 EXISTS\r\nA######## OK NOOP completed\r\n"));
        await client.SelectAsync("INBOX");

        var changes = await client.NoopAsync();

        Assert.That(changes.Exists, Is.EqualTo(9u));
        Assert.That(changes.NewMessages, Is.True);
        ReplayHarness.AssertComplete(server);
    }

    [Test]
    public async Task Command_ServerClosesMidResponse_ThrowsProtocolExceptionAndDisconnects()
    {
        var (client, _) = await DovecotAsync(
            ReplayStep.Text("A00000001 SELECT INBOX\r\n", "* 3 EXISTS\r\n* OK [UIDVALIDITY 1"));

        Assert.ThrowsAsync<ImapProtocolException>(() => client.SelectAsync("INBOX"));
        Assert.That(client.IsConnected, Is.False);
    }

    [Test]
    public async Task Command_ServerSilent_TimesOutAsProtocolException()
    {
        var server = new ReplayStream([DovecotGreeting, ReplayStep.Text("A00000000 NOOP\r\n", string.Empty), ReplayStep.Text("never", string.Empty)]);
        var client = new ImapClient(ReplayHarness.Options(timeout: TimeSpan.FromMilliseconds(300)));
        await client.ConnectAsync(server, "localhost", Net.MailSecurity.None);

        var ex = Assert.ThrowsAsync<ImapProtocolException>(() => client.NoopAsync());

        Assert.That(ex!.InnerException, Is.InstanceOf<TimeoutException>());
        Assert.That(client.IsConnected, Is.False);
    }

    [Test]
    public async Task Command_Cancelled_ThrowsAndDisconnects()
    {
        var server = new ReplayStream([DovecotGreeting, ReplayStep.Text("A00000000 NOOP\r\n", string.Empty), ReplayStep.Text("never", string.Empty)]);
        var client = new ImapClient(ReplayHarness.Options());
        await client.ConnectAsync(server, "localhost", Net.MailSecurity.None);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        Assert.CatchAsync<OperationCanceledException>(() => client.NoopAsync(cts.Token));
        Assert.That(client.IsConnected, Is.False);
    }
}
