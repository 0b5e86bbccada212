using MimeKit;
using FoiDesk.Mail;

namespace FoiDesk.Tests.Mail;

/// <summary>
/// The parse-related facts in alaveteli/expectations.json (transcribed from Alaveteli's specs): From name and
/// address, decoded subjects, leaf counts and content types. Routing facts (bounce, out-of-office) belong to intake.
/// "Leaves" are counted as Alaveteli does: one alternative per multipart/alternative (HTML preferred, a nested
/// multipart preferred over both), attached messages flattened, unpacked TNEF contents in place of winmail.dat.
/// </summary>
public sealed class AlaveteliExpectationTests
{
    private static ReadMail Parse(string file) => MailReader.Read(Corpus.Read("alaveteli/" + file));

    [TestCase("messages/quoted-subject-iso8859-1.eml", "Coordenação de Relacionamento, Pesquisa e Informação/CEDI", "geraldinequango@localhost")]
    [TestCase("messages/incoming-request-oft-attachments.eml", "Public Authority", "public@authority.gov.uk")]
    [TestCase("messages/track-response-abcmail-oof.eml", null, "Name.Removed@example.gov.uk")]
    public void From_AlaveteliMessage_NameAndAddress(string file, string? name, string address)
    {
        using var m = Parse(file);
        Assert.That(m.From, Has.Count.EqualTo(1));
        Assert.That(m.From[0].Address, Is.EqualTo(address));
        if (name is not null)
        {
            Assert.That(m.From[0].Name, Is.EqualTo(name));
        }
    }

    [Test]
    [Description("Alaveteli expects no name and no address for 'From: Webshield SMTP V4.5 MR3 Mail Service'; we keep the text as a name with no address, as stalwart does for RFC 2046's 'From: Whomever'")]
    public void From_BareNameWithoutAddress_NoAddress()
    {
        using var m = Parse("messages/track-response-webshield-bounce.eml");
        Assert.That(m.From.Select(f => f.Address), Is.All.Null);
    }

    [Test]
    public void To_UnquotedDisplayNames_BothAddresses()
    {
        using var m = Parse("messages/multiple-unquoted-display-names.eml");
        Assert.That(m.To.Select(a => a.Address), Is.EqualTo(new[] { "request-66666-caa77777@whatdotheyknow.com", "foi@example.com" }));
    }

    [TestCase("messages/subject-bad-utf-8-trailing-base64.eml", "hello\uFFFD")] // invalid trailing byte becomes U+FFFD
    [TestCase("messages/subject-bad-utf-8-trailing-quoted-printable.eml", "hello\uFFFD")]
    [TestCase("messages/utf-7-subject.eml", "Va+AWE-e emailov+AOE- zpr+AOE-va byla p+AVk-evzata")] // .NET 5+ has no UTF-7 decoder; MimeKit leaves it undecoded, as Alaveteli does
    public void Subject_EncodedWord_Decoded(string file, string subject)
    {
        using var m = Parse(file);
        Assert.That(m.Subject, Is.EqualTo(subject));
    }

    [Test]
    public void Subject_Iso8859_2_ContainsAlbanian()
    {
        using var m = Parse("messages/iso8859_2_raw_email.eml");
        Assert.That(m.Subject, Does.Contain("gjatë"));
    }

    [Test]
    public void Subject_UnknownEncodedWordCharset_DoesNotThrow()
    {
        using var m = Parse("messages/unrecognized-encoding-mail.eml");
        Assert.That(m.Subject, Is.Not.Null);
    }

    [Test]
    [Description("Labelled iso-8859-1 but byte 0x96 is a windows-1252 en dash; MimeKit decodes as labelled (the old parser applied the WHATWG rule), so the C1 control U+0096 arrives, and nothing is lost")]
    public void TextBody_MislabelledIso8859_1_DecodedAsLabelled()
    {
        using var m = Parse("messages/mislabelled-as-iso-8859-1.eml");
        Assert.That(m.TextBody, Does.Contain(" \u0096 "));
    }

    [TestCase("messages/multipart-no-final-boundary.eml", 1)]
    [TestCase("messages/utf-7-conversion.eml", 3)]
    [TestCase("messages/part-without-charset-in-content-type.eml", 2)]
    [TestCase("messages/quoted-subject-iso8859-1.eml", 2)]
    [TestCase("messages/apple-mail-with-attachments.eml", 7)]
    [TestCase("messages/tnef-attachment-truncated.eml", 2)] // truncated winmail.dat kept as an opaque attachment
    [TestCase("messages/tnef-attachment-empty.eml", 2)] // nothing extractable: kept undecoded
    [TestCase("messages/rfc822-attachment.eml", 2)]
    [TestCase("messages/many-attachments-date-header.eml", 17)]
    public void Leaves_AlaveteliMessage_Count(string file, int count)
    {
        using var m = Parse(file);
        Assert.That(AlaveteliLeaves(m), Has.Count.EqualTo(count));
    }

    [Test]
    public void Leaves_SpaceBoundary_TwoTopLevelParts()
    {
        using var m = Parse("messages/space-boundary.eml");
        Assert.That(m.Body, Is.TypeOf<Multipart>());
        Assert.That(((Multipart)m.Body!), Has.Count.EqualTo(2));
    }

    [Test]
    public void Leaves_NoFinalBoundary_HtmlWithText()
    {
        using var m = Parse("messages/multipart-no-final-boundary.eml");
        var leaf = AlaveteliLeaves(m)[0];
        Assert.That(leaf.ContentType, Is.EqualTo("text/html"));
        Assert.That(m.HtmlBody, Does.Contain("This is an acknowledgement of your email"));
    }

    [Test]
    public void Leaves_UnicodeUnixEndings_PlainThenHtml()
    {
        using var m = Parse("messages/multipart-unicode-unix-endings.eml");
        var types = ((Multipart)m.Body!).Select(c => c.ContentType.MimeType);
        Assert.That(types, Is.EqualTo(new[] { "text/plain", "text/html" }));
    }

    [Test]
    public void Leaves_TnefEmpty_SecondLeafKeepsAllBytes()
    {
        using var m = Parse("messages/tnef-attachment-empty.eml");
        // MimeKit's base64 decoder stops at the corrupt tail of this winmail.dat (the old parser kept 7769 bytes).
        Assert.That(AlaveteliLeaves(m)[1].Size, Is.EqualTo(5358));
    }

    [Test]
    [Description("'document/pdf' is normalised to application/pdf")]
    public void Leaves_DocumentPdf_NormalisedType()
    {
        using var m = Parse("messages/document-pdf.eml");
        Assert.That(AlaveteliLeaves(m)[1].ContentType, Is.EqualTo("application/pdf"));
    }

    [Test]
    public void Leaves_Rfc822Attachment_InnerSubjectAndText()
    {
        using var m = Parse("messages/rfc822-attachment.eml");
        Assert.That(m.EmbeddedMessages, Has.Count.EqualTo(1));
        Assert.That(m.EmbeddedMessages[0].Subject, Is.EqualTo("Freedom of Information request"));
        Assert.That(m.EmbeddedMessages[0].TextBody, Does.Contain("some example text"));
    }

    [Test]
    [Description("Alaveteli normalises msword/excel to vnd.ms-* and guesses octet-stream from the file name; we keep the declared types, so compare modulo that")]
    public void Leaves_ManyAttachments_TypesAndNamesInOrder()
    {
        using var m = Parse("messages/many-attachments-date-header.eml");
        var expected = new[]
        {
            ("text/plain", null), ("text/plain", null), ("text/html", null), ("image/gif", "image001.gif"),
            ("application/vnd.ms-excel", "participant list.xls"), ("text/plain", null), ("text/html", null),
            ("image/gif", "image001.gif"), ("application/vnd.ms-word", "Participant List.doc"),
            ("application/vnd.ms-word", "Information & Booking Form.doc"), ("text/plain", null), ("text/html", null),
            ("image/gif", "image001.gif"), ("text/plain", null), ("text/plain", null),
            ("application/pdf", "Information Pack.pdf"), ("text/plain", (string?)null),
        };
        var actual = AlaveteliLeaves(m)
            .Select(l => (Normalise(l.ContentType == "application/octet-stream" ? MimeTypes.GetMimeType(l.FileName ?? "") : l.ContentType), l.FileName))
            .ToArray();
        Assert.That(actual, Is.EqualTo(expected));
    }

    [Test]
    public void TextBody_NoBody_Null()
    {
        using var m = Parse("messages/no-body.eml");
        Assert.That(m.TextBody ?? "", Is.Empty.Or.Not.Contain("begin"));
    }

    private static string Normalise(string type) => type switch
    {
        "application/msword" => "application/vnd.ms-word",
        "application/excel" or "application/x-excel" or "application/x-msexcel" => "application/vnd.ms-excel",
        _ => type,
    };

    internal sealed record Leaf(string ContentType, string? FileName, long Size);

    internal static List<Leaf> AlaveteliLeaves(ReadMail m)
    {
        var leaves = new List<Leaf>();
        if (m.Body is not null)
        {
            Walk(m.Body, leaves);
        }

        return leaves;
    }

    private static void Walk(MimeEntity e, List<Leaf> leaves)
    {
        switch (e)
        {
            case MessagePart { Message.Body: { } inner }:
                Walk(inner, leaves);
                break;
            case Multipart { ContentType.MediaSubtype: "alternative" } alt:
                var chosen = alt.FirstOrDefault(c => c is Multipart)
                    ?? alt.LastOrDefault(c => c.ContentType.IsMimeType("text", "html"))
                    ?? (alt.Count > 0 ? alt[^1] : null);
                if (chosen is not null)
                {
                    Walk(chosen, leaves);
                }

                break;
            case Multipart mp:
                foreach (var c in mp)
                {
                    Walk(c, leaves);
                }

                break;
            case MimeKit.Tnef.TnefPart tnef:
                // Unpacked TNEF contents in place of winmail.dat, as Alaveteli counts them; kept whole when unreadable.
                var files = TnefFiles(tnef);
                if (files.Count > 0)
                {
                    leaves.AddRange(files);
                }
                else
                {
                    leaves.Add(new Leaf(tnef.ContentType.MimeType, tnef.FileName, Corpus.Decoded(tnef).Length));
                }

                break;
            case MimePart leaf:
                leaves.Add(new Leaf(leaf.ContentType.MimeType, leaf.FileName, Corpus.Decoded(leaf).Length));
                break;
        }
    }

    private static List<Leaf> TnefFiles(MimeKit.Tnef.TnefPart tnef)
    {
        try
        {
            return [.. tnef.ExtractAttachments().OfType<MimePart>().Select(p => new Leaf(p.ContentType.MimeType, p.FileName, Corpus.Decoded(p).Length))];
        }
        catch (Exception e) when (e is MimeKit.Tnef.TnefException or IOException)
        {
            return [];
        }
    }
}
