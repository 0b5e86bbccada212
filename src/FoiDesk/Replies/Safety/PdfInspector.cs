using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;

namespace FoiDesk.Replies.Safety;

/// <summary>
/// A tolerant scan of a PDF's bytes, not a full parser. It looks at the raw file and at every stream it
/// can inflate (FlateDecode, including object streams and XMP metadata) for: the /Author entry of the Info
/// dictionary and dc:creator/pdf:Author in XMP; /EmbeddedFile, /JavaScript, /JS and /Launch; annotations
/// (comments, sticky notes, highlights); layers switched off; incremental updates; encryption. Text is
/// taken from literal strings shown with Tj/TJ, which finds text written with simple fonts; text in
/// hex-encoded CID fonts (many Word exports of non-Latin text) or in images is not extracted.
/// </summary>
internal static partial class PdfInspector
{
    internal const int MaxInflatedBytes = 64 * 1024 * 1024;

    [GeneratedRegex(@"/Author\s*(\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>)")]
    private static partial Regex InfoAuthor();

    [GeneratedRegex(@"<(dc:creator|pdf:Author)\b[^>]*>(.*?)</\1>", RegexOptions.Singleline)]
    private static partial Regex XmpAuthor();

    [GeneratedRegex(@"<[^>]+>")]
    private static partial Regex XmlTag();

    [GeneratedRegex(@"/Subtype\s*/(Text|FreeText|Popup|Highlight|Underline|StrikeOut|Squiggly|Caret|Ink|FileAttachment|Sound)\b")]
    private static partial Regex Annotation();

    [GeneratedRegex(@"/Subtype\s*/Redact\b")]
    private static partial Regex RedactAnnotation();

    [GeneratedRegex(@"/OFF\s*\[\s*\d")]
    private static partial Regex LayersOff();

    [GeneratedRegex(@"stream\r?\n")]
    private static partial Regex StreamStart();

    [GeneratedRegex(@"\((?:\\.|[^\\)])*\)\s*(?:Tj|'|"")|\[(?:[^\]\\]|\\.)*\]\s*TJ", RegexOptions.Singleline)]
    private static partial Regex ShowText();

    [GeneratedRegex(@"\((?:\\.|[^\\)])*\)", RegexOptions.Singleline)]
    private static partial Regex LiteralString();

    public static void Inspect(AttachmentToCheck file, List<SafetyFinding> findings, List<string> texts)
    {
        void Add(SafetyFindingKind kind, SafetySeverity severity, string detail) =>
            findings.Add(new SafetyFinding { Attachment = file.FileName, Kind = kind, Severity = severity, Detail = detail });

        // Latin-1 maps every byte to one char, so offsets and binary data survive the round trip.
        var raw = Encoding.Latin1.GetString(file.Content);
        if (!raw.StartsWith("%PDF-", StringComparison.Ordinal))
        {
            Add(SafetyFindingKind.Uninspectable, SafetySeverity.Medium, "the file does not start with a PDF header");
            return;
        }
        if (raw.Contains("/Encrypt", StringComparison.Ordinal))
        {
            Add(SafetyFindingKind.Uninspectable, SafetySeverity.Medium, "the PDF is encrypted, so its contents cannot be checked");
            return;
        }

        var layers = new List<string> { raw };
        var inflated = InflateStreams(raw);
        layers.AddRange(inflated.Streams);
        if (inflated.Problem is { } problem)
        {
            // Fail closed (security review M5): what was not read cannot be cleared. The old code stopped reading
            // at the 64 MB budget and reported nothing, so anything after it went out unchecked.
            Add(SafetyFindingKind.Uninspectable, SafetySeverity.High, $"could not inspect the whole PDF: {problem}; check it by hand or send a smaller file");
        }

        var authors = new SortedSet<string>(StringComparer.Ordinal);
        var seen = new HashSet<SafetyFindingKind>();
        foreach (var layer in layers)
        {
            foreach (Match m in InfoAuthor().Matches(layer))
            {
                authors.Add(DecodeString(m.Groups[1].Value));
            }
            foreach (Match m in XmpAuthor().Matches(layer))
            {
                authors.Add(System.Net.WebUtility.HtmlDecode(XmlTag().Replace(m.Groups[2].Value, " ")).Trim());
            }
            if (layer.Contains("/EmbeddedFile", StringComparison.Ordinal) && seen.Add(SafetyFindingKind.EmbeddedObject))
            {
                Add(SafetyFindingKind.EmbeddedObject, SafetySeverity.High, "the PDF carries embedded files (attachments inside the PDF)");
            }
            if ((layer.Contains("/JavaScript", StringComparison.Ordinal) || layer.Contains("/JS", StringComparison.Ordinal)
                || layer.Contains("/Launch", StringComparison.Ordinal)) && seen.Add(SafetyFindingKind.Script))
            {
                Add(SafetyFindingKind.Script, SafetySeverity.High, "the PDF contains JavaScript or launch actions");
            }
            if (Annotation().Match(layer) is { Success: true } a && seen.Add(SafetyFindingKind.Comments))
            {
                Add(SafetyFindingKind.Comments, SafetySeverity.Medium, $"the PDF has comment or mark-up annotations (/{a.Groups[1].Value})");
            }
            if (RedactAnnotation().IsMatch(layer) && seen.Add(SafetyFindingKind.UnappliedRedaction))
            {
                // A /Redact annotation only marks an area; until it is applied the text and images under it are
                // still in the file, and anyone can select and copy them (ISO 32000-1 12.5.6.23).
                Add(SafetyFindingKind.UnappliedRedaction, SafetySeverity.High,
                    "the PDF has redaction marks that were never applied: the text under them is still in the file");
            }
            if (LayersOff().IsMatch(layer) && seen.Add(SafetyFindingKind.HiddenText))
            {
                Add(SafetyFindingKind.HiddenText, SafetySeverity.Medium, "the PDF has layers switched off; their content is still in the file");
            }
            texts.Add(ExtractText(layer));
        }
        authors.Remove("");
        foreach (var author in authors)
        {
            Add(SafetyFindingKind.AuthorMetadata, SafetySeverity.Low, $"document properties name the author: {author}");
            texts.Add(author);
        }

        var revisions = Regex.Count(raw, "%%EOF");
        if (revisions > 1)
        {
            Add(SafetyFindingKind.IncrementalUpdate, SafetySeverity.Low,
                $"the PDF was saved {revisions} times incrementally; earlier revisions, including removed or redacted content, may still be in the file");
        }
    }

    /// <summary>
    /// Every FlateDecode stream inflated, up to <see cref="MaxInflatedBytes"/> in all (a decompression bomb
    /// cannot exhaust memory). Problem says what could not be read: the budget ran out, or a stream is damaged.
    /// </summary>
    private static (List<string> Streams, string? Problem) InflateStreams(string raw)
    {
        var streams = new List<string>();
        var damaged = 0;
        long total = 0;
        foreach (Match m in StreamStart().Matches(raw))
        {
            var dictStart = raw.LastIndexOf("<<", m.Index, StringComparison.Ordinal);
            if (dictStart < 0 || !raw[dictStart..m.Index].Contains("/FlateDecode", StringComparison.Ordinal))
            {
                continue;
            }
            var start = m.Index + m.Length;
            var end = raw.IndexOf("endstream", start, StringComparison.Ordinal);
            if (end < 0)
            {
                continue;
            }
            var bytes = Encoding.Latin1.GetBytes(raw[start..end]);
            try
            {
                using var z = new ZLibStream(new MemoryStream(bytes), CompressionMode.Decompress);
                using var output = new MemoryStream();
                var buffer = new byte[81920];
                int n;
                while ((n = z.Read(buffer)) > 0)
                {
                    if (total + output.Length + n > MaxInflatedBytes)
                    {
                        return (streams, string.Create(CultureInfo.InvariantCulture, $"its compressed streams hold more than {MaxInflatedBytes / (1024 * 1024)} MB"));
                    }
                    output.Write(buffer, 0, n);
                }
                total += output.Length;
                streams.Add(Encoding.Latin1.GetString(output.ToArray()));
            }
            catch (InvalidDataException)
            {
                damaged++;
            }
        }

        return (streams, damaged == 0 ? null : string.Create(CultureInfo.InvariantCulture, $"{damaged} compressed stream(s) are damaged and could not be read"));
    }

    private static string ExtractText(string content)
    {
        var sb = new StringBuilder();
        foreach (Match show in ShowText().Matches(content))
        {
            foreach (Match s in LiteralString().Matches(show.Value))
            {
                sb.Append(DecodeString(s.Value));
            }
            sb.Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>Decodes a PDF literal "(...)" or hex "&lt;...&gt;" string; UTF-16BE with a BOM or PDFDocEncoding (read as Latin-1).</summary>
    internal static string DecodeString(string token)
    {
        var bytes = new List<byte>();
        if (token.StartsWith('<'))
        {
            var hex = new string([.. token.Where(char.IsAsciiHexDigit)]);
            if (hex.Length % 2 == 1)
            {
                hex += "0";
            }
            for (var i = 0; i < hex.Length; i += 2)
            {
                bytes.Add(Convert.ToByte(hex.Substring(i, 2), 16));
            }
        }
        else
        {
            var s = token[1..^1];
            for (var i = 0; i < s.Length; i++)
            {
                var c = s[i];
                if (c != '\\' || i + 1 >= s.Length)
                {
                    bytes.Add((byte)c);
                    continue;
                }
                var e = s[++i];
                switch (e)
                {
                    case 'n': bytes.Add((byte)'\n'); break;
                    case 'r': bytes.Add((byte)'\r'); break;
                    case 't': bytes.Add((byte)'\t'); break;
                    case 'b': bytes.Add((byte)'\b'); break;
                    case 'f': bytes.Add((byte)'\f'); break;
                    case '\r' or '\n': break;
                    case >= '0' and <= '7':
                        var octal = e - '0';
                        for (var k = 0; k < 2 && i + 1 < s.Length && s[i + 1] is >= '0' and <= '7'; k++)
                        {
                            octal = octal * 8 + (s[++i] - '0');
                        }
                        bytes.Add((byte)octal);
                        break;
                    default: bytes.Add((byte)e); break;
                }
            }
        }
        var array = bytes.ToArray();
        return array is [0xFE, 0xFF, ..] ? Encoding.BigEndianUnicode.GetString(array, 2, array.Length - 2) : Encoding.Latin1.GetString(array);
    }
}
