using System.Globalization;
using System.Text;

namespace FoiDesk.Mail.Mime.Writing;

/// <summary>
/// Encodes header values: RFC 2047 B encoded-words for non-ASCII text and names, RFC 2231 for non-ASCII parameter
/// values, quoted strings where specials appear, and folding at 78 columns (RFC 5322 2.1.1; never past 998).
/// Rejects CR and LF in any value: a header value carrying a line break is header injection.
/// </summary>
internal static class HeaderEncoder
{
    private const int FoldAt = 78;
    private const int MaxEncodedWord = 75; // RFC 2047 section 2

    public static void Reject(string? value, string what)
    {
        if (value is not null && value.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            throw new ArgumentException($"{what} contains a line break (CR or LF); refusing to write it (header injection)", what);
        }
    }

    /// <summary>An unstructured value (Subject): as is when plain ASCII, else encoded-words.</summary>
    public static string Unstructured(string value)
    {
        Reject(value, "header value");
        return NeedsEncoding(value) ? EncodedWords(value) : value;
    }

    public static string Address(MailboxAddress a)
    {
        Reject(a.Name, "display name");
        Reject(a.Address, "address");
        if (string.IsNullOrEmpty(a.Address))
        {
            throw new ArgumentException("every recipient needs an address", nameof(a));
        }

        if (string.IsNullOrEmpty(a.Name))
        {
            return a.Address;
        }

        return Phrase(a.Name) + " <" + a.Address + ">";
    }

    public static string Phrase(string name)
    {
        if (NeedsEncoding(name))
        {
            return EncodedWords(name);
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == ' ' || "!#$%&'*+-/=?^_`{|}~".Contains(c, StringComparison.Ordinal)))
            {
                return Quote(name);
            }
        }

        // A phrase of atoms keeps its spacing only when single-spaced and untrimmed-free.
        return name.Contains("  ", StringComparison.Ordinal) || name != name.Trim() ? Quote(name) : name;
    }

    public static string Quote(string s) => "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    /// <summary>A parameter: <c>name="value"</c>, or RFC 2231 <c>name*0*=utf-8''...</c> sections when not ASCII.</summary>
    public static string Parameter(string name, string value)
    {
        Reject(value, name);
        if (Ascii.IsValid(value) && !value.Contains("=?", StringComparison.Ordinal))
        {
            return $"{name}={Quote(value)}";
        }

        var encoded = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            if (b < 128 && (char.IsAsciiLetterOrDigit((char)b) || "!#$&+-.^_`|~".Contains((char)b, StringComparison.Ordinal)))
            {
                encoded.Append((char)b);
            }
            else
            {
                encoded.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        var text = "utf-8''" + encoded;
        if (text.Length <= 60)
        {
            return $"{name}*={text}";
        }

        // RFC 2231 section 3 continuations, never splitting a %XX escape.
        var sections = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            var len = Math.Min(60, text.Length - i);
            if (i + len < text.Length)
            {
                var pct = text.LastIndexOf('%', i + len - 1, Math.Min(2, len));
                if (pct >= 0 && pct > i + len - 3)
                {
                    len = pct - i;
                }
            }

            sections.Add($"{name}*{sections.Count.ToString(CultureInfo.InvariantCulture)}*={text.Substring(i, len)}");
            i += len;
        }

        return string.Join(";\r\n ", sections);
    }

    /// <summary>Writes "Name: value" folded at whitespace to 78 columns where possible.</summary>
    public static void WriteField(StringBuilder sb, string name, string value)
    {
        var line = name + ": " + value;
        if (line.Length <= FoldAt && !value.Contains("\r\n", StringComparison.Ordinal))
        {
            sb.Append(line).Append("\r\n");
            return;
        }

        var column = 0;
        var first = true;
        foreach (var piece in value.Split("\r\n "))
        {
            var chunk = first ? name + ": " + piece : piece;
            if (!first)
            {
                sb.Append("\r\n ");
                column = 1;
            }

            FoldWords(sb, chunk, ref column);
            first = false;
        }

        sb.Append("\r\n");
    }

    private static void FoldWords(StringBuilder sb, string chunk, ref int column)
    {
        var start = 0;
        while (start < chunk.Length)
        {
            var space = chunk.IndexOf(' ', start + 1);
            var word = space < 0 ? chunk[start..] : chunk[start..space];
            if (column + word.Length > FoldAt && column > 1 && word.StartsWith(' '))
            {
                sb.Append("\r\n");
                column = 0;
            }

            sb.Append(word);
            column += word.Length;
            start = space < 0 ? chunk.Length : space;
        }
    }

    // Non-ASCII, text the parser would read as an encoded-word, control characters, or a word too long to fold.
    private static bool NeedsEncoding(string s) =>
        !Ascii.IsValid(s) || s.Contains("=?", StringComparison.Ordinal) || s.Any(c => c < ' ' && c != '\t')
        || s.Split(' ').Any(w => w.Length > 900);

    /// <summary>UTF-8 B encoded-words of at most 75 characters, split between characters, joined by folding.</summary>
    private static string EncodedWords(string text)
    {
        const string Prefix = "=?utf-8?B?";
        const int MaxBytes = (MaxEncodedWord - 12) / 4 * 3; // 45 bytes -> 60 base64 characters
        var words = new List<string>();
        var chunk = new List<byte>();
        var e = StringInfo.GetTextElementEnumerator(text);
        while (e.MoveNext())
        {
            var bytes = Encoding.UTF8.GetBytes((string)e.Current);
            if (chunk.Count + bytes.Length > MaxBytes && chunk.Count > 0)
            {
                words.Add(Prefix + Convert.ToBase64String([.. chunk]) + "?=");
                chunk.Clear();
            }

            chunk.AddRange(bytes);
        }

        if (chunk.Count > 0)
        {
            words.Add(Prefix + Convert.ToBase64String([.. chunk]) + "?=");
        }

        return string.Join("\r\n ", words);
    }
}
