using FoiDesk.SocialValue.Import;

namespace FoiDesk.Tests.SocialValue;

public sealed class CsvReaderTests
{
    private static string Render(IReadOnlyList<SourceRow> rows) =>
        string.Join(" / ", rows.Select(r => $"{r.Line}:[{string.Join("|", r.Fields)}]"));

    [TestCase("a,b\r\n1,2\r\n", "1:[a|b] / 2:[1|2]")] // CRLF, as Excel and the sample write it
    [TestCase("a,b\n1,2\n", "1:[a|b] / 2:[1|2]")] // LF
    [TestCase("a,b\r1,2", "1:[a|b] / 2:[1|2]")] // lone CR (old Mac exports), no final newline
    [TestCase("\uFEFFa,b\n1,2", "1:[a|b] / 2:[1|2]")] // UTF-8 BOM is not part of the first column name
    [TestCase("a,b\n\"x, y\",2", "1:[a|b] / 2:[x, y|2]")] // quoted comma
    [TestCase("a\n\"say \"\"hi\"\"\"", "1:[a] / 2:[say \"hi\"]")] // doubled quote inside quotes
    [TestCase("a,b\n\"line1\r\nline2\",2\n3,4", "1:[a|b] / 2:[line1\r\nline2|2] / 4:[3|4]")] // embedded newline: next record's line counts it
    [TestCase("a,b\n,\n", "1:[a|b] / 2:[|]")] // empty fields
    [TestCase("a,b\n\"\",x", "1:[a|b] / 2:[|x]")] // empty quoted field
    [TestCase("a\n\n2\n", "1:[a] / 3:[2]")] // blank line skipped, line numbers stay physical
    [TestCase("a,b\n1,2,3", "1:[a|b] / 2:[1|2|3]")] // field-count problems are the validator's to report
    public void Read_Rfc4180Cases_SplitsRecordsAndFields(string text, string expected) =>
        Assert.That(Render(CsvReader.Read(text)), Is.EqualTo(expected));

    [TestCase("a\n\"open", 2, "a quoted field is not closed")]
    [TestCase("a\n\"x\"y", 2, "text after a closing quote")]
    [TestCase("a\nx\"y", 2, "a quote inside an unquoted field")]
    public void Read_Malformed_ThrowsWithLine(string text, int line, string reason)
    {
        var e = Assert.Throws<CsvFormatException>(() => CsvReader.Read(text));
        Assert.That((e!.Line, e.Reason), Is.EqualTo((line, reason)));
    }

    [Test]
    public void Read_SampleMeasures_EveryRecordHasTheHeaderWidth()
    {
        var rows = CsvReader.Read(File.ReadAllText(Path.Combine(Sample.Directory, "measures.csv")));

        Assert.That(rows, Has.Count.EqualTo(90));
        Assert.That(rows.All(r => r.Fields.Count == rows[0].Fields.Count), Is.True);
        Assert.That(rows[1].Fields[6], Does.Contain(", or the whole term"), "quoted description with a comma");
    }

    [TestCase(ColumnKind.Money, "12.34", true)]
    [TestCase(ColumnKind.Money, "-5", true)]
    [TestCase(ColumnKind.Money, "1.234", false)] // pence only
    [TestCase(ColumnKind.Money, "1,234.00", false)] // thousands separators are locale-dependent: refused
    [TestCase(ColumnKind.Money, "£12", false)]
    [TestCase(ColumnKind.Quantity, "1e3", false)] // exponents: a spreadsheet artefact
    [TestCase(ColumnKind.Quantity, "0.125", true)]
    [TestCase(ColumnKind.Percent, "100.0", true)]
    [TestCase(ColumnKind.Percent, "120", false)]
    [TestCase(ColumnKind.Date, "2025-02-29", false)] // not a leap year
    [TestCase(ColumnKind.Date, "31/05/2025", false)] // ISO only
    [TestCase(ColumnKind.Date, "2024-02-29", true)]
    [TestCase(ColumnKind.YesNo, "y", false)]
    public void TryConvert_Values_FollowTheExportRules(ColumnKind kind, string raw, bool ok) =>
        Assert.That(ImportValidator.TryConvert(new ColumnSpec("c", "c", kind, true), raw, out _, out _), Is.EqualTo(ok));
}
