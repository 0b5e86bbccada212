namespace FoiDesk.SocialValue.Import;

/// <summary>One record of a delimited file: its fields, and the physical line it starts on (1-based).</summary>
public sealed record SourceRow(int Line, IReadOnlyList<string> Fields);

/// <summary>
/// Reads an export's CSV with CsvHelper: RFC 4180 (fields may be quoted; inside quotes a doubled quote is one quote
/// and commas, CR and LF are data), records ending at CRLF, LF or a lone CR (spreadsheet exports use all three), a
/// UTF-8 byte order mark skipped, blank lines between records skipped (RFC 4180 does not allow them, Excel writes
/// them). Every record keeps the physical line it starts on, so import errors name file, line and column.
/// Malformed quoting (a quote inside an unquoted field, text after a closing quote, an unterminated quote) raises
/// <see cref="CsvFormatException"/> with the line, rather than guessing: CsvHelper's recovery would import a value
/// the council never wrote.
/// </summary>
public static class CsvReader
{
    private static readonly CsvHelper.CsvReaderOptions Options = CsvHelper.CsvReaderOptions.Default with
    {
        Separator = ',',
        HasHeader = false,
        Mode = CsvHelper.CsvMode.Rfc4180,
        AllowLineBreaksInQuotes = true,
        SkipEmptyLines = true,
        TrimWhitespace = false,
        TrackLineNumbers = true,
        // Records of another width are the validator's to report, per row, with the table's own wording.
        FieldCountMismatch = CsvHelper.CsvFieldCountHandling.Allow,
    };

    public static IReadOnlyList<SourceRow> Read(string text)
    {
        CsvHelper.CsvMalformedRecord? malformed = null;
        var options = Options with { OnMalformedRecord = record => malformed ??= record };
        var rows = new List<SourceRow>();
        using (var reader = CsvHelper.CsvReader.FromText(text.StartsWith('\uFEFF') ? text[1..] : text, options))
        {
            while (reader.Read() && malformed is null)
            {
                rows.Add(new SourceRow(checked((int)reader.LineNumber), reader.Current.ToArray()));
            }
        }
        if (malformed is { } bad)
        {
            throw new CsvFormatException(checked((int)bad.LineNumber), bad.Reason switch
            {
                CsvHelper.CsvMalformedReason.StrayQuote => "a quote inside an unquoted field",
                CsvHelper.CsvMalformedReason.TextAfterClosingQuote => "text after a closing quote",
                CsvHelper.CsvMalformedReason.UnterminatedQuote => "a quoted field is not closed",
                var other => $"malformed CSV ({other})",
            });
        }
        return rows;
    }
}

public sealed class CsvFormatException(int line, string reason) : Exception($"line {line}: {reason}")
{
    public int Line { get; } = line;
    public string Reason { get; } = reason;
}
