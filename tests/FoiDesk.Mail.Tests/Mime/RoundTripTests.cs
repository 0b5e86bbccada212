using System.Text;
using FoiDesk.Mail.Mime;
using FoiDesk.Mail.Mime.Writing;

namespace FoiDesk.Mail.Tests.Mime;

/// <summary>parse(write(m)) gives back m for every field the model carries, over seeded random messages.</summary>
public sealed class RoundTripTests
{
    private static readonly string[] Words =
    [
        "request", "FOI", "Cyngor", "ŵyl", "Überprüfung", "žádost", "запрос", "信息公开", "情報", "طلب", "emoji😀", "naïve",
        "“quoted”", "a,b", "x.y", "semi;colon", "<angle>", "=?fake?=", "back\\slash", "\"dq\"", "(paren)", "tab\there", "100%",
    ];

    private static readonly string[] Types = ["application/pdf", "image/png", "application/octet-stream", "text/csv", "application/vnd.ms-excel"];

    public static IEnumerable<int> Seeds() => Enumerable.Range(1, 200);

    [TestCaseSource(nameof(Seeds))]
    public void ParseWrite_RandomMessage_RoundTrips(int seed)
    {
        var rng = new Random(seed);
        var m = Generate(rng);
        using var parsed = MimeParser.Parse(MimeWriter.Write(m));

        Assert.That(parsed.Subject, Is.EqualTo(m.Subject), "subject");
        Assert.That(parsed.Date, Is.EqualTo(m.Date), "date");
        Assert.That(parsed.MessageId, Is.EqualTo(m.MessageId), "message id");
        Assert.That(parsed.InReplyTo, Is.EqualTo(m.InReplyTo), "in-reply-to");
        Assert.That(parsed.References, Is.EqualTo(m.References), "references");
        Assert.That(parsed.From, Is.EqualTo(m.From), "from");
        Assert.That(parsed.To, Is.EqualTo(m.To), "to");
        Assert.That(parsed.Cc, Is.EqualTo(m.Cc), "cc");
        Assert.That(parsed.Bcc, Is.EqualTo(m.Bcc), "bcc");
        Assert.That(parsed.ReplyTo, Is.EqualTo(m.ReplyTo), "reply-to");
        Assert.That(parsed.TextBody, Is.EqualTo(m.TextBody?.ReplaceLineEndings("\r\n")), "text");
        Assert.That(parsed.HtmlBody, Is.EqualTo(m.HtmlBody?.ReplaceLineEndings("\r\n")), "html");
        var inline = m.Attachments.Where(a => a.Inline && a.ContentId is not null && m.HtmlBody is not null);
        var expected = inline.Concat(m.Attachments.Except(inline))
            .Select(a => (a.FileName, a.ContentType, a.ContentId, a.Inline, Convert.ToHexString(a.Content)));
        var actual = parsed.Attachments
            .Select(a => (a.FileName, a.ContentType, a.ContentId, a.IsInline, Convert.ToHexString(a.Content.ToArray())));
        Assert.That(actual, Is.EqualTo(expected), "attachments");
        Assert.That(parsed.Warnings, Is.Empty);
    }

    private static OutgoingMessage Generate(Random rng)
    {
        var hasText = rng.Next(4) != 0;
        var hasHtml = !hasText || rng.Next(2) == 0;
        return new OutgoingMessage
        {
            From = [Mailbox(rng, 0)],
            To = [.. Enumerable.Range(1, rng.Next(1, 4)).Select(i => Mailbox(rng, i))],
            Cc = [.. Enumerable.Range(10, rng.Next(0, 3)).Select(i => Mailbox(rng, i))],
            Bcc = [.. Enumerable.Range(20, rng.Next(0, 2)).Select(i => Mailbox(rng, i))],
            ReplyTo = rng.Next(3) == 0 ? [Mailbox(rng, 30)] : [],
            Subject = Phrase(rng, rng.Next(1, 40)),
            Date = new DateTimeOffset(2000 + rng.Next(40), rng.Next(1, 13), rng.Next(1, 29), rng.Next(24), rng.Next(60), rng.Next(60), TimeSpan.FromMinutes(rng.Next(-48, 56) * 15)),
            MessageId = $"{rng.Next():x}.{rng.Next():x}@foidesk.example",
            InReplyTo = rng.Next(2) == 0 ? $"{rng.Next():x}@requester.example" : null,
            References = [.. Enumerable.Range(0, rng.Next(0, 12)).Select(i => $"{rng.Next():x}{i}@thread.example")],
            TextBody = hasText ? Body(rng) : null,
            HtmlBody = hasHtml ? "<html><body><p>" + Body(rng).Replace("\n", "<br>\n", StringComparison.Ordinal) + "</p></body></html>" : null,
            Attachments = [.. Enumerable.Range(0, rng.Next(0, 4)).Select(i => Attachment(rng, i))],
        };
    }

    private static MailboxAddress Mailbox(Random rng, int i)
    {
        var name = rng.Next(3) == 0 ? null : Phrase(rng, rng.Next(1, 5));
        return new MailboxAddress(name, $"user{i}.{rng.Next(1000)}@example{rng.Next(5)}.org");
    }

    private static string Phrase(Random rng, int words) =>
        string.Join(" ", Enumerable.Range(0, words).Select(_ => Words[rng.Next(Words.Length)]));

    private static string Body(Random rng)
    {
        var sb = new StringBuilder();
        var lines = rng.Next(0, 30);
        for (var i = 0; i < lines; i++)
        {
            var line = Phrase(rng, rng.Next(0, rng.Next(10) == 0 ? 400 : 15));
            sb.Append(line);
            if (rng.Next(5) == 0)
            {
                sb.Append("  "); // trailing spaces must survive quoted-printable
            }

            sb.Append(rng.Next(3) == 0 ? "\r\n" : "\n");
        }

        if (rng.Next(2) == 0)
        {
            sb.Append("no newline at the end =3D --boundary-like");
        }

        return sb.ToString();
    }

    private static OutgoingAttachment Attachment(Random rng, int i)
    {
        var content = new byte[rng.Next(0, 5000)];
        rng.NextBytes(content);
        var name = rng.Next(4) == 0 ? string.Concat(Enumerable.Repeat("très-long-nom-ŵ-", rng.Next(1, 8))) + i + ".pdf" : Phrase(rng, 2) + i + ".bin";
        var inline = rng.Next(3) == 0;
        return new OutgoingAttachment
        {
            FileName = name,
            ContentType = Types[rng.Next(Types.Length)],
            Content = content,
            Inline = inline,
            ContentId = inline ? $"img{i}.{rng.Next()}@foidesk.example" : null,
        };
    }
}
