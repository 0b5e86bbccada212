using System.Globalization;
using System.Text;

namespace FoiDesk.Calendar;

/// <summary>One all-day event. Uid must stay the same for the same item across downloads (RFC 5545 3.8.4.7).</summary>
public sealed record CalendarItem(string Uid, DateOnly Date, string Summary, string Description);

/// <summary>
/// Writes an RFC 5545 calendar: CRLF line ends, content lines folded at 75 octets (never inside a UTF-8
/// sequence), TEXT values escaped, all-day events as DTSTART;VALUE=DATE with an exclusive DTEND the day after.
/// </summary>
public static class ICalendarWriter
{
    public static string Write(string name, IEnumerable<CalendarItem> items, DateTimeOffset stamp)
    {
        var sb = new StringBuilder();
        Line(sb, "BEGIN:VCALENDAR");
        Line(sb, "VERSION:2.0");
        Line(sb, "PRODID:-//FoiDesk//Deadlines//EN");
        Line(sb, "CALSCALE:GREGORIAN");
        Line(sb, "METHOD:PUBLISH");
        Line(sb, "X-WR-CALNAME:" + Escape(name));
        var dtstamp = stamp.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        foreach (var item in items)
        {
            Line(sb, "BEGIN:VEVENT");
            Line(sb, "UID:" + item.Uid);
            Line(sb, "DTSTAMP:" + dtstamp);
            Line(sb, "DTSTART;VALUE=DATE:" + Date(item.Date));
            Line(sb, "DTEND;VALUE=DATE:" + Date(item.Date.AddDays(1)));
            Line(sb, "SUMMARY:" + Escape(item.Summary));
            if (item.Description.Length > 0)
            {
                Line(sb, "DESCRIPTION:" + Escape(item.Description));
            }

            Line(sb, "TRANSP:TRANSPARENT");
            Line(sb, "END:VEVENT");
        }

        Line(sb, "END:VCALENDAR");
        return sb.ToString();
    }

    private static string Date(DateOnly d) => d.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    /// <summary>RFC 5545 3.3.11: backslash, semicolon, comma and newline are escaped in TEXT.</summary>
    public static string Escape(string text) => text
        .Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace(";", "\\;", StringComparison.Ordinal)
        .Replace(",", "\\,", StringComparison.Ordinal)
        .Replace("\r\n", "\\n", StringComparison.Ordinal)
        .Replace("\n", "\\n", StringComparison.Ordinal)
        .Replace("\r", "\\n", StringComparison.Ordinal);

    /// <summary>RFC 5545 3.1: lines longer than 75 octets are split with CRLF and a single space.</summary>
    public static void Line(StringBuilder sb, string line)
    {
        const int Limit = 75;
        var octets = 0;
        for (var i = 0; i < line.Length; i++)
        {
            var width = char.IsHighSurrogate(line[i]) && i + 1 < line.Length
                ? 4
                : Encoding.UTF8.GetByteCount(line.AsSpan(i, 1));
            if (octets + width > Limit)
            {
                sb.Append("\r\n ");
                // The leading space is one of the next line's 75 octets.
                octets = 1;
            }

            sb.Append(line[i]);
            if (width == 4)
            {
                sb.Append(line[++i]);
            }

            octets += width;
        }

        sb.Append("\r\n");
    }
}
