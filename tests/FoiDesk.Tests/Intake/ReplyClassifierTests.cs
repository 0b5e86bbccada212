using FoiDesk.Intake;

namespace FoiDesk.Tests.Intake;

/// <summary>
/// Corpus messages with Alaveteli's handle-mail-replies verdicts (alaveteli/expectations.json, reply_classification),
/// read with the test-only reader and adapted to <see cref="MessageTraits"/> as the intake will do.
/// </summary>
public sealed class ReplyClassifierTests
{
    internal static MessageTraits TraitsOf(string file)
    {
        var m = TestMessage.Load($"TestData/alaveteli/messages/{file}");
        var leaves = m.Leaves().ToList();
        return new MessageTraits
        {
            Headers = m.Headers.Select(h => new HeaderField(h.Key, h.Value)).ToList(),
            Subject = m.Header("Subject") ?? "",
            ContentType = m.ContentType,
            PartContentTypes = Flatten(m).Skip(1).Select(p => p.ContentType).ToList(),
            TextBody = m.TextBody,
            DeliveryStatus = string.Join("\n\n", leaves.Where(l => l.ContentType.StartsWith("message/delivery-status", StringComparison.OrdinalIgnoreCase)).Select(l => l.Body)),
        };
    }

    private static IEnumerable<TestMessage> Flatten(TestMessage m) => [m, .. m.Parts.SelectMany(Flatten)];

    [TestCase("track-response-exim-bounce.eml", "user@example.com")] // Return-Path <> + X-Failed-Recipients + "permanent error"
    [TestCase("track-response-webshield-bounce.eml", "failed.user@example.co.uk")] // "---- Failed Recipients ----" block
    [TestCase("track-response-multipart-report.eml", "failedUser@example.com")] // RFC 3464, Status 5.2.2
    [TestCase("utf-7-conversion.eml", "foi@b.com")] // DSN whose text part is UTF-7; Status 5.1.1
    [TestCase("humberside-police-odd-mime-type.eml", "clerk@humberside-pa.karoo.co.uk")] // Exim text in Multipart/Mixed
    [TestCase("autoresponse-header.eml", "enquiries@cheese.com")]
    [TestCase("empty-return-path.eml", "enquiries@cheese.com")]
    public void Classify_Bounce_FailedRecipientsFound(string file, string failed)
    {
        var result = ReplyClassifier.Classify(TraitsOf(file));

        Assert.That(result.Kind, Is.EqualTo(ReplyKind.Bounce), string.Join("; ", result.Cues));
        Assert.That(result.FailedRecipients, Is.EqualTo(new[] { failed.ToLowerInvariant() }));
        Assert.That(result.SuppressAutoResponse, Is.True);
    }

    [Description("Exchange 'Delivery Status Notification (Delay)': Action delayed, Status 4.4.7 — Alaveteli discards it as temporary")]
    [Test]
    public void Classify_DsnDelay_DeliveryDelayNoFailures()
    {
        var result = ReplyClassifier.Classify(TraitsOf("track-response-ms-bounce.eml"));

        Assert.That(result.Kind, Is.EqualTo(ReplyKind.DeliveryDelay));
        Assert.That(result.FailedRecipients, Is.Empty);
    }

    [TestCase("track-response-generic-oof.eml")] // subject "Out of Office:" and Return-Path <>
    [TestCase("track-response-exchange-oof-1.eml")] // "Out of Office AutoReply:"
    [TestCase("track-response-lotus-oof-1.eml")] // Auto-Submitted: auto-generated, "is out of the office"
    [TestCase("track-response-messagelabs-oof-1.eml")] // subject "Out of Office" only
    [TestCase("track-response-messageclass-oof.eml")] // X-POST-MessageClass: 9; Autoresponder
    [TestCase("track-response-outlook-oof.eml")] // "Out of Office reply"
    [TestCase("track-response-abcmail-oof.eml")] // "AUTO: ... is out of the office", Auto-Submitted
    public void Classify_OutOfOffice_AutoReply(string file)
    {
        var result = ReplyClassifier.Classify(TraitsOf(file));

        Assert.That(result.Kind, Is.EqualTo(ReplyKind.AutoReply));
        Assert.That(result.Cues, Is.Not.Empty);
        Assert.That(result.SuppressAutoResponse, Is.True);
    }

    [TestCase("incoming-request-plain.eml")]
    [TestCase("incoming-request-bad-uuencoding.eml")] // Alaveteli: exit 0, forwarded to a human
    [TestCase("forward-quoting-example-2.eml")]
    public void Classify_PersonWrote_Ordinary(string file)
    {
        var result = ReplyClassifier.Classify(TraitsOf(file));

        Assert.That(result.Kind, Is.EqualTo(ReplyKind.Ordinary), string.Join("; ", result.Cues));
    }

    private static MessageTraits Headers(string subject, params (string Name, string Value)[] headers) => new()
    {
        Headers = headers.Select(h => new HeaderField(h.Name, h.Value)).ToList(),
        Subject = subject,
        TextBody = "Thank you for your email.",
    };

    // One header or subject each; the rule is in the comment.
    [TestCase("RE: FOI 1234", "Auto-Submitted", "auto-replied", ReplyKind.AutoReply)] // RFC 3834
    [TestCase("RE: FOI 1234", "Auto-Submitted", "no", ReplyKind.Ordinary)] // explicitly not automatic
    [TestCase("RE: FOI 1234", "X-Autoreply", "yes", ReplyKind.AutoReply)]
    [TestCase("RE: FOI 1234", "X-Autorespond", "FOI request", ReplyKind.AutoReply)]
    [TestCase("RE: FOI 1234", "Precedence", "auto_reply", ReplyKind.AutoReply)]
    [TestCase("RE: FOI 1234", "Precedence", "bulk", ReplyKind.AutoReply)]
    [TestCase("RE: FOI 1234", "Precedence", "junk", ReplyKind.AutoReply)]
    [TestCase("RE: FOI 1234", "X-MS-Exchange-Generated-Message-Source", "Mailbox Rules Agent", ReplyKind.AutoReply)]
    [TestCase("RE: FOI 1234", "X-MS-Exchange-Inbox-Rules-Loop", "foi@example.gov.uk", ReplyKind.AutoReply)]
    [TestCase("RE: FOI 1234", "X-Auto-Response-Suppress", "All", ReplyKind.Ordinary)] // Outlook sets it on ordinary mail
    [TestCase("Automatic reply: FOI 1234", "X-Mailer", "Outlook", ReplyKind.AutoReply)]
    [TestCase("Autoreply: FOI 1234", "X-Mailer", "Outlook", ReplyKind.AutoReply)]
    [TestCase("Abwesenheitsnotiz: FOI 1234", "X-Mailer", "Outlook", ReplyKind.AutoReply)]
    [TestCase("I am away until Monday", "X-Mailer", "Outlook", ReplyKind.AutoReply)]
    [TestCase("Out of Office: FOI 1234", "X-Mailer", "Outlook", ReplyKind.AutoReply)]
    [TestCase("Freedom of Information request - office accommodation", "X-Mailer", "Outlook", ReplyKind.Ordinary)]
    public void Classify_SingleCue_Kind(string subject, string name, string value, ReplyKind kind)
    {
        Assert.That(ReplyClassifier.Classify(Headers(subject, (name, value))).Kind, Is.EqualTo(kind));
    }

    [Test]
    public void Classify_PersonMentioningBounce_Ordinary()
    {
        var message = Headers("Undeliverable: my earlier reply", ("From", "Jane Officer <jane@example.gov.uk>"));

        Assert.That(ReplyClassifier.Classify(message).Kind, Is.EqualTo(ReplyKind.Ordinary), "a bounce subject alone is not a bounce");
    }

    [Test]
    public void Classify_ExchangeTextBounce_RecipientsFromText()
    {
        var message = new MessageTraits
        {
            Headers = [new("From", "postmaster@example.gov.uk")],
            Subject = "Undeliverable: Freedom of Information request",
            TextBody = "Delivery has failed to these recipients or groups:\n\nfoi.team@example.gov.uk\nThe email address you entered couldn't be found.\n\nDiagnostic information for administrators:\nReceived: from mail.example.gov.uk\nrequest-123-abcdef12@whatdotheyknow.com\n",
        };

        var result = ReplyClassifier.Classify(message);

        Assert.That(result.Kind, Is.EqualTo(ReplyKind.Bounce));
        Assert.That(result.FailedRecipients, Is.EqualTo(new[] { "foi.team@example.gov.uk" }));
    }
}
