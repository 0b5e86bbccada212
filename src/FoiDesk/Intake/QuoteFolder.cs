using System.Text;
using System.Text.RegularExpressions;
using FoiDesk.Questions;

namespace FoiDesk.Intake;

/// <summary>What a stretch of an incoming message is.</summary>
public enum SegmentKind
{
    /// <summary>What the sender wrote in this message.</summary>
    New,

    /// <summary>Earlier correspondence quoted back: "&gt;" lines, "On ... wrote:", an Outlook or Lotus header block onwards.</summary>
    Quoted,

    /// <summary>Disclaimers, virus-scan banners and similar boilerplate.</summary>
    Boilerplate,
}

/// <summary>A run of lines of one kind, with its offsets in the original text and why it was folded.</summary>
public sealed record TextSegment
{
    public required SegmentKind Kind { get; init; }
    public required string Text { get; init; }
    public required int Start { get; init; }
    public required int End { get; init; }

    /// <summary>Which rule folded it ("'>' quoting", "Outlook header block"...); empty for new text.</summary>
    public required string Reason { get; init; }
}

/// <summary>A message body separated into new text and folded history; the segments cover the whole text in order.</summary>
public sealed record FoldedText
{
    public required string NewText { get; init; }
    public required string QuotedText { get; init; }
    public required IReadOnlyList<TextSegment> Segments { get; init; }

    /// <summary>The new text with each folded run replaced by <paramref name="marker"/> (as Alaveteli shows "show quoted sections").</summary>
    public string Render(string marker)
    {
        var sb = new StringBuilder();
        foreach (var s in Segments)
        {
            sb.Append(s.Kind == SegmentKind.New ? s.Text : "\n" + marker + "\n");
        }

        return sb.ToString();
    }
}

/// <summary>
/// Separates what an authority (or requester) wrote from the history and boilerplate under it, in the manner of
/// Alaveteli's "show quoted sections": folds "&gt;" quoting, attribution lines, Outlook/Lotus Notes header blocks
/// and everything after them, and disclaimers fenced by rules of dashes or stars. Nothing is deleted: every line
/// is in exactly one segment, and "On ... wrote:" followed by interleaved replies folds only the quoted lines.
/// </summary>
public static class QuoteFolder
{
    private static Regex R(string pattern) => Patterns.IgnoreCase(pattern);

    private static readonly Regex Attribution = R(@"^on\s.+\s(?:wrote|said)\s*:\s*$");
    private static readonly Regex AttributionStart = R(@"^on\s.+");
    private static readonly Regex AttributionEnd = R(@"(?:wrote|said)\s*:\s*$");
    private static readonly Regex OriginalMessage = R(@"-{2,}\s*(?:original\s+message|forwarded\s+message|forwarded\s+by\b|this\s+is\s+a\s+copy\s+of\s+the\s+message)");
    private static readonly Regex OutlookFrom = R(@"^\*?from:\*?\s+\S");
    private static readonly Regex OutlookSent = R(@"^\*?(?:sent|date):\*?\s+\S");
    private static readonly Regex OutlookTo = R(@"^\*?(?:to|cc):\*?\s*");
    private static readonly Regex OutlookSubject = R(@"^\*?subject:");
    private static readonly Regex GroupWiseArrows = R(@"^>>>.*\d\d/\d\d/\d\d(?:\d\d)?\s+\d\d:\d\d(?::\d\d)?\s*(?:>>>)?");
    private static readonly Regex NameWithAddress = R(@"^\S.*<[^<>\s]+@[^<>\s]+>\s*$");
    private static readonly Regex LotusSentBy = R(@"^sent\s+by:");
    private static readonly Regex LotusDate = R(@"^\d{1,2}/\d{1,2}/\d{2,4}\s+\d{1,2}:\d{2}");
    private static readonly Regex LotusTo = R(@"^to$|^to\s+\S");

    // A rule of eight or more of one character, spaces allowed between ("* * * * * * * *").
    private static readonly Regex Rule = R(@"^(?:(?<c>[-_*#])\s*)(?:\k<c>\s*){7,}$");

    private static readonly Regex DisclaimerWords = R(
        @"disclaimer:|confidential|received\s+this\s+e-?mail\s+in\s+error|virus|intended\s+recipient|monitored\s+centrally|intended\s+(?:for\s+|only\s+for\s+use\s+by\s+)the\s+addressee|routinely\s+monitored|messagelabs|unauthori[sz]ed\s+use|legally\s+privileged");

    private static readonly Regex GsiStart = R(@"government\s+secure\s+intranet\s+virus\s+scanning|^the\s+original\s+of\s+this\s+e-?mail\s+was\s+scanned\s+for\s+viruses");
    private static readonly Regex GsiEnd = R(@"virus\s+free\.");
    private static readonly Regex GsiLogStart = R(@"^communications\s+via\s+the\s+gsi");
    private static readonly Regex GsiLogEnd = R(@"legal\s+purposes\.");

    /// <summary>An unterminated disclaimer runs to the end only when the end is near; a long tail is left visible.</summary>
    private const int MaxUnterminatedLines = 60;

    public static FoldedText Fold(string text)
    {
        var lines = ReadLines(text);
        var kinds = new SegmentKind[lines.Count];
        var reasons = new string[lines.Count];
        Array.Fill(reasons, "");

        void Mark(int from, int to, SegmentKind kind, string reason)
        {
            for (var i = from; i < to; i++)
            {
                if (kinds[i] == SegmentKind.New)
                {
                    kinds[i] = kind;
                    reasons[i] = reason;
                }
            }
        }

        var historyStart = FindHistoryStart(lines, out var historyReason);
        if (historyStart >= 0)
        {
            Mark(historyStart, lines.Count, SegmentKind.Quoted, historyReason);
        }

        var limit = historyStart >= 0 ? historyStart : lines.Count;
        for (var i = 0; i < limit; i++)
        {
            var t = lines[i].Text;
            if (t.StartsWith('>'))
            {
                Mark(i, i + 1, SegmentKind.Quoted, "'>' quoting");
            }
            else if (Attribution.IsMatch(t) && NextNonBlank(lines, i + 1) is var n && n < lines.Count && lines[n].Text.StartsWith('>'))
            {
                Mark(i, i + 1, SegmentKind.Quoted, "'>' quoting");
            }
        }

        FoldRuledDisclaimers(lines, limit, Mark);
        FoldParagraph(lines, limit, GsiStart, GsiEnd, Mark);
        FoldParagraph(lines, limit, GsiLogStart, GsiLogEnd, Mark);

        // Blank lines between two folded lines of the same kind fold with them.
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].Text.Length != 0 || kinds[i] != SegmentKind.New)
            {
                continue;
            }

            var p = i - 1;
            var n = NextNonBlank(lines, i);
            if (p >= 0 && n < lines.Count && kinds[p] != SegmentKind.New && kinds[p] == kinds[n])
            {
                kinds[i] = kinds[p];
                reasons[i] = reasons[p];
            }
        }

        return Build(text, lines, kinds, reasons);
    }

    private static FoldedText Build(string text, List<(int Start, int End, string Text)> lines, SegmentKind[] kinds, string[] reasons)
    {
        var segments = new List<TextSegment>();
        var i = 0;
        while (i < lines.Count)
        {
            var j = i;
            while (j + 1 < lines.Count && kinds[j + 1] == kinds[i] && reasons[j + 1] == reasons[i])
            {
                j++;
            }

            var start = lines[i].Start;
            var end = j + 1 < lines.Count ? lines[j + 1].Start : text.Length;
            segments.Add(new TextSegment { Kind = kinds[i], Text = text[start..end], Start = start, End = end, Reason = reasons[i] });
            i = j + 1;
        }

        return new FoldedText
        {
            NewText = string.Concat(segments.Where(s => s.Kind == SegmentKind.New).Select(s => s.Text)),
            QuotedText = string.Join("\n", segments.Where(s => s.Kind != SegmentKind.New).Select(s => s.Text.Trim('\n'))),
            Segments = segments,
        };
    }

    /// <summary>The first line from which everything is earlier correspondence, or -1.</summary>
    private static int FindHistoryStart(List<(int Start, int End, string Text)> lines, out string reason)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            var t = lines[i].Text;
            if (OriginalMessage.IsMatch(t))
            {
                reason = "original message marker";
                return i;
            }

            if (GroupWiseArrows.IsMatch(t))
            {
                reason = "GroupWise '>>>' header";
                return i;
            }

            // "On <date>, <name>" + "<address> wrote:" (wrapped) or on one line, not followed by '>' lines.
            var attributionEnd = Attribution.IsMatch(t) ? i
                : AttributionStart.IsMatch(t) && i + 1 < lines.Count && AttributionEnd.IsMatch(lines[i + 1].Text) && lines[i + 1].Text.Contains('<', StringComparison.Ordinal) ? i + 1
                : -1;
            if (attributionEnd >= 0)
            {
                var next = NextNonBlank(lines, attributionEnd + 1);
                if (next >= lines.Count || !lines[next].Text.StartsWith('>'))
                {
                    reason = "attribution line";
                    return i;
                }
            }

            if (OutlookFrom.IsMatch(t) && IsOutlookBlock(lines, i))
            {
                reason = "Outlook header block";
                return i;
            }

            if (NameWithAddress.IsMatch(t) && IsLotusBlock(lines, i))
            {
                reason = "Lotus Notes header block";
                return i;
            }
        }

        reason = "";
        return -1;
    }

    /// <summary>From: then Sent:/Date:, To: and Subject: within the next few lines.</summary>
    private static bool IsOutlookBlock(List<(int Start, int End, string Text)> lines, int from)
    {
        bool sent = false, to = false;
        for (var i = from + 1; i < Math.Min(lines.Count, from + 8); i++)
        {
            var t = lines[i].Text;
            sent |= OutlookSent.IsMatch(t);
            to |= OutlookTo.IsMatch(t);
            if (OutlookSubject.IsMatch(t))
            {
                return sent && to;
            }
        }

        return false;
    }

    /// <summary>"Name &lt;address&gt;" then "Sent by:" or a dd/mm/yy hh:mm line, then a "To" line.</summary>
    private static bool IsLotusBlock(List<(int Start, int End, string Text)> lines, int from)
    {
        var header = false;
        for (var i = from + 1; i < Math.Min(lines.Count, from + 12); i++)
        {
            var t = lines[i].Text;
            if (LotusSentBy.IsMatch(t) || (i <= from + 2 && LotusDate.IsMatch(t)))
            {
                header = true;
            }
            else if (header && LotusTo.IsMatch(t))
            {
                return true;
            }
        }

        return false;
    }

    private delegate void Marker(int from, int to, SegmentKind kind, string reason);

    /// <summary>
    /// A block from one rule line to the next (or to a near end) that mentions confidentiality, viruses or
    /// monitoring is a disclaimer; a "Disclaimer" heading just above it goes with it.
    /// </summary>
    private static void FoldRuledDisclaimers(List<(int Start, int End, string Text)> lines, int limit, Marker mark)
    {
        var i = 0;
        while (i < limit)
        {
            if (!Rule.IsMatch(lines[i].Text))
            {
                i++;
                continue;
            }

            var close = i + 1;
            while (close < limit && !Rule.IsMatch(lines[close].Text))
            {
                close++;
            }

            var terminated = close < limit;
            var body = string.Join(' ', lines.Skip(i + 1).Take(close - i - 1).Select(l => l.Text));
            if (DisclaimerWords.IsMatch(body) && (terminated || limit - i <= MaxUnterminatedLines))
            {
                var from = i;
                var heading = PreviousNonBlank(lines, i - 1);
                if (heading >= 0 && lines[heading].Text.Equals("disclaimer", StringComparison.OrdinalIgnoreCase))
                {
                    from = heading;
                }

                var to = terminated ? close + 1 : limit;
                mark(from, to, SegmentKind.Boilerplate, "disclaimer between rules");
                i = to;
            }
            else
            {
                i = close;
            }
        }
    }

    /// <summary>The GSi virus-scan and monitoring banners UK central government mail carried.</summary>
    private static void FoldParagraph(List<(int Start, int End, string Text)> lines, int limit, Regex start, Regex end, Marker mark)
    {
        for (var i = 0; i < limit; i++)
        {
            if (!start.IsMatch(lines[i].Text))
            {
                continue;
            }

            for (var j = i; j < Math.Min(limit, i + 12); j++)
            {
                if (end.IsMatch(lines[j].Text))
                {
                    mark(i, j + 1, SegmentKind.Boilerplate, "GSi banner");
                    i = j;
                    break;
                }
            }
        }
    }

    private static int NextNonBlank(List<(int Start, int End, string Text)> lines, int from)
    {
        while (from < lines.Count && lines[from].Text.Length == 0)
        {
            from++;
        }

        return from;
    }

    private static int PreviousNonBlank(List<(int Start, int End, string Text)> lines, int from)
    {
        while (from >= 0 && lines[from].Text.Length == 0)
        {
            from--;
        }

        return from;
    }

    /// <summary>Lines with their offsets; the text is trimmed for matching, the offsets cover the raw line.</summary>
    private static List<(int Start, int End, string Text)> ReadLines(string text) =>
        TextLines.Of(text).Select(l => (l.Start, l.End, text[l.Start..l.End].Trim())).ToList();
}
