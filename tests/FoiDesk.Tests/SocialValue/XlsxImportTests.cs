using System.Globalization;
using Dapper;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using FoiDesk.Database;
using FoiDesk.SocialValue.Import;
using FoiDesk.Tests.Database;
using Npgsql;

namespace FoiDesk.Tests.SocialValue;

/// <summary>XLSX exports with the same columns, generated here with the Open XML SDK (no binary fixtures).</summary>
public sealed class XlsxImportTests
{
    private string _dir = "";

    [SetUp]
    public void SetUp()
    {
        _dir = Path.Combine(Path.GetTempPath(), $"svx-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_dir);
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    /// <summary>
    /// One workbook, one sheet per table. Cells that look like numbers are written as numeric cells (as Excel
    /// stores them: doubles), everything else as inline strings.
    /// </summary>
    private static void WriteWorkbook(string path, IEnumerable<(string Sheet, List<string[]> Rows)> sheets)
    {
        using var doc = SpreadsheetDocument.Create(path, SpreadsheetDocumentType.Workbook);
        var book = doc.AddWorkbookPart();
        book.Workbook = new Workbook(new Sheets());
        uint id = 1;
        foreach (var (name, rows) in sheets)
        {
            var part = book.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            foreach (var row in rows)
            {
                data.Append(new Row(row.Select(v =>
                    double.TryParse(v, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _) && !v.StartsWith('0') || v is "0" || v.StartsWith("0.", StringComparison.Ordinal)
                        ? new Cell { DataType = CellValues.Number, CellValue = new CellValue(v) }
                        : new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(v)) })));
            }

            part.Worksheet = new Worksheet(data);
            book.Workbook.Sheets!.Append(new Sheet { Id = book.GetIdOfPart(part), SheetId = id++, Name = name });
        }

        book.Workbook.Save();
    }

    private static List<string[]> Csv(string file) =>
        [.. CsvReader.Read(File.ReadAllText(Path.Combine(Sample.Directory, file))).Select(r => r.Fields.ToArray())];

    [Test]
    public async Task Import_WorkbookOfTheSample_SameCountsAndSumsAsCsv()
    {
        DapperSetup.Configure();
        WriteWorkbook(Path.Combine(_dir, "wexbridge-export.xlsx"), Sample.Files.Select(f => (Path.GetFileNameWithoutExtension(f), Csv(f))));
        await using var ds = NpgsqlDataSource.Create(await TestCluster.CreateDatabaseAsync());

        var result = await new SocialValueImporter(ds, TimeProvider.System).ImportDirectoryAsync(_dir, "test", null, CancellationToken.None);

        Assert.That(result.Errors, Is.Empty);
        Assert.That(result.Counts["returns"], Is.EqualTo(new TableCounts(1302, 0, 0)));
        Assert.That(result.Counts["contracts"], Is.EqualTo(new TableCounts(40, 0, 0)));
        await using var conn = await ds.OpenConnectionAsync();
        var verified = await conn.ExecuteScalarAsync<decimal>("select sum(verified_sv_gbp) from sv_return");
        Assert.That(verified, Is.EqualTo(Sample.Rows("returns.csv").Sum(r => Sample.Dec(r["verified_sv_gbp"]))), "numbers survive the double round trip exactly");
        Assert.That(await conn.ExecuteScalarAsync<string>("select period_start::text from sv_return where return_id = 'RT00001'"), Is.EqualTo("2023-04-01"));
    }

    [Test]
    public async Task Import_WorkbookWithBadCell_ReportsSheetRowAndColumn()
    {
        DapperSetup.Configure();
        var returns = Csv("returns.csv");
        returns[7][15] = "lots"; // verified_sv_gbp, spreadsheet row 8
        WriteWorkbook(Path.Combine(_dir, "returns.xlsx"), [("Sheet1", returns)]);
        await using var ds = NpgsqlDataSource.Create(await TestCluster.CreateDatabaseAsync());

        var result = await new SocialValueImporter(ds, TimeProvider.System).ImportDirectoryAsync(_dir, "test", null, CancellationToken.None);

        // A single-sheet workbook is named by its file; its commitments are not stored, so those are reported too.
        var bad = result.Errors.Where(e => e.Column == "verified_sv_gbp").ToList();
        Assert.That(bad.Select(e => (e.File, e.Line)), Is.EqualTo(new[] { ("returns.xlsx#Sheet1", 8) }));
        Assert.That(result.Succeeded, Is.False);
    }
}
