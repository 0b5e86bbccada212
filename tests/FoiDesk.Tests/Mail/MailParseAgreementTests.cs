using FoiDesk.Mail;
using MimeKit;

namespace FoiDesk.Tests.Mail;

/// <summary>
/// What <c>foidesk mail parse</c> prints (<see cref="MailReport"/>) agrees with plain MimeKit, for every message
/// of the corpus, on subject, from, date, Message-ID and text body (issue 14). Where FoiDesk deliberately adds
/// to MimeKit the test says how: uuencoded blocks leave the text body for the attachments, TNEF supplies a
/// text body where MimeKit has none, and input MimeKit refuses (no header block) is read as text.
/// </summary>
[Parallelizable(ParallelScope.All)]
public sealed class MailParseAgreementTests
{
    public static IEnumerable<string> Files() => Corpus.MessageFiles();

    [TestCaseSource(nameof(Files))]
    public void Report_CorpusMessage_AgreesWithPlainMimeKit(string file)
    {
        var bytes = Corpus.Read(file);
        using var read = MailReader.Read(bytes);
        var report = MailReport.Create(read);
        MimeMessage plain;
        try
        {
            plain = MimeMessage.Load(new MemoryStream(bytes));
        }
        catch (FormatException)
        {
            Assert.That(report.Warnings, Has.Some.StartsWith("no-headers"), "MimeKit refused it; we read it as text and say so");
            return;
        }

        using (plain)
        {
            Assert.That(report.Subject, Is.EqualTo(plain.Subject), "subject");
            Assert.That(report.From.Select(a => a.Address ?? ""), Is.EqualTo(plain.From.Mailboxes.Select(a => a.Address)), "from");
            Assert.That(report.Date, Is.EqualTo(plain.Date == DateTimeOffset.MinValue ? null : plain.Date.ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture)), "date");
            Assert.That(report.MessageId, Is.EqualTo(plain.MessageId), "message id");
            var uuencoded = read.Attachments.Any(a => a.Origin == "uuencode");
            if (plain.TextBody is null && read.Attachments.Any(a => a.Origin == "tnef") || uuencoded)
            {
                // Our text is MimeKit's less the uuencoded blocks, or the TNEF body where MimeKit has none.
                Assert.That(report.TextBody, Is.Not.Null);
                if (uuencoded)
                {
                    Assert.That(plain.TextBody, Does.Contain("begin "));
                    Assert.That(report.TextBody, Does.Not.Contain("\nend\n"));
                }
            }
            else
            {
                Assert.That(report.TextBody, Is.EqualTo(plain.TextBody), "text body");
            }
        }
    }
}
