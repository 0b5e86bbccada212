using System.Text;

namespace FoiDesk.SocialValue.Import;

/// <summary>One record of a delimited file: its fields, and the physical line it starts on (1-based).</summary>
public sealed record SourceRow(int Line, IReadOnlyList<string> Fields);

/// <summary>
/// RFC 4180 reader. Fields may be quoted; inside quotes a doubled quote is one quote and commas, CR and LF
/// are data. Records end at CRLF, LF or a lone CR (spreadsheet exports use all three). A UTF-8 byte order
/// mark is skipped. A blank line between records is skipped (RFC 4180 does not allow it, Excel writes it).
/// Malformed input (a quote inside an unquoted field, text after a closing quote, an unterminated quote)
/// raises <see cref="CsvFormatException"/> with the line, rather than guessing.
/// </summary>
public static class CsvReader
{
    public static IReadOnlyList<SourceRow> Read(string text)
    {
        var rows = new List<SourceRow>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var i = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        var fieldStarted = false;

        void EndField()
        {
            fields.Add(field.ToString());
            field.Clear();
            fieldStarted = false;
        }

        void EndRecord()
        {
            EndField();
            if (!(fields.Count == 1 && fields[0].Length == 0))
            {
                rows.Add(new SourceRow(recordLine, fields.ToArray()));
            }

            fields.Clear();
        }

        while (i < text.Length)
        {
            var c = text[i];
            if (c == '"' && !fieldStarted && field.Length == 0)
            {
                // Quoted field: read to the closing quote.
                var quoteLine = line;
                i++;
                while (true)
                {
                    if (i >= text.Length)
                    {
                        throw new CsvFormatException(quoteLine, "a quoted field is not closed");
                    }

                    var q = text[i];
                    if (q == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    if (q == '\n' || (q == '\r' && !(i + 1 < text.Length && text[i + 1] == '\n')))
                    {
                        line++;
                    }

                    field.Append(q);
                    i++;
                }

                fieldStarted = true;
                if (i < text.Length && text[i] is not (',' or '\r' or '\n'))
                {
                    throw new CsvFormatException(line, "text after a closing quote");
                }

                continue;
            }

            switch (c)
            {
                case ',':
                    EndField();
                    i++;
                    break;
                case '\r' or '\n':
                    EndRecord();
                    i += c == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? 2 : 1;
                    line++;
                    recordLine = line;
                    break;
                case '"':
                    throw new CsvFormatException(line, "a quote inside an unquoted field");
                default:
                    field.Append(c);
                    fieldStarted = true;
                    i++;
                    break;
            }
        }

        if (fieldStarted || fields.Count > 0)
        {
            EndRecord();
        }

        return rows;
    }
}

public sealed class CsvFormatException(int line, string reason) : Exception($"line {line}: {reason}")
{
    public int Line { get; } = line;
    public string Reason { get; } = reason;
}
