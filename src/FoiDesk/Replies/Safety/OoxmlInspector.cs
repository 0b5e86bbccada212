using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;

namespace FoiDesk.Replies.Safety;

/// <summary>
/// Reads an XLSX, DOCX or PPTX package part by part with a plain ZIP reader and a streaming XmlReader (DTDs
/// refused), so a corrupt or hostile file can neither execute anything nor stop the check: it is reported.
/// </summary>
internal static class OoxmlInspector
{
    private const string WordNs = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    private const long MaxPartBytes = 256L * 1024 * 1024;

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreWhitespace = false,
    };

    public static void Inspect(AttachmentToCheck file, List<SafetyFinding> findings, List<string> texts)
    {
        void Add(SafetyFindingKind kind, SafetySeverity severity, string detail) =>
            findings.Add(new SafetyFinding { Attachment = file.FileName, Kind = kind, Severity = severity, Detail = detail });

        try
        {
            using var zip = new ZipArchive(new MemoryStream(file.Content), ZipArchiveMode.Read);
            foreach (var entry in zip.Entries.OrderBy(e => e.FullName, StringComparer.Ordinal))
            {
                var name = entry.FullName;
                if (entry.Length > MaxPartBytes)
                {
                    Add(SafetyFindingKind.Uninspectable, SafetySeverity.Medium, $"part {name} is too large to inspect ({entry.Length} bytes)");
                    continue;
                }
                InspectPart(entry, name, Add, texts);
            }
        }
        catch (Exception e) when (e is InvalidDataException or XmlException or IOException)
        {
            Add(SafetyFindingKind.Uninspectable, SafetySeverity.Medium, $"the file could not be read as an Office document: {e.Message}");
        }
    }

    // Parts are recognised by their root element, not their path: packages written by System.IO.Packaging
    // or other tools put parts wherever they like (e.g. "pivotCache/pivotCacheDefinition1.xml" at the root).
    private static void InspectPart(ZipArchiveEntry entry, string name, Action<SafetyFindingKind, SafetySeverity, string> add, List<string> texts)
    {
        var file = Path.GetFileName(name);
        if (name.Contains("embeddings/", StringComparison.OrdinalIgnoreCase)
            || file.StartsWith("oleObject", StringComparison.OrdinalIgnoreCase))
        {
            add(SafetyFindingKind.EmbeddedObject, SafetySeverity.High, $"embedded file {file} (it travels with the document in full)");
            return;
        }
        if (file.Equals("vbaProject.bin", StringComparison.OrdinalIgnoreCase))
        {
            add(SafetyFindingKind.Macro, SafetySeverity.Medium, "the document contains macros");
            return;
        }
        if (!(name.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".rels", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith(".psmdcp", StringComparison.OrdinalIgnoreCase)))
        {
            return;
        }

        switch (RootElement(entry))
        {
            case "workbook":
                Workbook(entry, add);
                break;
            case "worksheet":
                Worksheet(entry, name, add, texts);
                break;
            case "sst":
                texts.Add(ReadText(entry));
                break;
            case "pivotCacheDefinition":
                add(SafetyFindingKind.PivotCache, SafetySeverity.High,
                    $"pivot cache {file}: a pivot table keeps a full copy of its source data, even rows not shown");
                texts.Add(ReadText(entry));
                break;
            case "pivotCacheRecords":
                texts.Add(ReadText(entry));
                break;
            case "externalLink":
                add(SafetyFindingKind.ExternalLink, SafetySeverity.Medium, $"link to another workbook ({file}); values cached from it are stored in this file");
                break;
            // Spreadsheet notes and Word comments (comments), Excel threaded comments (ThreadedComments),
            // PowerPoint comments (cmLst) and speaker notes (notes).
            case "comments" or "ThreadedComments" or "cmLst" or "notes":
                var text = ReadText(entry);
                if (text.Trim().Length > 0)
                {
                    add(SafetyFindingKind.Comments, SafetySeverity.Medium, $"comments or notes ({name})");
                    texts.Add(text);
                }
                break;
            case "Relationships":
                ExternalRelationships(entry, name, add);
                break;
            case "coreProperties":
                CoreProperties(entry, add, texts);
                break;
            case "document" or "hdr" or "ftr" or "footnotes" or "endnotes":
                WordStory(entry, name, add, texts);
                break;
            case "sld":
                if (IsFalse(RootAttribute(entry, "show")))
                {
                    add(SafetyFindingKind.HiddenSlide, SafetySeverity.High, $"slide {file} is hidden: it is not shown in the presentation but travels with it");
                }
                texts.Add(ReadText(entry));
                break;
            case "chartSpace":
                // c:strCache / c:numCache hold the plotted values, from hidden rows too, and survive deleting the sheet.
                add(SafetyFindingKind.ChartCache, SafetySeverity.Medium, $"chart {file} keeps a cached copy of the data it plots");
                texts.Add(ReadText(entry));
                break;
            case "connections" or "queryTable":
                add(SafetyFindingKind.DataConnection, SafetySeverity.Medium,
                    $"the workbook has a connection to an external data source ({file}): it can name servers, databases and queries");
                texts.Add(ReadText(entry));
                break;
        }
    }

    private static string? RootElement(ZipArchiveEntry entry)
    {
        using var reader = Open(entry);
        return reader.MoveToContent() == XmlNodeType.Element ? reader.LocalName : null;
    }

    private static string? RootAttribute(ZipArchiveEntry entry, string attribute)
    {
        using var reader = Open(entry);
        return reader.MoveToContent() == XmlNodeType.Element ? reader.GetAttribute(attribute) : null;
    }

    private static XmlReader Open(ZipArchiveEntry entry) => XmlReader.Create(entry.Open(), Settings);

    private static void Workbook(ZipArchiveEntry entry, Action<SafetyFindingKind, SafetySeverity, string> add)
    {
        using var reader = Open(entry);
        while (reader.Read())
        {
            // Hidden names can hold values or point at hidden ranges. Excel's own built-in names (_xlnm.*,
            // such as the hidden _FilterDatabase an autofilter makes) are not a finding.
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "definedName" && IsTrue(reader.GetAttribute("hidden"))
                && reader.GetAttribute("name") is { } definedName && !definedName.StartsWith("_xlnm.", StringComparison.Ordinal))
            {
                add(SafetyFindingKind.HiddenName, SafetySeverity.Medium, $"hidden defined name '{definedName}'");
            }
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "sheet")
            {
                var state = reader.GetAttribute("state");
                if (state is "hidden" or "veryHidden")
                {
                    add(SafetyFindingKind.HiddenSheet, SafetySeverity.High, state == "veryHidden"
                        ? $"sheet '{reader.GetAttribute("name")}' is very hidden (it cannot be unhidden from Excel's menus)"
                        : $"sheet '{reader.GetAttribute("name")}' is hidden");
                }
            }
        }
    }

    private static void Worksheet(ZipArchiveEntry entry, string name, Action<SafetyFindingKind, SafetySeverity, string> add, List<string> texts)
    {
        var hiddenRows = new List<string>();
        var hiddenCols = new List<string>();
        var text = new StringBuilder();
        var inInlineText = false;
        using (var reader = Open(entry))
        {
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element)
                {
                    switch (reader.LocalName)
                    {
                        case "row" when IsTrue(reader.GetAttribute("hidden")):
                            hiddenRows.Add(reader.GetAttribute("r") ?? "?");
                            break;
                        // A row or column squeezed to nothing hides its cells as well as the hidden flag does.
                        case "row" when IsZero(reader.GetAttribute("ht")):
                            hiddenRows.Add($"{reader.GetAttribute("r") ?? "?"} (zero height)");
                            break;
                        case "col" when IsTrue(reader.GetAttribute("hidden")):
                            hiddenCols.Add($"{reader.GetAttribute("min")}-{reader.GetAttribute("max")}");
                            break;
                        case "col" when IsZero(reader.GetAttribute("width")):
                            hiddenCols.Add($"{reader.GetAttribute("min")}-{reader.GetAttribute("max")} (zero width)");
                            break;
                        case "sheetFormatPr" when IsTrue(reader.GetAttribute("zeroHeight")) || IsZero(reader.GetAttribute("defaultRowHeight")):
                            hiddenRows.Add("every row without its own height (zero default height)");
                            break;
                        case "oleObject":
                            add(SafetyFindingKind.EmbeddedObject, SafetySeverity.High, $"embedded object in {name}");
                            break;
                        case "t":
                            inInlineText = true;
                            break;
                    }
                }
                else if (reader.NodeType == XmlNodeType.EndElement && reader.LocalName == "t")
                {
                    inInlineText = false;
                }
                else if (inInlineText && reader.NodeType is XmlNodeType.Text or XmlNodeType.SignificantWhitespace)
                {
                    text.Append(reader.Value).Append('\n');
                }
            }
        }
        var sheet = Path.GetFileNameWithoutExtension(name);
        if (hiddenRows.Count > 0)
        {
            add(SafetyFindingKind.HiddenRows, SafetySeverity.High,
                string.Create(CultureInfo.InvariantCulture, $"{hiddenRows.Count} hidden row(s) in {sheet}: {Sample(hiddenRows)}"));
        }
        if (hiddenCols.Count > 0)
        {
            add(SafetyFindingKind.HiddenColumns, SafetySeverity.High,
                string.Create(CultureInfo.InvariantCulture, $"hidden column(s) in {sheet}: {Sample(hiddenCols)}"));
        }
        texts.Add(text.ToString());
    }

    private static void WordStory(ZipArchiveEntry entry, string name, Action<SafetyFindingKind, SafetySeverity, string> add, List<string> texts)
    {
        int insertions = 0, deletions = 0, moves = 0, hidden = 0;
        var authors = new SortedSet<string>(StringComparer.Ordinal);
        var text = new StringBuilder();
        var inText = false;
        using (var reader = Open(entry))
        {
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element)
                {
                    switch (reader.LocalName)
                    {
                        case "ins":
                            insertions++;
                            authors.Add(reader.GetAttribute("author", WordNs) ?? "");
                            break;
                        case "del":
                            deletions++;
                            authors.Add(reader.GetAttribute("author", WordNs) ?? "");
                            break;
                        case "moveFrom" or "moveTo":
                            moves++;
                            break;
                        case "vanish" when !IsFalse(reader.GetAttribute("val", WordNs)):
                            hidden++;
                            break;
                        case "t" or "delText":
                            // Deleted text (w:delText) is still in the file: it is scanned like the rest.
                            inText = !reader.IsEmptyElement;
                            break;
                    }
                }
                else if (reader.NodeType == XmlNodeType.EndElement && reader.LocalName is "t" or "delText")
                {
                    // No separator: Word splits words across runs (spelling marks, revision ids), and
                    // "jane@exa" + "mple.org" must still read as one address.
                    inText = false;
                }
                else if (reader.NodeType == XmlNodeType.Element && reader.LocalName is "tab" or "br" or "cr")
                {
                    text.Append(' ');
                }
                else if (reader.NodeType == XmlNodeType.EndElement && reader.LocalName == "p")
                {
                    text.Append('\n');
                }
                else if (inText && reader.NodeType is XmlNodeType.Text or XmlNodeType.SignificantWhitespace)
                {
                    text.Append(reader.Value);
                }
            }
        }
        if (insertions + deletions + moves > 0)
        {
            authors.Remove("");
            var by = authors.Count > 0 ? $" by {string.Join(", ", authors)}" : "";
            add(SafetyFindingKind.TrackedChanges, SafetySeverity.High, string.Create(CultureInfo.InvariantCulture,
                $"tracked changes in {Path.GetFileName(name)}: {insertions} insertion(s), {deletions} deletion(s), {moves} move(s){by}; deleted text is still in the file"));
        }
        if (hidden > 0)
        {
            add(SafetyFindingKind.HiddenText, SafetySeverity.Medium, string.Create(CultureInfo.InvariantCulture, $"{hidden} run(s) of hidden text in {Path.GetFileName(name)}"));
        }
        texts.Add(text.ToString());
    }

    private static void CoreProperties(ZipArchiveEntry entry, Action<SafetyFindingKind, SafetySeverity, string> add, List<string> texts)
    {
        using var reader = Open(entry);
        reader.Read();
        while (!reader.EOF)
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName is "creator" or "lastModifiedBy")
            {
                var label = reader.LocalName == "creator" ? "author" : "last modified by";
                // ReadElementContentAsString moves past the element: no extra Read, or the next sibling is skipped.
                var value = reader.ReadElementContentAsString().Trim();
                if (value.Length > 0)
                {
                    add(SafetyFindingKind.AuthorMetadata, SafetySeverity.Low, $"document properties name the {label}: {value}");
                    texts.Add(value);
                }
            }
            else
            {
                reader.Read();
            }
        }
    }

    // Hyperlinks are expected; other external targets (linked templates, linked OLE objects, linked images,
    // subdocuments) reveal file-server paths or pull content from elsewhere.
    private static void ExternalRelationships(ZipArchiveEntry entry, string name, Action<SafetyFindingKind, SafetySeverity, string> add)
    {
        using var reader = Open(entry);
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "Relationship"
                && reader.GetAttribute("TargetMode") == "External"
                && reader.GetAttribute("Type")?.EndsWith("/hyperlink", StringComparison.Ordinal) != true)
            {
                var type = reader.GetAttribute("Type") ?? "";
                add(SafetyFindingKind.ExternalLink, SafetySeverity.Medium,
                    $"external {type[(type.LastIndexOf('/') + 1)..]} link to {reader.GetAttribute("Target")} ({name})");
            }
        }
    }

    /// <summary>All text in a part, and the v="..." attributes that pivot caches keep shared items in.</summary>
    private static string ReadText(ZipArchiveEntry entry)
    {
        var sb = new StringBuilder();
        using var reader = Open(entry);
        while (reader.Read())
        {
            if (reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA)
            {
                sb.Append(reader.Value).Append('\n');
            }
            else if (reader.NodeType == XmlNodeType.Element && reader.LocalName is "s" or "n" or "d" && reader.GetAttribute("v") is { } v)
            {
                // Pivot caches keep shared items as attributes: <s v="Jane Example"/>.
                sb.Append(v).Append('\n');
            }
        }
        return sb.ToString();
    }

    private static bool IsTrue(string? value) => value is "1" or "true";

    private static bool IsFalse(string? value) => value is "0" or "false";

    private static bool IsZero(string? value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d == 0;

    private static string Sample(List<string> items) =>
        string.Join(", ", items.Take(10)) + (items.Count > 10 ? ", ..." : "");
}
