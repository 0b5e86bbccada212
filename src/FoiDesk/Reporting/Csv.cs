using System.Globalization;
using CsvHelper;

namespace FoiDesk.Reporting;

/// <summary>
/// Every CSV FoiDesk writes (quarterly statistics, the disclosure log) goes through here, written by CsvHelper:
/// RFC 4180 (CRLF line ends, fields quoted when they hold a comma, quote, CR or LF, quotes doubled).
/// <para>
/// CSV injection: a spreadsheet opening the file runs a cell that starts with =, +, -, @, tab or CR as a formula,
/// and request subjects and case text come from the public. As OWASP's CSV injection guidance recommends, such a
/// text cell is written with a single quote in front ("'=SUM(A1)"), which spreadsheets show as text. The rule
/// applies to text only: values FoiDesk writes as numbers (<see cref="Number"/>) and dates (<see cref="Date"/>) are
/// not touched, because a number such as -5 or a date such as 2025-03-20 is no formula, and quoting them would
/// turn a negative count into text. A text cell that happens to look like a number ("-5" from a request subject)
/// is still neutralised: only what FoiDesk itself typed as a number is trusted.
/// </para>
/// </summary>
public static class Csv
{
    private static readonly CsvWriterOptions Options = CsvWriterOptions.Default with
    {
        Injection = CsvInjection.Escape,
        InjectionEscape = '\'',
        FormatProvider = CultureInfo.InvariantCulture,
        NewLine = "\r\n",
    };

    /// <summary>A cell FoiDesk typed as a number: written as it is.</summary>
    public sealed record Number(long Value);

    /// <summary>A date, written yyyy-MM-dd.</summary>
    public sealed record Date(DateOnly Value);

    /// <summary>Writes a header and records; a cell is text (neutralised as above), a <see cref="Number"/> or a <see cref="Date"/>.</summary>
    public static string Write(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<object?>> records)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var writer = CsvWriter.Create(text, Options, leaveOpen: true))
        {
            foreach (var name in header)
            {
                writer.WriteField(name);
            }
            writer.EndRecord();
            foreach (var record in records)
            {
                foreach (var cell in record)
                {
                    switch (cell)
                    {
                        case Number n:
                            writer.WriteField(n.Value, "");
                            break;
                        case Date d:
                            writer.WriteField(d.Value, "yyyy-MM-dd");
                            break;
                        default:
                            writer.WriteField(cell as string ?? cell?.ToString());
                            break;
                    }
                }
                writer.EndRecord();
            }
        }
        return text.ToString();
    }

    /// <summary>One text cell as it appears in a file FoiDesk writes (quoted and neutralised as needed).</summary>
    public static string Field(string value)
    {
        var line = Write([value], []).TrimEnd('\r', '\n');
        // A record of one empty field is written "" so that it does not read as a blank line; as a cell it is empty.
        return line == "\"\"" ? "" : line;
    }
}
