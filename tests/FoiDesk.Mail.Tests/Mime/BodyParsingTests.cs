using System.Text;
using FoiDesk.Mail.Mime;

namespace FoiDesk.Mail.Tests.Mime;

public sealed class BodyParsingTests
{
    private static MimeMessage Parse(string s) => MimeParser.Parse(Encoding.UTF8.GetBytes(s));

    [TestCase("SGVsbG8sIHdvcmxkIQ==", "Hello, world!")]
    [TestCase("SGVsbG8s\nIHdvcmxk\nIQ==", "Hello, world!")]
    [TestCase("SGVsbG8sIHdvcmxkIQ", "Hello, world!")] // missing padding
    [TestCase("SGVs!bG8s IHdv*cmxkIQ==", "Hello, world!")] // line noise
    [TestCase("SGk=\nSGk=", "HiHi")] // two padded blocks
    public void Base64Body_Tolerant_Decoded(string encoded, string expected)
    {
        using var m = Parse("Content-Transfer-Encoding: base64\n\n" + encoded);
        Assert.That(m.TextBody, Is.EqualTo(expected));
    }

    [TestCase("caf=C3=A9", "café")]
    [TestCase("soft=\nbreak", "softbreak")]
    [TestCase("soft= \t\nbreak", "softbreak")] // whitespace after the soft break '=' (RFC 2045 6.7 rule 3)
    [TestCase("bad =ZZ escape", "bad =ZZ escape")] // kept literally
    [TestCase("trailing =", "trailing ")] // "=" ending the last line is a soft line break
    public void QuotedPrintableBody_Decoded(string encoded, string expected)
    {
        using var m = Parse("Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n" + encoded);
        Assert.That(m.TextBody, Is.EqualTo(expected));
    }

    [Test]
    public void Multipart_BoundaryInsideLine_NotABoundary()
    {
        using var m = Parse("Content-Type: multipart/mixed; boundary=b\n\n--b\n\ntext with --b inside\n--b--\n");
        Assert.That(m.TextBody, Is.EqualTo("text with --b inside"));
    }

    [Test]
    public void Multipart_PreambleAndEpilogue_Kept()
    {
        using var m = Parse("Content-Type: multipart/mixed; boundary=b\n\npreamble\n--b\n\nbody\n--b--\nepilogue\n");
        var mp = (Multipart)m.Body;
        Assert.That(mp.Preamble, Is.EqualTo("preamble"));
        Assert.That(mp.Epilogue, Is.EqualTo("epilogue\n"));
        Assert.That(m.Warnings, Is.Empty);
    }

    [Test]
    public void Multipart_OuterBoundaryClosesInner_WarnsAndRecovers()
    {
        using var m = Parse("Content-Type: multipart/mixed; boundary=outer\n\n--outer\nContent-Type: multipart/alternative; boundary=inner\n\n--inner\n\nA\n--outer\n\nB\n--outer--\n");
        var root = (Multipart)m.Body;
        Assert.That(root.Children, Has.Count.EqualTo(2));
        Assert.That(m.Warnings.Select(w => w.Code), Does.Contain("missing-close-boundary"));
    }

    [Test]
    public void Multipart_OddCaseType_Recognised()
    {
        using var m = Parse("Content-Type: Multipart/Mixed; Boundary=\"b\"\n\n--b\n\nx\n--b--\n");
        Assert.That(m.Body, Is.TypeOf<Multipart>());
    }

    [Test]
    public void InlineUuencode_BecomesAttachment()
    {
        var data = Encoding.ASCII.GetBytes("Cat");
        using var m = Parse("Subject: x\n\nHello\nbegin 644 cat.txt\n#0V%T\n`\nend\nBye\n");
        Assert.That(m.Attachments.Single().FileName, Is.EqualTo("cat.txt"));
        Assert.That(m.Attachments.Single().Content.ToArray(), Is.EqualTo(data));
        Assert.That(m.TextBody, Is.EqualTo("Hello\nBye\n"));
    }

    [Test]
    public void Message_CrlfAndLf_SameText()
    {
        using var lf = Parse("Subject: a\n\nline1\nline2\n");
        using var crlf = Parse("Subject: a\r\n\r\nline1\r\nline2\r\n");
        Assert.That(crlf.TextBody!.Replace("\r", "", StringComparison.Ordinal), Is.EqualTo(lf.TextBody));
        Assert.That(crlf.Subject, Is.EqualTo(lf.Subject));
    }

    [Test]
    public void Tnef_Incoming_AttachmentsExtracted()
    {
        using var m = MimeParser.Parse(Corpus.Read("alaveteli/messages/incoming-request-tnef-attachments.eml"));
        Assert.That(m.Attachments.Select(a => (a.FileName, a.Source)), Is.EqualTo(new[] { ("FOI 09-02976i.doc", AttachmentSource.Tnef), ("FOI 09-02976iii.doc", AttachmentSource.Tnef) }));
        Assert.That(m.Attachments.All(a => a.Size > 10_000), Is.True);
    }
}
