using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace FoiDesk.Tests.Replies.Safety;

/// <summary>Attachments made at run time with the Open XML SDK (and a hand-written PDF), each with one known problem.</summary>
internal static class Fixtures
{
    public sealed record SheetSpec(string Name, string[][] Rows, SheetStateValues? State = null, int[]? HiddenRows = null, bool HiddenColumnB = false);

    public static byte[] Workbook(params SheetSpec[] sheets) => Workbook(sheets, null);

    public static byte[] Workbook(SheetSpec[] sheets, Action<WorkbookPart, WorksheetPart>? extra)
    {
        using var ms = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(ms, SpreadsheetDocumentType.Workbook))
        {
            var wb = doc.AddWorkbookPart();
            wb.Workbook = new Workbook();
            var sheetList = wb.Workbook.AppendChild(new Sheets());
            uint id = 1;
            WorksheetPart? first = null;
            foreach (var spec in sheets)
            {
                var ws = wb.AddNewPart<WorksheetPart>();
                first ??= ws;
                var data = new SheetData();
                for (var r = 0; r < spec.Rows.Length; r++)
                {
                    var row = new Row { RowIndex = (uint)(r + 1) };
                    if (spec.HiddenRows?.Contains(r + 1) == true)
                    {
                        row.Hidden = true;
                    }
                    for (var c = 0; c < spec.Rows[r].Length; c++)
                    {
                        row.Append(new Cell
                        {
                            CellReference = $"{(char)('A' + c)}{r + 1}",
                            DataType = CellValues.InlineString,
                            InlineString = new InlineString(new Text(spec.Rows[r][c])),
                        });
                    }
                    data.Append(row);
                }
                var worksheet = new Worksheet();
                if (spec.HiddenColumnB)
                {
                    worksheet.Append(new Columns(new Column { Min = 2, Max = 2, Width = 10, CustomWidth = true, Hidden = true }));
                }
                worksheet.Append(data);
                ws.Worksheet = worksheet;
                var sheet = new Sheet { Id = wb.GetIdOfPart(ws), SheetId = id++, Name = spec.Name };
                if (spec.State is { } state)
                {
                    sheet.State = state;
                }
                sheetList.Append(sheet);
            }
            extra?.Invoke(wb, first!);
        }
        return ms.ToArray();
    }

    public static byte[] WorkbookWithPivotCache() => Workbook([new SheetSpec("Summary", [["Ward", "Count"], ["North", "3"]])], (wb, _) =>
    {
        var cache = wb.AddNewPart<PivotTableCacheDefinitionPart>();
        cache.PivotCacheDefinition = new PivotCacheDefinition(
            new CacheSource(new WorksheetSource { Sheet = "Data", Reference = "A1:B3" }) { Type = SourceValues.Worksheet },
            new CacheFields(new CacheField(new SharedItems(new StringItem { Val = "North" })) { Name = "Ward" }))
        { Id = "rId1", RecordCount = 2U };
    });

    public static byte[] WorkbookWithComment() => Workbook([new SheetSpec("Summary", [["Ward", "Count"]])], (_, ws) =>
    {
        var comments = ws.AddNewPart<WorksheetCommentsPart>();
        comments.Comments = new Comments(
            new Authors(new Author("Sam Officer")),
            new CommentList(new Comment(new CommentText(new Text("Figures from Jane's team"))) { Reference = "A1", AuthorId = 0U }));
    });

    public static byte[] Document(Func<W.Body> body, Action<WordprocessingDocument>? extra = null)
    {
        using var ms = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(ms, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            main.Document = new W.Document(body());
            extra?.Invoke(doc);
        }
        return ms.ToArray();
    }

    public static W.Paragraph Para(string text) => new(new W.Run(new W.Text(text)));

    public static byte[] DocumentWithTrackedChanges() => Document(() => new W.Body(
        new W.Paragraph(
            new W.Run(new W.Text("The contract value is ") { Space = SpaceProcessingModeValues.Preserve }),
            new W.DeletedRun(new W.Run(new W.DeletedText("£1.2m, agreed with Jane Example"))) { Id = "1", Author = "Sam Officer" },
            new W.InsertedRun(new W.Run(new W.Text("withheld under s.43(2)"))) { Id = "2", Author = "Sam Officer" })));

    public static byte[] DocumentWithComment() => Document(() => new W.Body(Para("Our response")), doc =>
    {
        var part = doc.MainDocumentPart!.AddNewPart<WordprocessingCommentsPart>();
        part.Comments = new W.Comments(new W.Comment(Para("Ring Jane on 07700 900123 before sending")) { Id = "1", Author = "Sam Officer" });
    });

    public static byte[] DocumentWithAuthor() => Document(() => new W.Body(Para("Our response")), doc =>
    {
        doc.PackageProperties.Creator = "Sam Officer";
        doc.PackageProperties.LastModifiedBy = "Alex Junior";
    });

    /// <summary>A one-page PDF with /Author in the Info dictionary and an email address in a Flate-compressed content stream.</summary>
    public static byte[] Pdf(string author, string pageText, bool compress = true)
    {
        var content = Encoding.Latin1.GetBytes($"BT /F1 12 Tf 72 712 Td ({pageText}) Tj ET");
        byte[] stream;
        if (compress)
        {
            using var ms = new MemoryStream();
            using (var z = new ZLibStream(ms, CompressionLevel.Optimal, leaveOpen: true))
            {
                z.Write(content);
            }
            stream = ms.ToArray();
        }
        else
        {
            stream = content;
        }
        var filter = compress ? " /Filter /FlateDecode" : "";
        using var pdf = new MemoryStream();
        void W(string s) => pdf.Write(Encoding.Latin1.GetBytes(s));
        W("%PDF-1.4\n");
        W("1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n");
        W("2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n");
        W("3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >> endobj\n");
        W($"4 0 obj << /Length {stream.Length}{filter} >>\nstream\n");
        pdf.Write(stream);
        W("\nendstream\nendobj\n");
        W("5 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj\n");
        W($"6 0 obj << /Author ({author}) /Producer (FoiDesk tests) >> endobj\n");
        W("trailer << /Root 1 0 R /Info 6 0 R >>\n%%EOF\n");
        return pdf.ToArray();
    }
}
