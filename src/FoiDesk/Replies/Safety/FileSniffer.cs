using System.IO.Compression;
using System.Text;

namespace FoiDesk.Replies.Safety;

public enum SniffedFormat
{
    Pdf,

    /// <summary>An Office Open XML package (a ZIP with [Content_Types].xml): XLSX, DOCX, PPTX and their macro forms.</summary>
    Ooxml,

    /// <summary>Another ZIP archive (ODF, a plain .zip): its contents are not inspected.</summary>
    Zip,

    /// <summary>A legacy Office file (Compound File Binary: .xls, .doc, .ppt, .msg).</summary>
    LegacyOffice,

    /// <summary>UTF-8 (or ASCII) text with no NUL bytes: CSV, TXT, JSON, HTML, Markdown.</summary>
    Text,
    Unknown,
}

/// <summary>
/// Identifies an attachment by its first bytes, as the recipient's software will. PDF readers accept the
/// header anywhere in the first 1024 bytes (ISO 32000-1 annex H), so that is where it is looked for.
/// </summary>
public static class FileSniffer
{
    private static readonly byte[] PdfHeader = "%PDF-"u8.ToArray();
    private static readonly byte[] ZipHeader = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] CfbHeader = [0xD0, 0xCF, 0x11, 0xE0];

    private static readonly HashSet<string> TextExtensions = new(StringComparer.OrdinalIgnoreCase) { ".txt", ".csv", ".md", ".json", ".xml", ".html", ".htm" };

    public static SniffedFormat Sniff(byte[] content)
    {
        var head = content.AsSpan(0, Math.Min(content.Length, 1024));
        if (head.IndexOf(PdfHeader) >= 0)
        {
            return SniffedFormat.Pdf;
        }

        if (content.AsSpan().StartsWith(ZipHeader))
        {
            return IsOoxml(content) ? SniffedFormat.Ooxml : SniffedFormat.Zip;
        }

        if (content.AsSpan().StartsWith(CfbHeader))
        {
            return SniffedFormat.LegacyOffice;
        }

        return IsText(content) ? SniffedFormat.Text : SniffedFormat.Unknown;
    }

    /// <summary>
    /// Whether an inspectable file's name promises a different kind of file than its content (the recipient's
    /// software goes by the name); text formats all count as text. Files that cannot be inspected are reported
    /// as such whatever their name.
    /// </summary>
    public static bool Mismatch(SniffedFormat format, string extension) => format switch
    {
        SniffedFormat.Pdf => !extension.Equals(".pdf", StringComparison.OrdinalIgnoreCase),
        SniffedFormat.Ooxml => !PreSendGate.IsOoxmlExtension(extension),
        SniffedFormat.Text => !TextExtensions.Contains(extension),
        _ => false,
    };

    public static string Describe(SniffedFormat format) => format switch
    {
        SniffedFormat.Pdf => "a PDF",
        SniffedFormat.Ooxml => "an Office (XLSX, DOCX or PPTX) document",
        SniffedFormat.Zip => "a ZIP archive",
        SniffedFormat.LegacyOffice => "a legacy Office file (XLS, DOC or PPT)",
        SniffedFormat.Text => "text",
        _ => "an unrecognised binary file",
    };

    private static bool IsOoxml(byte[] content)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content), ZipArchiveMode.Read);
            return zip.GetEntry("[Content_Types].xml") is not null;
        }
        catch (InvalidDataException)
        {
            // A damaged package: still inspected as Office, where the damage is reported.
            return true;
        }
    }

    private static bool IsText(byte[] content)
    {
        // Control characters other than tab, line feed, form feed and carriage return do not occur in text files.
        foreach (var b in content)
        {
            if (b < 0x20 && b is not (0x09 or 0x0A or 0x0C or 0x0D))
            {
                return false;
            }
        }

        try
        {
            _ = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetCharCount(content);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
