using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using FoiDesk.Replies.Safety;
using FoiDesk.Tests.Replies;
using FoiDesk.Tests.Replies.Safety;
using C = DocumentFormat.OpenXml.Drawing.Charts;
using P = DocumentFormat.OpenXml.Presentation;

namespace FoiDesk.Tests.Security;

/// <summary>
/// Security review M5: the pre-send gate. Office fixtures are made with the Open XML SDK; PDFs by hand, a few
/// objects each, so the byte that matters is visible in the test.
/// </summary>
public sealed class M5SafetyGateTests
{
    private static readonly SafetyContext Context = SafetyContext.ForLetter(SampleLetters.Full());

    private static readonly string[][] Rows = [["Ward", "Placements"], ["North", "12"], ["South", "9"]];

    private static SafetyReport Check(string file, byte[] content) =>
        PreSendGate.Check("Please find attached.", [new AttachmentToCheck(file, content)], Context);

    private static SafetyFindingKind[] Kinds(SafetyReport r) => [.. r.Findings.Select(f => f.Kind).Distinct()];

    /// <summary>A PDF whose objects are given as written, with a catalogue and one page around them.</summary>
    private static byte[] Pdf(params byte[][] objects)
    {
        using var pdf = new MemoryStream();
        void W(string s) => pdf.Write(Encoding.Latin1.GetBytes(s));
        W("%PDF-1.7\n");
        W("1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n");
        W("2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n");
        W("3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Annots [10 0 R] >> endobj\n");
        foreach (var o in objects)
        {
            pdf.Write(o);
        }
        W("trailer << /Root 1 0 R >>\n%%EOF\n");
        return pdf.ToArray();
    }

    private static byte[] FlateStreamObject(int number, byte[] content)
    {
        using var compressed = new MemoryStream();
        using (var z = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            z.Write(content);
        }
        var head = Encoding.Latin1.GetBytes($"{number} 0 obj << /Length {compressed.Length} /Filter /FlateDecode >>\nstream\n");
        return [.. head, .. compressed.ToArray(), .. "\nendstream\nendobj\n"u8.ToArray()];
    }

    // Old code: InflateStreams stopped at 64 MB and returned what it had; the report was clear and the file went.
    [Test]
    public void M5_PdfWithMoreThan64MbOfStreams_CouldNotInspectAndBlocked()
    {
        var bomb = new byte[PdfInspector.MaxInflatedBytes + 1024];
        // After the padding, the text the gate never reached in the old code.
        "BT (Ring jane@example.org) Tj ET"u8.CopyTo(bomb.AsSpan(bomb.Length - 100));

        var report = Check("big.pdf", Pdf(FlateStreamObject(11, bomb)));

        var finding = report.Findings.Single(f => f.Kind == SafetyFindingKind.Uninspectable);
        Assert.That(finding.Detail, Does.StartWith("could not inspect"));
        Assert.That(finding.Severity, Is.EqualTo(SafetySeverity.High));
        Assert.That(report.BlocksSending, Is.True);
    }

    // Old code: a damaged Flate stream was skipped in silence; what it held was never checked.
    [Test]
    public void M5_PdfWithDamagedStream_CouldNotInspect()
    {
        var damaged = "11 0 obj << /Length 9 /Filter /FlateDecode >>\nstream\nnot-zlib!\nendstream\nendobj\n"u8.ToArray();

        var report = Check("damaged.pdf", Pdf(damaged));

        Assert.That(report.Findings.Single(f => f.Kind == SafetyFindingKind.Uninspectable).Detail, Does.Contain("damaged"));
    }

    // Old code: /Redact was not among the annotation subtypes looked for; the report was clear.
    [Test]
    public void M5_PdfWithUnappliedRedaction_Blocked()
    {
        var annotation = "10 0 obj << /Type /Annot /Subtype /Redact /Rect [72 700 300 720] /OverlayText (Redacted) >> endobj\n"u8.ToArray();

        var report = Check("response.pdf", Pdf(annotation));

        Assert.That(Kinds(report), Is.EqualTo(new[] { SafetyFindingKind.UnappliedRedaction }));
        Assert.That(report.Findings.Single().Severity, Is.EqualTo(SafetySeverity.High));
    }

    // Old code: the extension decided; a workbook named .csv was read as UTF-8 text and its hidden sheet never seen.
    [Test]
    public void M5_WorkbookNamedCsv_SniffedAndInspectedAsOffice()
    {
        var workbook = Fixtures.Workbook(new Fixtures.SheetSpec("Summary", Rows), new Fixtures.SheetSpec("Raw", Rows, SheetStateValues.Hidden));

        var report = Check("figures.csv", workbook);

        Assert.That(Kinds(report), Is.EquivalentTo(new[] { SafetyFindingKind.Uninspectable, SafetyFindingKind.HiddenSheet }));
        Assert.That(report.Findings.Single(f => f.Kind == SafetyFindingKind.Uninspectable).Detail, Does.Contain("content is an Office"));
    }

    // Old code: a PDF named .txt was scanned as text, so its compressed page content was never read.
    [Test]
    public void M5_PdfNamedTxt_SniffedAndInspectedAsPdf()
    {
        var report = Check("notes.txt", Fixtures.Pdf("Nobody", "Ring 07700 900123"));

        Assert.That(Kinds(report), Does.Contain(SafetyFindingKind.PhoneNumber).And.Contain(SafetyFindingKind.Uninspectable));
    }

    // Old code: the extension said "PDF" and the PDF check reported only a missing header; a legacy .xls named
    // .xlsx failed as a corrupt package. Both are "could not inspect" for what they really are now.
    [Test]
    public void M5_LegacyWorkbookNamedXlsx_CouldNotInspectAsWhatItIs()
    {
        var report = Check("budget.xlsx", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0]);

        Assert.That(report.Findings.Single().Detail, Does.StartWith("could not inspect").And.Contain("legacy Office"));
    }

    // Old code: chart parts were not looked at; the cached values of a chart are a copy of its source data.
    [Test]
    public void M5_WorkbookWithChartCache_Found()
    {
        var workbook = Fixtures.Workbook([new Fixtures.SheetSpec("Summary", Rows)], (_, ws) =>
        {
            var drawings = ws.AddNewPart<DrawingsPart>();
            drawings.WorksheetDrawing = new DocumentFormat.OpenXml.Drawing.Spreadsheet.WorksheetDrawing();
            var chart = drawings.AddNewPart<ChartPart>();
            chart.ChartSpace = new C.ChartSpace(new C.Chart(new C.PlotArea(new C.BarChart(new C.BarChartSeries(
                new C.Index { Val = 0U }, new C.Order { Val = 0U },
                new C.CategoryAxisData(new C.StringReference(new C.Formula("Raw!$A$2:$A$3"),
                    new C.StringCache(new C.PointCount { Val = 2U }, new C.StringPoint(new C.NumericValue("Jane Example")) { Index = 0U }))))))));
        });

        var report = Check("chart.xlsx", workbook);

        Assert.That(Kinds(report), Is.EqualTo(new[] { SafetyFindingKind.ChartCache }));
    }

    // Old code: connections.xml was not looked at.
    [Test]
    public void M5_WorkbookWithDataConnection_Found()
    {
        var workbook = Fixtures.Workbook([new Fixtures.SheetSpec("Summary", Rows)], (wb, _) =>
        {
            var part = wb.AddNewPart<ConnectionsPart>();
            part.Connections = new Connections(new Connection(new DatabaseProperties { Connection = "Provider=SQLOLEDB;Data Source=hr-sql01;Initial Catalog=Payroll" })
            {
                Id = 1U, Name = "Payroll", Type = 1U,
            });
        });

        var report = Check("pay.xlsx", workbook);

        Assert.That(Kinds(report), Is.EqualTo(new[] { SafetyFindingKind.DataConnection }));
    }

    // Old code: slides were read for text only; show="0" was not looked at.
    [Test]
    public void M5_PresentationWithHiddenSlide_Blocked()
    {
        using var ms = new MemoryStream();
        using (var doc = PresentationDocument.Create(ms, DocumentFormat.OpenXml.PresentationDocumentType.Presentation))
        {
            var presentation = doc.AddPresentationPart();
            presentation.Presentation = new P.Presentation();
            presentation.AddNewPart<SlidePart>().Slide = new P.Slide(new P.CommonSlideData(new P.ShapeTree())) { Show = false };
            presentation.AddNewPart<SlidePart>().Slide = new P.Slide(new P.CommonSlideData(new P.ShapeTree()));
        }

        var report = Check("briefing.pptx", ms.ToArray());

        Assert.That(Kinds(report), Is.EqualTo(new[] { SafetyFindingKind.HiddenSlide }));
        Assert.That(report.Findings.Single().Severity, Is.EqualTo(SafetySeverity.High));
    }

    // Old code: defined names were not looked at.
    [Test]
    public void M5_WorkbookWithHiddenDefinedName_FoundButNotExcelsOwnFilterName()
    {
        var workbook = Fixtures.Workbook([new Fixtures.SheetSpec("Summary", Rows)], (wb, _) => wb.Workbook.Append(new DefinedNames(
            new DefinedName("Summary!$A$1:$B$3") { Name = "_xlnm._FilterDatabase", LocalSheetId = 0U, Hidden = true },
            new DefinedName("\"Jane Example, grade 7\"") { Name = "Reviewer", Hidden = true })));

        var report = Check("w.xlsx", workbook);

        Assert.That(report.Findings.Select(f => (f.Kind, f.Detail)), Is.EqualTo(new[] { (SafetyFindingKind.HiddenName, "hidden defined name 'Reviewer'") }));
    }

    // Old code: only hidden="1" was looked for; a row of zero height or a column of zero width hid cells unseen.
    [Test]
    public void M5_WorkbookWithZeroHeightRowAndZeroWidthColumn_Blocked()
    {
        var workbook = Fixtures.Workbook([new Fixtures.SheetSpec("Summary", Rows)], (_, ws) =>
        {
            var row = ws.Worksheet.Descendants<Row>().Single(r => r.RowIndex!.Value == 2U);
            row.Height = 0;
            row.CustomHeight = true;
            ws.Worksheet.InsertBefore(new Columns(new Column { Min = 2, Max = 2, Width = 0, CustomWidth = true }), ws.Worksheet.GetFirstChild<SheetData>());
        });

        var report = Check("w.xlsx", workbook);

        Assert.That(Kinds(report), Is.EquivalentTo(new[] { SafetyFindingKind.HiddenRows, SafetyFindingKind.HiddenColumns }));
        Assert.That(report.Findings.Single(f => f.Kind == SafetyFindingKind.HiddenRows).Detail, Does.Contain("2 (zero height)"));
        Assert.That(report.Findings.Single(f => f.Kind == SafetyFindingKind.HiddenColumns).Detail, Does.Contain("2-2 (zero width)"));
    }
}
