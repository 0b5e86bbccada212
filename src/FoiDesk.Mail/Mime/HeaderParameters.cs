using System.Globalization;
using System.Text;
using FoiDesk.Mail.Mime.Encodings;

namespace FoiDesk.Mail.Mime;

/// <summary>
/// Parameters of a structured header (<c>; name=value</c>) with RFC 2231 continuations (<c>name*0=</c>,
/// <c>name*1*=</c>) and charsets (<c>name*=utf-8'en'%E2%82%AC</c>), plus the RFC 2047 encoded-words that
/// Outlook and Gmail put inside quoted parameter values. Lookup is case-insensitive.
/// </summary>
public sealed class HeaderParameters
{
    public static HeaderParameters Empty { get; } = new([]);

    private readonly List<KeyValuePair<string, string>> _items;

    public HeaderParameters(List<KeyValuePair<string, string>> items) => _items = items;

    public IReadOnlyList<KeyValuePair<string, string>> Items => _items;

    public string? this[string name]
    {
        get
        {
            foreach (var kv in _items)
            {
                if (kv.Key.Equals(name, StringComparison.OrdinalIgnoreCase))
                {
                    return kv.Value;
                }
            }

            return null;
        }
    }

    private sealed record Segment(string Name, int Index, bool Extended, string Value);

    /// <summary>Splits a header value into its leading value and parameters; never throws.</summary>
    public static (string Value, HeaderParameters Parameters) Parse(string raw) => Parse(raw, null);

    internal static (string Value, HeaderParameters Parameters) Parse(string raw, MimeWarnings? warnings)
    {
        var s = Rfc2047.Unfold(raw);
        var semi = s.IndexOf(';', StringComparison.Ordinal);
        var main = semi < 0 ? s : s[..semi];
        if (semi < 0)
        {
            return (StripComment(main), Empty);
        }

        var segments = new List<Segment>();
        var i = semi + 1;
        while (i < s.Length)
        {
            while (i < s.Length && (s[i] == ';' || char.IsWhiteSpace(s[i])))
            {
                i++;
            }

            var eq = s.IndexOf('=', i);
            var nextSemi = s.IndexOf(';', i);
            if (eq < 0 || (nextSemi >= 0 && nextSemi < eq))
            {
                // "; junk;" without '=': skip it.
                i = nextSemi < 0 ? s.Length : nextSemi + 1;
                continue;
            }

            var name = s[i..eq].Trim();
            i = eq + 1;
            while (i < s.Length && char.IsWhiteSpace(s[i]))
            {
                i++;
            }

            string value;
            if (i < s.Length && s[i] == '"')
            {
                var sb = new StringBuilder();
                i++;
                while (i < s.Length && s[i] != '"')
                {
                    if (s[i] == '\\' && i + 1 < s.Length)
                    {
                        i++;
                    }

                    sb.Append(s[i++]);
                }

                i++; // closing quote (or end of a value missing it)
                value = sb.ToString();
                var after = s.IndexOf(';', Math.Min(i, s.Length));
                i = after < 0 ? s.Length : after;
            }
            else
            {
                var end = s.IndexOf(';', i);
                if (end < 0)
                {
                    end = s.Length;
                }

                // Unquoted values with spaces ("name=my file.pdf") are taken whole (lenient).
                value = StripComment(s[i..end]).Trim();
                i = end;
            }

            if (name.Length > 0)
            {
                segments.Add(ToSegment(name, value));
            }
        }

        return (StripComment(main), new HeaderParameters(Combine(segments, warnings)));
    }

    private static Segment ToSegment(string name, string value)
    {
        var star = name.IndexOf('*', StringComparison.Ordinal);
        if (star < 0)
        {
            return new Segment(name.ToLowerInvariant(), -1, false, value);
        }

        var baseName = name[..star].ToLowerInvariant();
        var rest = name[(star + 1)..];
        var extended = rest.EndsWith('*') || rest.Length == 0;
        var digits = rest.TrimEnd('*');
        var index = int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
        return new Segment(baseName, index, extended, value);
    }

    private static List<KeyValuePair<string, string>> Combine(List<Segment> segments, MimeWarnings? warnings)
    {
        var result = new List<KeyValuePair<string, string>>();
        foreach (var group in segments.GroupBy(x => x.Name, StringComparer.Ordinal))
        {
            var rfc2231 = group.Where(x => x.Index >= 0 || x.Extended).OrderBy(x => x.Index).ToList();
            string value;
            if (rfc2231.Count > 0)
            {
                value = Decode2231(rfc2231, warnings);
            }
            else
            {
                value = Rfc2047.Decode(group.First().Value, warnings);
            }

            result.Add(new(group.Key, value));
        }

        return result;
    }

    private static string Decode2231(List<Segment> parts, MimeWarnings? warnings)
    {
        string? charset = null;
        var bytes = new List<byte>();
        for (var k = 0; k < parts.Count; k++)
        {
            var v = parts[k].Value;
            if (parts[k].Extended)
            {
                if (k == 0)
                {
                    // charset'language'value; the first segment carries them (RFC 2231 section 4).
                    var q1 = v.IndexOf('\'', StringComparison.Ordinal);
                    var q2 = q1 < 0 ? -1 : v.IndexOf('\'', q1 + 1);
                    if (q2 >= 0)
                    {
                        charset = v[..q1];
                        v = v[(q2 + 1)..];
                    }
                }

                PercentDecode(v, bytes);
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(v));
            }
        }

        var text = Charsets.Decode(bytes.ToArray(), string.IsNullOrEmpty(charset) ? "utf-8" : charset, warnings);
        return text.Contains("=?", StringComparison.Ordinal) ? Rfc2047.Decode(text, warnings) : text;
    }

    private static void PercentDecode(string v, List<byte> bytes)
    {
        for (var k = 0; k < v.Length; k++)
        {
            if (v[k] == '%' && k + 2 < v.Length && char.IsAsciiHexDigit(v[k + 1]) && char.IsAsciiHexDigit(v[k + 2]))
            {
                bytes.Add(byte.Parse(v.AsSpan(k + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                k += 2;
            }
            else if (v[k] < 128)
            {
                bytes.Add((byte)v[k]);
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(v[k].ToString()));
            }
        }
    }

    private static string StripComment(string s)
    {
        var open = s.IndexOf('(', StringComparison.Ordinal);
        return (open < 0 ? s : s[..open]).Trim();
    }
}
