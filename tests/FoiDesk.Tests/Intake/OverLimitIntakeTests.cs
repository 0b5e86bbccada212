using System.Text;
using Dapper;
using FoiDesk.Intake;
using Microsoft.Extensions.Logging.Abstractions;

namespace FoiDesk.Tests.Intake;

/// <summary>
/// A message over the parse limits is stored raw, listed under "could not be read" with the reason, and the
/// messages behind it in the same intake pass are read as usual (issue 14 item 2). Against real PostgreSQL.
/// </summary>
public sealed class OverLimitIntakeTests
{
    [Test]
    public async Task RunOnce_MessageNestedBeyondLimit_StoredRawFailedWithReason_OthersBehindItOpen()
    {
        await using var t = await IntakeDb.CreateAsync();
        var inbox = Directory.CreateTempSubdirectory("foidesk-overlimit-").FullName;
        try
        {
            // 70 nested multiparts: beyond MailLimits.MaxDepth (64), a parser-exhaustion shape, small on the wire.
            var deep = new StringBuilder("From: odd@example.org\nSubject: Nested\nMessage-ID: <deep@example.org>\n");
            for (var i = 0; i < 70; i++)
            {
                deep.Append(System.Globalization.CultureInfo.InvariantCulture, $"Content-Type: multipart/mixed; boundary=\"b{i}\"\n\n--b{i}\n");
            }

            deep.Append("Content-Type: text/plain\n\nhello\n");
            var files = new (string Name, string Mail)[]
            {
                ("1-first.eml", IntakeDb.Request("a@example.org", "Potholes", "p1@example.org", "How many potholes were repaired in 2025?")),
                ("2-deep.eml", deep.ToString()),
                ("3-last.eml", IntakeDb.Request("b@example.org", "Libraries", "l1@example.org", "How many libraries closed in 2025?")),
            };
            var written = new Dictionary<string, byte[]>();
            for (var i = 0; i < files.Length; i++)
            {
                var path = Path.Combine(inbox, files[i].Name);
                written[files[i].Name] = Encoding.UTF8.GetBytes(files[i].Mail.ReplaceLineEndings("\r\n"));
                await File.WriteAllBytesAsync(path, written[files[i].Name]);
                // The drop folder reads oldest first: the over-limit message sits between the two requests.
                File.SetLastWriteTimeUtc(path, new DateTime(2025, 6, 2, 9, i, 0, DateTimeKind.Utc));
            }

            var runner = new IntakeRunner(t.Processor, t.Db, NullLogger<IntakeRunner>.Instance);
            var counts = await runner.RunOnceAsync(new DropFolderSource(inbox, Path.Combine(inbox, "processed")), CancellationToken.None);

            Assert.That((counts.Opened, counts.Failed), Is.EqualTo((2, 1)));
            Assert.That(Directory.EnumerateFiles(inbox, "*.eml"), Is.Empty, "all three acknowledged: nothing is left to block the next pass");
            var queue = await new FoiDesk.Cases.Triage(t.Cases).QueueAsync(CancellationToken.None);
            var failed = queue.Failed.Single();
            Assert.That(failed.ParseError, Does.Contain("nesting depth"), "the reason is shown under 'could not be read'");
            Assert.That(queue.NewCases.Select(c => c.Subject), Is.EquivalentTo(new[] { "Potholes", "Libraries" }));
            await using var conn = await t.Db.OpenConnectionAsync();
            Assert.That(await conn.ExecuteScalarAsync<byte[]>("select bytes from raw_email where id = @RawEmailId", new { failed.RawEmailId }),
                Is.EqualTo(written["2-deep.eml"]), "stored raw, byte for byte");
        }
        finally
        {
            Directory.Delete(inbox, recursive: true);
        }
    }
}
