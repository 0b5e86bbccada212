using System.Text;
using FoiDesk.Mail.Mime;
using FoiDesk.Mail.Mime.Writing;

namespace FoiDesk.Mail.Tests.Mime;

public sealed class MimeWriterTests
{
    private static OutgoingMessage Simple() => new()
    {
        From = [new MailboxAddress("FOI Team", "foi@council.example")],
        To = [new MailboxAddress(null, "requester@example.org")],
        Subject = "Your request",
        Date = new DateTimeOffset(2025, 3, 4, 9, 5, 0, TimeSpan.Zero),
        MessageId = "abc123@council.example",
        TextBody = "Dear requester,\nThank you.\n",
    };

    [TestCase("Subject\r\nBcc: victim@example.org")] // the classic injection
    [TestCase("Subject\nX-Injected: 1")]
    [TestCase("Subject\r")]
    public void Write_SubjectWithLineBreak_Throws(string subject)
    {
        Assert.That(() => MimeWriter.Write(Simple() with { Subject = subject }), Throws.ArgumentException);
    }

    [Test]
    public void Write_DisplayNameWithLineBreak_Throws()
    {
        var m = Simple() with { To = [new MailboxAddress("Eve\r\nBcc: x@example.org", "eve@example.org")] };
        Assert.That(() => MimeWriter.Write(m), Throws.ArgumentException);
    }

    [Test]
    public void Write_AttachmentNameWithLineBreak_Throws()
    {
        var m = Simple() with { Attachments = [new OutgoingAttachment { FileName = "a\n.pdf", ContentType = "application/pdf", Content = [1] }] };
        Assert.That(() => MimeWriter.Write(m), Throws.ArgumentException);
    }

    [TestCase("In-Reply-To")]
    [TestCase("ExtraHeader")]
    public void Write_OtherFieldsWithLineBreak_Throw(string which)
    {
        var m = which == "In-Reply-To"
            ? Simple() with { InReplyTo = "a@b\r\nX: y" }
            : Simple() with { ExtraHeaders = [new("Auto-Submitted", "auto-replied\r\nX: y")] };
        Assert.That(() => MimeWriter.Write(m), Throws.ArgumentException);
    }

    [Test]
    public void Write_NonAsciiSubjectAndFileName_EncodedAsciiHeaders()
    {
        var m = Simple() with
        {
            Subject = "Cais Rhyddid Gwybodaeth – ŵ ŷ ✓",
            Attachments = [new OutgoingAttachment { FileName = "Ymateb – ŵ.pdf", ContentType = "application/pdf", Content = [1, 2, 3] }],
        };
        var text = Encoding.UTF8.GetString(MimeWriter.Write(m));
        var headerBlock = text[..text.IndexOf("\r\n\r\n", StringComparison.Ordinal)];
        Assert.That(headerBlock.All(c => c < 128), Is.True);
        Assert.That(text, Does.Contain("=?utf-8?B?"));
        Assert.That(text, Does.Contain("filename*=utf-8''Ymateb%20%E2%80%93%20%C5%B5.pdf"));
    }

    [Test]
    public void Write_LongLines_NoLineOver998Octets()
    {
        var m = Simple() with
        {
            Subject = string.Join(" ", Enumerable.Repeat("word", 400)),
            TextBody = new string('x', 5000) + "\n" + string.Concat(Enumerable.Repeat("é", 3000)),
            HtmlBody = "<p>" + new string('y', 3000) + "</p>",
        };
        var lines = Encoding.UTF8.GetString(MimeWriter.Write(m)).Split("\r\n");
        Assert.That(lines.Max(l => Encoding.UTF8.GetByteCount(l)), Is.LessThanOrEqualTo(998));
    }

    [Test]
    public void Write_TextAndHtmlAndInlineImageAndFile_ExpectedStructure()
    {
        var m = Simple() with
        {
            HtmlBody = "<p>Hello <img src=\"cid:logo@x\"></p>",
            Attachments =
            [
                new OutgoingAttachment { FileName = "logo.png", ContentType = "image/png", Content = [137, 80, 78, 71], ContentId = "logo@x", Inline = true },
                new OutgoingAttachment { FileName = "reply.pdf", ContentType = "application/pdf", Content = [37, 80, 68, 70] },
            ],
        };
        using var parsed = MimeParser.Parse(MimeWriter.Write(m));
        var root = (Multipart)parsed.Body;
        Assert.That(root.ContentType.MimeType, Is.EqualTo("multipart/mixed"));
        var alt = (Multipart)root.Children[0];
        Assert.That(alt.ContentType.MimeType, Is.EqualTo("multipart/alternative"));
        Assert.That(alt.Children[1].ContentType.MimeType, Is.EqualTo("multipart/related"));
        Assert.That(parsed.Warnings, Is.Empty);
        Assert.That(parsed.Attachments.Select(a => (a.FileName, a.IsInline, a.ContentId)), Is.EqualTo(new[] { ("logo.png", true, "logo@x"), ("reply.pdf", false, (string?)null) }));
    }

    [Test]
    public void FormatDate_NegativeOffset_Rfc5322()
    {
        var date = new DateTimeOffset(2025, 12, 1, 23, 59, 7, TimeSpan.FromMinutes(-210));
        Assert.That(MimeWriter.FormatDate(date), Is.EqualTo("Mon, 01 Dec 2025 23:59:07 -0330"));
    }

    [Test]
    public void Write_Headers_MessageIdAndThreading()
    {
        var m = Simple() with { InReplyTo = "q1@requester.example", References = ["q0@requester.example", "q1@requester.example"] };
        using var parsed = MimeParser.Parse(MimeWriter.Write(m));
        Assert.That(parsed.MessageId, Is.EqualTo("abc123@council.example"));
        Assert.That(parsed.InReplyTo, Is.EqualTo("q1@requester.example"));
        Assert.That(parsed.References, Is.EqualTo(new[] { "q0@requester.example", "q1@requester.example" }));
        Assert.That(parsed.Date, Is.EqualTo(m.Date));
    }
}
