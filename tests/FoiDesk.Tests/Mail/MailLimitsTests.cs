using System.Text;
using FoiDesk.Mail;

namespace FoiDesk.Tests.Mail;

/// <summary>The limits MailReader puts around MimeKit, and what it adds: uuencode, legacy charsets.</summary>
public sealed class MailLimitsTests
{
    private static byte[] Ascii(string s) => Encoding.ASCII.GetBytes(s);

    [Test]
    public void Read_OverRawSizeCap_Refused()
    {
        var e = Assert.Throws<MailLimitException>(() => MailReader.Read(Ascii("Subject: x\n\n" + new string('a', 5000)), new MailLimits { MaxRawSize = 1000 }));
        Assert.That(e!.Message, Does.Contain("raw message size"));
    }

    [Test]
    public void Read_StreamOverRawSizeCap_RefusedWithoutReadingItAll()
    {
        using var stream = new MemoryStream(Ascii("Subject: x\n\n" + new string('a', 1_000_000)));
        Assert.Throws<MailLimitException>(() => MailReader.Read(stream, new MailLimits { MaxRawSize = 1000 }));
        Assert.That(stream.Position, Is.LessThan(1_000_000));
    }

    [Test]
    public void Read_NestedDeeperThanLimit_Refused()
    {
        var sb = new StringBuilder();
        for (var i = 0; i < 20; i++)
        {
            sb.Append(CultureInfo($"Content-Type: multipart/mixed; boundary=\"b{i}\"\n\n--b{i}\n"));
        }

        sb.Append("Content-Type: text/plain\n\nhello\n");
        var e = Assert.Throws<MailLimitException>(() => MailReader.Read(Ascii(sb.ToString()), new MailLimits { MaxDepth = 10 }));
        Assert.That(e!.Message, Does.Contain("nesting depth"));
    }

    [Test]
    public void Read_MorePartsThanLimit_Refused()
    {
        var sb = new StringBuilder("Content-Type: multipart/mixed; boundary=\"b\"\n\n");
        for (var i = 0; i < 30; i++)
        {
            sb.Append("--b\nContent-Type: text/plain\n\npart\n");
        }

        sb.Append("--b--\n");
        var e = Assert.Throws<MailLimitException>(() => MailReader.Read(Ascii(sb.ToString()), new MailLimits { MaxParts = 20 }));
        Assert.That(e!.Message, Does.Contain("parts"));
    }

    [Test]
    public void Read_DecodedBeyondTotalLimit_Refused()
    {
        var body = Convert.ToBase64String(new byte[5000], Base64FormattingOptions.InsertLineBreaks);
        var e = Assert.Throws<MailLimitException>(() => MailReader.Read(
            Ascii("Content-Type: multipart/mixed; boundary=\"b\"\n\n--b\nContent-Type: application/octet-stream\nContent-Transfer-Encoding: base64\n\n" + body + "\n--b--\n"),
            new MailLimits { MaxTotalDecodedSize = 4000 }));
        Assert.That(e!.Message, Does.Contain("total decoded size"));
    }

    [Test]
    public void Read_HeaderBlockOverLimit_Refused()
    {
        var e = Assert.Throws<MailLimitException>(() => MailReader.Read(Ascii("Subject: " + new string('a', 5000) + "\n\nbody"), new MailLimits { MaxHeaderBlockSize = 1000 }));
        Assert.That(e!.Message, Does.Contain("header block size"));
    }

    [Test]
    public void Read_UuencodedBlockInText_BecomesAttachment()
    {
        // "Cat" uuencoded.
        using var m = MailReader.Read(Ascii("Subject: uu\n\nSee attached.\nbegin 644 cat.txt\n#0V%T\n`\nend\nThanks\n"));
        Assert.That(m.Attachments.Single(a => a.Origin == "uuencode").FileName, Is.EqualTo("cat.txt"));
        Assert.That(m.Attachments.Single().Size, Is.EqualTo(3));
        Assert.That(m.TextBody, Does.Contain("See attached.").And.Contain("Thanks").And.Not.Contain("begin 644"));
    }

    [Test]
    public void Read_NoHeaderBlock_ReadAsTextWithWarning()
    {
        using var m = MailReader.Read(Ascii("just some text\nwith no headers\n"));
        Assert.That(m.TextBody, Does.Contain("just some text"));
        Assert.That(m.Warnings, Has.Some.StartsWith("no-headers"));
    }

    [TestCase("iso-8859-8", "שלום")]
    [TestCase("windows-1252", "café – déjà")]
    [TestCase("iso-2022-jp", "すみません")]
    public void Read_LegacyCharset_Decoded(string charset, string text)
    {
        var encoding = Encoding.GetEncoding(charset);
        var head = Ascii($"Subject: charset\nContent-Type: text/plain; charset={charset}\nContent-Transfer-Encoding: 8bit\n\n");
        using var m = MailReader.Read([.. head, .. encoding.GetBytes(text)]);
        Assert.That(m.TextBody, Is.EqualTo(text));
    }

    private static string CultureInfo(FormattableString s) => FormattableString.Invariant(s);
}
