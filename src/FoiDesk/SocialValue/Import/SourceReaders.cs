using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ExcelDataReader;

namespace FoiDesk.SocialValue.Import;

/// <summary>Reads an export directory: the sample's CSV file names, or XLSX files/sheets with the same columns.</summary>
public static class SourceReaders
{
    /// <summary>
    /// CSV files named as in the sample (frameworks.csv, measures.csv, ...). Any of them may be absent: a
    /// later export may hold just one period's returns. Rows of a file that is not valid CSV are reported
    /// as an error of the whole file at the line where the reader stopped.
    /// </summary>
    public static ImportSource ReadCsvDirectory(string directory, List<ImportError> errors)
    {
        var tables = new List<SourceTable>();
        var files = new List<SourceFile>();
        foreach (var spec in TableSpecs.All)
        {
            var path = Path.Combine(directory, spec.FileName);
            if (!File.Exists(path))
            {
                continue;
            }

            var bytes = File.ReadAllBytes(path);
            var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
            try
            {
                var rows = CsvReader.Read(text);
                if (rows.Count == 0)
                {
                    errors.Add(new(spec.FileName, 1, null, "the file is empty (no header)"));
                    continue;
                }

                tables.Add(new SourceTable(spec.Name, spec.FileName, rows[0].Fields, rows.Skip(1).ToList()));
                files.Add(new SourceFile(spec.FileName, Sha256(bytes), rows.Count - 1));
            }
            catch (CsvFormatException e)
            {
                errors.Add(new(spec.FileName, e.Line, null, e.Reason));
            }
        }

        return new ImportSource("csv", Path.GetFullPath(directory), tables, files);
    }

    /// <summary>
    /// XLSX: either one file per table (returns.xlsx, first sheet) or a workbook whose sheets are named after
    /// the tables. Row numbers in errors are the spreadsheet's own row numbers.
    /// </summary>
    public static ImportSource ReadXlsx(IEnumerable<string> paths, List<ImportError> errors)
    {
        // ExcelDataReader needs the legacy code pages for workbooks that declare one (older Excel, BIFF).
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var tables = new List<SourceTable>();
        var files = new List<SourceFile>();
        var list = paths.ToList();
        foreach (var path in list)
        {
            var bytes = File.ReadAllBytes(path);
            var fileName = Path.GetFileName(path);
            using var stream = new MemoryStream(bytes);
            using var reader = ExcelReaderFactory.CreateOpenXmlReader(stream);
            var rowsRead = 0;
            var sheetCount = reader.ResultsCount;
            do
            {
                var sheetName = reader.Name;
                var spec = TableSpecs.Find(sheetName)
                    ?? (sheetCount == 1 ? TableSpecs.Find(Path.GetFileNameWithoutExtension(path)) : null);
                if (spec is null)
                {
                    continue;
                }

                var rows = new List<SourceRow>();
                var rowNumber = 0;
                while (reader.Read())
                {
                    rowNumber++;
                    var fields = new List<string>(reader.FieldCount);
                    for (var i = 0; i < reader.FieldCount; i++)
                    {
                        fields.Add(CellText(reader.GetValue(i)));
                    }

                    rows.Add(new SourceRow(rowNumber, fields));
                }

                if (rows.Count == 0)
                {
                    errors.Add(new($"{fileName}#{sheetName}", 1, null, "the sheet is empty (no header)"));
                    continue;
                }

                // Trailing empty header cells come from formatted but empty columns.
                var header = rows[0].Fields.Reverse().SkipWhile(h => h.Length == 0).Reverse().ToList();
                var body = rows.Skip(1)
                    .Where(r => r.Fields.Any(f => f.Length > 0))
                    .Select(r => r with { Fields = Fit(r.Fields, header.Count) })
                    .ToList();
                tables.Add(new SourceTable(spec.Name, $"{fileName}#{sheetName}", header, body));
                rowsRead += body.Count;
            }
            while (reader.NextResult());

            files.Add(new SourceFile(fileName, Sha256(bytes), rowsRead));
        }

        return new ImportSource("xlsx", string.Join(";", list.Select(Path.GetFullPath)), tables, files);
    }

    /// <summary>Reads a directory: XLSX if it holds any .xlsx file, otherwise the CSV files.</summary>
    public static ImportSource ReadDirectory(string directory, List<ImportError> errors)
    {
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"no directory {directory}");
        }

        var workbooks = Directory.GetFiles(directory, "*.xlsx").Order(StringComparer.Ordinal).ToList();
        return workbooks.Count > 0 ? ReadXlsx(workbooks, errors) : ReadCsvDirectory(directory, errors);
    }

    private static List<string> Fit(IReadOnlyList<string> fields, int count) =>
        // Cells past the header are empty padding unless they hold text, which the field-count check reports.
        fields.Count > count && fields.Skip(count).All(f => f.Length == 0) ? fields.Take(count).ToList() : fields.ToList();

    /// <summary>
    /// Cell values as the CSV export would write them. Numbers come back from XLSX as doubles: the shortest
    /// round-trip text ("R") is the number the author typed, and the importer then reads it as an exact decimal.
    /// </summary>
    private static string CellText(object? cell) => cell switch
    {
        null or DBNull => "",
        string s => s,
        DateTime dt => dt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "Y" : "N",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => cell.ToString() ?? "",
    };

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
