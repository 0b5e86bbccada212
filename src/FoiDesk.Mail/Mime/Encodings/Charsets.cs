using System.Collections.Concurrent;
using System.Text;

namespace FoiDesk.Mail.Mime.Encodings;

/// <summary>
/// Charset names to decoders, with the repairs real mail needs. Never throws: an unknown or lying label falls
/// back to UTF-8 when the bytes are valid UTF-8 and to windows-1252 otherwise, with a warning.
/// </summary>
public static class Charsets
{
    private static readonly ConcurrentDictionary<string, Encoding?> Cache = new(StringComparer.OrdinalIgnoreCase);

    static Charsets()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        Windows1252 = Encoding.GetEncoding(1252);
    }

    /// <summary>UTF-8 that throws on invalid bytes, for validation.</summary>
    public static Encoding Utf8Strict { get; } = new UTF8Encoding(false, true);

    /// <summary>windows-1252: what senders mean by iso-8859-1 and us-ascii with 8-bit bytes (the WHATWG rule).</summary>
    public static Encoding Windows1252 { get; }

    /// <summary>Ensures the code-page provider is registered (windows-125x, iso-8859-x, koi8-r, gb2312, hz-gb-2312 ...).</summary>
    public static void EnsureRegistered() => _ = Windows1252;

    /// <summary>The encoding for a charset label, or null when unknown. UTF-7 has its own decoder: see <see cref="Decode"/>.</summary>
    public static Encoding? Find(string? charset)
    {
        if (string.IsNullOrWhiteSpace(charset))
        {
            return null;
        }

        return Cache.GetOrAdd(charset.Trim().Trim('"', '\''), Resolve);
    }

    private static Encoding? Resolve(string name)
    {
        var n = name.ToLowerInvariant();
        // RFC 2231 language suffix sometimes leaks into the charset ("utf-8*en").
        var star = n.IndexOf('*', StringComparison.Ordinal);
        if (star > 0)
        {
            n = n[..star];
        }

        switch (n)
        {
            case "utf8" or "utf-8" or "x-unicode20utf8" or "unicode-1-1-utf-8":
                return Encoding.UTF8;
            case "latin1" or "iso-8859-1" or "iso8859-1" or "iso_8859-1" or "l1" or "cp819" or "ibm819" or "us-ascii" or "ascii" or "ansi_x3.4-1968" or "iso-ir-100" or "x-user-defined":
                return Windows1252;
            case "ks_c_5601-1987" or "ks_c_5601" or "ksc5601" or "ksc_5601" or "euc-kr":
                return Get(949);
            case "gb2312" or "gbk" or "x-gbk" or "cp936" or "euc-cn" or "x-euc-cn":
                return Get(936);
            case "gb18030":
                return Get(54936);
            case "shift_jis" or "shift-jis" or "sjis" or "x-sjis" or "ms_kanji" or "cp932" or "windows-31j":
                return Get(932);
            case "euc-jp" or "x-euc-jp":
                return Get(51932) ?? Get(20932);
            case "tis-620" or "iso-8859-11":
                return Get(874);
            default:
                break;
        }

        if (n.StartsWith("iso8859-", StringComparison.Ordinal) || n.StartsWith("iso_8859-", StringComparison.Ordinal))
        {
            n = "iso-8859-" + n[(n.IndexOf('-', StringComparison.Ordinal) + 1)..];
        }
        else if (n.StartsWith("cp", StringComparison.Ordinal) && int.TryParse(n.AsSpan(2), System.Globalization.CultureInfo.InvariantCulture, out var cp))
        {
            return Get(cp);
        }

        if (IsUtf7(n))
        {
            return null; // decoded by Utf7, not by an Encoding
        }

        try
        {
            return Encoding.GetEncoding(n);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    private static Encoding? Get(int codePage)
    {
        try
        {
            return Encoding.GetEncoding(codePage);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>Decodes bytes labelled with <paramref name="charset"/>; never throws.</summary>
    internal static string Decode(ReadOnlySpan<byte> bytes, string? charset, MimeWarnings? warnings)
    {
        if (bytes.IsEmpty)
        {
            return string.Empty;
        }

        var label = charset?.Trim().Trim('"', '\'');
        if (label is not null && IsUtf7(label))
        {
            return Utf7.Decode(bytes);
        }

        var encoding = Find(label);
        if (encoding is not null && !IsAsciiCompatible(encoding))
        {
            return encoding.GetString(bytes);
        }

        if (Ascii.IsValid(bytes))
        {
            return Encoding.Latin1.GetString(bytes);
        }

        if (encoding is null || encoding.CodePage == Encoding.UTF8.CodePage)
        {
            if (TryUtf8(bytes, out var text))
            {
                return text;
            }

            if (encoding is not null)
            {
                // Declared UTF-8 but invalid: keep what is valid, mark the rest with U+FFFD.
                warnings?.Add("invalid-utf8", "text declared as UTF-8 contains invalid bytes; replaced with U+FFFD");
                return Encoding.UTF8.GetString(bytes);
            }

            if (!string.IsNullOrEmpty(label))
            {
                warnings?.Add("unknown-charset", $"unknown charset '{label}'; decoded as windows-1252");
            }
            else
            {
                warnings?.Add("undeclared-8bit", "8-bit text without a charset; decoded as windows-1252");
            }

            return Windows1252.GetString(bytes);
        }

        if (encoding.CodePage == 1252 && label is not null && !label.Contains("1252", StringComparison.Ordinal) && TryUtf8(bytes, out var utf8))
        {
            // Labelled us-ascii/iso-8859-1 but the 8-bit bytes form valid UTF-8: the label lies the other way.
            warnings?.Add("mislabelled-charset", $"text labelled '{label}' is valid UTF-8; decoded as UTF-8");
            return utf8;
        }

        return encoding.GetString(bytes);
    }

    private static bool TryUtf8(ReadOnlySpan<byte> bytes, out string text)
    {
        if (System.Text.Unicode.Utf8.IsValid(bytes))
        {
            text = Encoding.UTF8.GetString(bytes);
            return true;
        }

        text = string.Empty;
        return false;
    }

    internal static bool IsUtf7(string label) =>
        label.Equals("utf-7", StringComparison.OrdinalIgnoreCase) || label.Equals("utf7", StringComparison.OrdinalIgnoreCase)
        || label.Equals("unicode-1-1-utf-7", StringComparison.OrdinalIgnoreCase) || label.Equals("x-unicode-2-0-utf-7", StringComparison.OrdinalIgnoreCase);

    private static bool IsAsciiCompatible(Encoding e) => e.CodePage switch
    {
        1200 or 1201 or 12000 or 12001 => false, // UTF-16/32
        52936 or 50220 or 50221 or 50222 or 50225 or 50227 => false, // HZ-GB-2312, ISO-2022-*
        _ => true,
    };
}
