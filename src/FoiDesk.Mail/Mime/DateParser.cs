using System.Globalization;

namespace FoiDesk.Mail.Mime;

/// <summary>
/// RFC 5322 3.3 dates and the broken forms real mail carries: missing day-of-week or seconds, named zones
/// (RFC 822 and common ones), two- and three-digit years (RFC 5322 4.3), asctime order, "May 8, 2005 1:17 PM",
/// comments, a zone glued to the time. Returns null when no date can be read.
/// </summary>
public static class DateParser
{
    private static readonly string[] Months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    // RFC 5322 4.3 obsolete zones, plus zones still seen in the wild. Military single letters are ignored
    // (RFC 5322 says treat them as -0000 because RFC 822 got their signs wrong).
    private static readonly Dictionary<string, int> Zones = new(StringComparer.OrdinalIgnoreCase)
    {
        ["UT"] = 0, ["UTC"] = 0, ["GMT"] = 0, ["Z"] = 0, ["WET"] = 0, ["BST"] = 60, ["IST"] = 60,
        ["CET"] = 60, ["MET"] = 60, ["CEST"] = 120, ["MEST"] = 120, ["EET"] = 120, ["EEST"] = 180, ["MSK"] = 180,
        ["EST"] = -300, ["EDT"] = -240, ["CST"] = -360, ["CDT"] = -300, ["MST"] = -420, ["MDT"] = -360,
        ["PST"] = -480, ["PDT"] = -420, ["AKST"] = -540, ["AKDT"] = -480, ["HST"] = -600,
        ["JST"] = 540, ["KST"] = 540, ["AEST"] = 600, ["AEDT"] = 660, ["NZST"] = 720, ["NZDT"] = 780,
    };

    public static DateTimeOffset? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var text = StripComments(Rfc2047.Unfold(value));
        int? day = null, month = null, year = null, offset = null;
        int hour = -1, minute = 0, second = 0;
        var pm = false;
        var am = false;
        foreach (var raw in text.Split([' ', '\t', ','], StringSplitOptions.RemoveEmptyEntries))
        {
            var token = raw.TrimEnd('.');
            if (token.Length == 0)
            {
                continue;
            }

            if (token.Contains(':', StringComparison.Ordinal) && hour < 0)
            {
                // A zone glued on: "00:01+0000".
                var sign = token.IndexOfAny(['+', '-'], 1);
                if (sign > 0)
                {
                    offset ??= ParseOffset(token[sign..]);
                    token = token[..sign];
                }

                var parts = token.Split(':');
                if (parts.Length < 2
                    || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out hour)
                    || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out minute)
                    || (parts.Length > 2 && !int.TryParse(parts[2].Split('.')[0], NumberStyles.None, CultureInfo.InvariantCulture, out second)))
                {
                    return null;
                }

                continue;
            }

            if (token[0] is '+' or '-' && token.Length >= 3 && offset is null)
            {
                offset = ParseOffset(token);
                continue;
            }

            if (char.IsAsciiDigit(token[0]))
            {
                if (!int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                {
                    continue;
                }

                if (day is null && token.Length <= 2 && n is >= 1 and <= 31)
                {
                    day = n;
                }
                else
                {
                    year ??= token.Length switch
                    {
                        <= 2 => n < 50 ? 2000 + n : 1900 + n, // RFC 5322 4.3
                        3 => 1900 + n,
                        _ => n,
                    };
                }

                continue;
            }

            if (token.Equals("PM", StringComparison.OrdinalIgnoreCase))
            {
                pm = true;
            }
            else if (token.Equals("AM", StringComparison.OrdinalIgnoreCase))
            {
                am = true;
            }
            else if (month is null && token.Length >= 3 && Array.IndexOf(Months, token[..3].ToLowerInvariant()) is var m and >= 0
                     && (token.Length == 3 || token.Length <= 9))
            {
                month = m + 1;
            }
            else if (offset is null && Zones.TryGetValue(token, out var z))
            {
                offset = z;
            }
        }

        if (day is null || month is null || year is null || hour < 0)
        {
            return null;
        }

        if (pm && hour < 12)
        {
            hour += 12;
        }
        else if (am && hour == 12)
        {
            hour = 0;
        }

        second = Math.Min(second, 59); // leap second (RFC 5322 3.3 allows 60)
        try
        {
            var local = new DateTime(year.Value, month.Value, day.Value, hour, minute, second, DateTimeKind.Unspecified);
            return new DateTimeOffset(local, TimeSpan.FromMinutes(offset ?? 0));
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    private static int? ParseOffset(string token)
    {
        var sign = token[0] == '-' ? -1 : 1;
        var digits = token[1..].Replace(":", string.Empty, StringComparison.Ordinal);
        if (digits.Length is not (2 or 4) || !int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            return null;
        }

        var minutes = digits.Length == 2 ? n * 60 : (n / 100 * 60) + (n % 100);
        return minutes is > 18 * 60 ? null : sign * minutes;
    }

    private static string StripComments(string s)
    {
        var open = s.IndexOf('(', StringComparison.Ordinal);
        return open < 0 ? s : s[..open];
    }
}
