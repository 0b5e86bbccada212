using System.Globalization;
using System.Text;

namespace FoiDesk.Mail.Imap;

/// <summary>Sequence sets as IMAP writes them ("1:3,5,7:10", RFC 9051 §9 sequence-set).</summary>
public static class ImapUidSet
{
    /// <summary>Formats UIDs compactly, collapsing runs into ranges.</summary>
    public static string Format(IEnumerable<uint> uids)
    {
        var sorted = uids.Distinct().Order().ToList();
        if (sorted.Count == 0)
        {
            throw new ArgumentException("A sequence set needs at least one UID.", nameof(uids));
        }

        var sb = new StringBuilder();
        var i = 0;
        while (i < sorted.Count)
        {
            var j = i;
            while (j + 1 < sorted.Count && sorted[j + 1] == sorted[j] + 1)
            {
                j++;
            }

            if (sb.Length > 0)
            {
                sb.Append(',');
            }

            sb.Append(sorted[i].ToString(CultureInfo.InvariantCulture));
            if (j > i)
            {
                sb.Append(':').Append(sorted[j].ToString(CultureInfo.InvariantCulture));
            }

            i = j + 1;
        }

        return sb.ToString();
    }

    /// <summary>Expands a sequence set in server order (ranges may run downwards, as in SORT results).
    /// "*" cannot be expanded without the mailbox and is rejected.</summary>
    public static List<uint> Parse(string set)
    {
        var result = new List<uint>();
        foreach (var part in set.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = part.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                result.Add(ParseNumber(part));
                continue;
            }

            var from = ParseNumber(part[..colon]);
            var to = ParseNumber(part[(colon + 1)..]);
            if (Math.Abs((long)to - from) > 10_000_000)
            {
                throw new ImapProtocolException($"The sequence range {part} is implausibly large.");
            }

            if (from <= to)
            {
                for (var u = from; u <= to; u++)
                {
                    result.Add(u);
                }
            }
            else
            {
                for (var u = from; u >= to; u--)
                {
                    result.Add(u);
                }
            }
        }

        return result;
    }

    private static uint ParseNumber(string text) =>
        uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ImapProtocolException($"'{text}' is not a valid UID.");
}
