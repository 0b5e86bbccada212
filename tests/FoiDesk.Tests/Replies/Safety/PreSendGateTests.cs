using DocumentFormat.OpenXml.Spreadsheet;
using FoiDesk.Replies.Safety;

namespace FoiDesk.Tests.Replies.Safety;

public class PreSendGateTests
{
    private static readonly SafetyContext Context = SafetyContext.ForLetter(SampleLetters.Full(),
        [new ProtectedPerson("Sam Officer", "sam.officer@anytown.gov.uk", "01632 960123")]);

    private static SafetyReport Check(string file, byte[] content, string body = "Please find attached.") =>
        PreSendGate.Check(body, [new AttachmentToCheck(file, content)], Context);

    private static IEnumerable<SafetyFindingKind> Kinds(SafetyReport r) => r.Findings.Select(f => f.Kind);

    private static readonly string[][] CleanRows = [["Ward", "Placements"], ["North", "12"], ["South", "9"]];

    [Test]
    public void Check_CleanWorkbook_HasNoFindings()
    {
        var report = Check("weightings.xlsx", Fixtures.Workbook(new Fixtures.SheetSpec("Summary", CleanRows)));

        Assert.That(report.Findings, Is.Empty);
        Assert.That(report.BlocksSending, Is.False);
    }

    [TestCase(SheetStateValues.Hidden, "is hidden")]
    [TestCase(SheetStateValues.VeryHidden, "is very hidden")] // only VBA can unhide it: the classic way data escapes
    public void Check_WorkbookWithHiddenSheet_IsBlocked(SheetStateValues state, string detail)
    {
        var report = Check("weightings.xlsx", Fixtures.Workbook(
            new Fixtures.SheetSpec("Summary", CleanRows),
            new Fixtures.SheetSpec("Raw data", [["Name", "Address"], ["Jane Example", "12 Acacia Avenue"]], state)));

        var finding = report.Findings.Single(f => f.Kind == SafetyFindingKind.HiddenSheet);
        Assert.That(finding.Detail, Does.Contain("'Raw data'").And.Contain(detail));
        Assert.That(finding.Severity, Is.EqualTo(SafetySeverity.High));
        Assert.That(finding.Attachment, Is.EqualTo("weightings.xlsx"));
        Assert.That(report.BlocksSending, Is.True);
    }

    [Test]
    public void Check_WorkbookWithHiddenRowsAndColumn_IsBlocked()
    {
        var report = Check("w.xlsx", Fixtures.Workbook(new Fixtures.SheetSpec("Summary", CleanRows, HiddenRows: [2, 3], HiddenColumnB: true)));

        Assert.That(Kinds(report), Is.EquivalentTo(new[] { SafetyFindingKind.HiddenRows, SafetyFindingKind.HiddenColumns }));
        Assert.That(report.Findings.Single(f => f.Kind == SafetyFindingKind.HiddenRows).Detail, Does.Contain("2 hidden row(s)").And.Contain("2, 3"));
    }

    [Test]
    public void Check_WorkbookWithPivotCache_IsBlocked()
    {
        var report = Check("w.xlsx", Fixtures.WorkbookWithPivotCache());

        Assert.That(Kinds(report), Is.EqualTo(new[] { SafetyFindingKind.PivotCache }));
    }

    [Test]
    public void Check_WorkbookWithComment_IsFound()
    {
        var report = Check("w.xlsx", Fixtures.WorkbookWithComment());

        Assert.That(Kinds(report), Is.EqualTo(new[] { SafetyFindingKind.Comments }));
    }

    [Test]
    public void Check_WorkbookCellWithRequesterEmail_IsBlocked()
    {
        var report = Check("w.xlsx", Fixtures.Workbook(new Fixtures.SheetSpec("Summary", [["Requester", "request-972166-abcd@whatdotheyknow.com"]])));

        var finding = report.Findings.Single();
        Assert.That(finding.Kind, Is.EqualTo(SafetyFindingKind.EmailAddress));
        Assert.That(finding.Detail, Does.StartWith("the requester's email address"));
        Assert.That(finding.Severity, Is.EqualTo(SafetySeverity.High));
    }

    [Test]
    public void Check_DocumentWithTrackedChanges_IsBlocked()
    {
        var report = Check("response.docx", Fixtures.DocumentWithTrackedChanges());

        var finding = report.Findings.Single(f => f.Kind == SafetyFindingKind.TrackedChanges);
        Assert.That(finding.Detail, Does.Contain("1 insertion(s), 1 deletion(s)").And.Contain("by Sam Officer"));
        Assert.That(finding.Severity, Is.EqualTo(SafetySeverity.High));
    }

    [Test]
    public void Check_DocumentWithEmailSplitAcrossRuns_FindsIt()
    {
        // Word splits text into runs wherever formatting or revision ids change, even inside a word.
        var docx = Fixtures.Document(() => new DocumentFormat.OpenXml.Wordprocessing.Body(new DocumentFormat.OpenXml.Wordprocessing.Paragraph(
            new DocumentFormat.OpenXml.Wordprocessing.Run(new DocumentFormat.OpenXml.Wordprocessing.Text("Sent to request-972166-ab")),
            new DocumentFormat.OpenXml.Wordprocessing.Run(new DocumentFormat.OpenXml.Wordprocessing.Text("cd@whatdotheyknow.com today")))));

        var report = Check("response.docx", docx);

        Assert.That(report.Findings.Select(f => f.Detail), Is.EqualTo(new[] { "the requester's email address request-972166-abcd@whatdotheyknow.com" }));
    }

    [Test]
    public void Check_DocumentWithComment_FindsCommentAndTheNumberInIt()
    {
        var report = Check("response.docx", Fixtures.DocumentWithComment());

        Assert.That(Kinds(report), Is.EquivalentTo(new[] { SafetyFindingKind.Comments, SafetyFindingKind.PhoneNumber }));
    }

    [Test]
    public void Check_DocumentWithAuthorMetadata_NamesThem()
    {
        var report = Check("response.docx", Fixtures.DocumentWithAuthor());

        Assert.That(report.Findings.Select(f => f.Detail), Is.EquivalentTo(new[]
        {
            "document properties name the author: Sam Officer",
            "document properties name the last modified by: Alex Junior",
        }));
        Assert.That(report.Findings.Select(f => f.Severity), Is.All.EqualTo(SafetySeverity.Low));
    }

    [TestCase(true)] // content stream FlateDecode-compressed, as almost every real PDF
    [TestCase(false)]
    public void Check_PdfWithAuthorAndEmail_FindsBoth(bool compress)
    {
        var report = Check("letter.pdf", Fixtures.Pdf("Sam Officer", "Contact sam.officer@anytown.gov.uk for details", compress));

        Assert.That(report.Findings.Select(f => (f.Kind, f.Detail)), Is.EquivalentTo(new[]
        {
            (SafetyFindingKind.AuthorMetadata, "document properties name the author: Sam Officer"),
            (SafetyFindingKind.EmailAddress, "Sam Officer's email address sam.officer@anytown.gov.uk"),
        }));
    }

    [Test]
    public void Check_PdfWithEmbeddedFileAndScript_IsBlocked()
    {
        var pdf = System.Text.Encoding.Latin1.GetBytes("%PDF-1.7\n1 0 obj << /Type /EmbeddedFile >> endobj\n2 0 obj << /S /JavaScript /JS (app.alert(1)) >> endobj\n%%EOF\n");

        var report = Check("x.pdf", pdf);

        Assert.That(Kinds(report), Is.EquivalentTo(new[] { SafetyFindingKind.EmbeddedObject, SafetyFindingKind.Script }));
    }

    [Test]
    public void Check_BodyWithRequesterEmailAndMobile_IsBlocked()
    {
        const string Body = "Dear Jane,\nAs discussed on 07700 900123, we reply to request-972166-abcd@whatdotheyknow.com.\n" +
            "Contact foi@anytown.gov.uk or our switchboard on 01632 960000. The ICO's helpline is 0303 123 1113.";

        var report = PreSendGate.Check(Body, [], Context);

        Assert.That(report.Findings.Select(f => (f.Attachment, f.Kind, f.Detail)), Is.EquivalentTo(new (string?, SafetyFindingKind, string)[]
        {
            (null, SafetyFindingKind.PhoneNumber, "phone number 07700 900123"),
            (null, SafetyFindingKind.EmailAddress, "the requester's email address request-972166-abcd@whatdotheyknow.com"),
        }));
    }

    [Test]
    public void Check_LegacyXls_CannotBeCleared()
    {
        var report = Check("old.xls", [0xD0, 0xCF, 0x11, 0xE0]);

        Assert.That(Kinds(report), Is.EqualTo(new[] { SafetyFindingKind.Uninspectable }));
    }

    [Test]
    public void Check_CorruptXlsx_IsReportedNotThrown()
    {
        var report = Check("broken.xlsx", [1, 2, 3, 4]);

        Assert.That(Kinds(report), Is.EqualTo(new[] { SafetyFindingKind.Uninspectable }));
    }

    [Test]
    public void Check_RenderedResponseLetter_IsClear()
    {
        // The shipped templates print only the authority's and the ICO's published details.
        var letter = SampleLetters.Renderer().Render(FoiDesk.Replies.LetterIds.Response, SampleLetters.Full());

        Assert.That(PreSendGate.Check(letter.Text, [], Context).Findings, Is.Empty);
    }
}
