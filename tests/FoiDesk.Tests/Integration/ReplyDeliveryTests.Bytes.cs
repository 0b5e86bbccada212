using System.Security.Cryptography;
using Dapper;
using FoiDesk.Mail;
using FoiDesk.Replies;
using FoiDesk.Tests.Database;
using FoiDesk.Tests.Support;

namespace FoiDesk.Tests.Integration;

/// <summary>
/// Issue 14 item 3: the outbox keeps the exact bytes written, and those are the bytes delivered. The letter goes
/// through the real Postfix (SMTP) and Dovecot (LMTP into a maildir) and is read back over IMAP, byte for byte.
/// </summary>
public sealed partial class ReplyDeliveryTests
{
    private const string RoundTrip = "roundtrip";

    [Test]
    public async Task Outbox_LetterWithAttachmentThroughPostfix_ReceivedBodyHashAndEveryHeaderMatchTheStoredBytes()
    {
        var time = new ManualTime(new DateTimeOffset(2025, 3, 20, 11, 0, 0, TimeSpan.Zero));
        var (db, caseId, _) = await OpenSeedCaseAsync(await TestCluster.CreateDatabaseAsync(), time);
        await using var _ = db;
        // Binary content (every byte value) and a non-ASCII file name and subject: each needs encoding, so a
        // client that re-encoded on the way would change the bytes.
        var binary = Enumerable.Range(0, 4096).Select(i => (byte)(i * 7 % 256)).ToArray();
        long id;
        await using (var conn = await db.OpenConnectionAsync())
        await using (var tx = await conn.BeginTransactionAsync())
        {
            id = await new Outbox(time, "foi@wexbridge.example", "FOI team").EnqueueAsync(conn, tx, new OutboxLetter
            {
                CaseId = caseId,
                Letter = "response",
                ToAddress = MailServers.Address(RoundTrip),
                ToName = "Siân Requester",
                Subject = "Ymateb i'ch cais – Freedom of Information response with a long subject that must be folded somewhere",
                TextBody = "Dyma'r wybodaeth. Here is the information (£0 charged).\n" + string.Concat(Enumerable.Repeat("A line of text. ", 120)),
                HtmlBody = "<p>Dyma'r wybodaeth. Here is the information (&pound;0 charged).</p>",
                InReplyTo = "request-972166-abcd1234-seed@whatdotheyknow.com",
                References = ["request-972166-abcd1234-seed@whatdotheyknow.com"],
                Attachments = [new OutgoingAttachment { FileName = "tâbl-data.bin", ContentType = "application/octet-stream", Content = binary }],
            }, "test", CancellationToken.None);
            await tx.CommitAsync();
        }

        var run = await Sender(db, time).SendDueAsync(10, CancellationToken.None);
        var received = await WaitForMessagesAsync(RoundTrip, 1, TimeSpan.FromSeconds(30));

        Assert.That(run, Is.EqualTo(new OutboxRun(1, 0, 0)), _servers.DescribeLogs());
        Assert.That(received, Has.Count.EqualTo(1), _servers.DescribeLogs());
        await using var check = await db.OpenConnectionAsync();
        var stored = await check.QuerySingleAsync<byte[]>("select raw from outgoing_message where id = @id", new { id });
        var (storedHeaders, storedBody) = Split(stored);
        var (receivedHeaders, receivedBody) = Split(received[0]);
        Assert.That(Convert.ToHexString(SHA256.HashData(receivedBody)), Is.EqualTo(Convert.ToHexString(SHA256.HashData(storedBody))), "body hash");
        // Postfix (Received) and Dovecot (Return-Path, Delivered-To) add trace fields at the top (RFC 5321 4.4);
        // every header we wrote follows them, byte for byte, folding included, in our order.
        Assert.That(receivedHeaders.AsSpan().EndsWith(storedHeaders), Is.True,
            $"stored header block:\n{System.Text.Encoding.ASCII.GetString(storedHeaders)}\nreceived header block:\n{System.Text.Encoding.ASCII.GetString(receivedHeaders)}");
        var added = System.Text.Encoding.ASCII.GetString(receivedHeaders, 0, receivedHeaders.Length - storedHeaders.Length);
        Assert.That(added, Does.Contain("Received: from"), "Postfix's trace field is above ours");
        using var message = MailReader.Read(received[0]);
        var attachment = message.Mime.Attachments.OfType<MimeKit.MimePart>().Single();
        using var decoded = new MemoryStream();
        attachment.Content!.DecodeTo(decoded);
        Assert.That(attachment.FileName, Is.EqualTo("tâbl-data.bin"));
        Assert.That(decoded.ToArray(), Is.EqualTo(binary));
    }

    /// <summary>The header block (through the CRLF ending its last field) and the body after the blank line.</summary>
    private static (byte[] Headers, byte[] Body) Split(byte[] message)
    {
        var blank = message.AsSpan().IndexOf("\r\n\r\n"u8);
        Assert.That(blank, Is.GreaterThan(0), "a CRLF header block ended by a blank line");
        return (message[..(blank + 2)], message[(blank + 4)..]);
    }
}
