namespace FoiDesk.Questions;

/// <summary>The list level whose items are the questions: its style and the lines that start each question.</summary>
/// <param name="Why">Why this list level holds the questions, for each question's reason.</param>
internal sealed record TopLevel(string Style, IReadOnlyList<int> Items, int MaxIndent, string Why);

/// <summary>Requests written as a list: choosing the question level, then cutting each item with its parts.</summary>
internal static class ListLayout
{
    /// <summary>
    /// Tries list styles in order of first appearance; the first with a run of items that asks for something is the
    /// question level. A run introduced as definitions or as a quotation, or made of definitions, never is.
    /// </summary>
    public static TopLevel? Choose(Document doc, int end)
    {
        var styles = new List<string>();
        for (var i = 0; i < end; i++)
        {
            if (doc.Markers[i] is { } m && !styles.Contains(m.Style))
            {
                styles.Add(m.Style);
            }
        }

        // "1a." items belong under "1." when the request has both; they are questions only on their own.
        styles = [.. styles.OrderBy(s => s.StartsWith(nameof(MarkerKind.SubNumber), StringComparison.Ordinal) ? 1 : 0)];
        TopLevel? fallback = null;
        foreach (var style in styles)
        {
            var lines = Enumerable.Range(0, end).Where(i => doc.Markers[i]?.Style == style).ToList();
            var minIndent = lines.Min(i => doc.Lines[i].Indent);
            var maxIndent = minIndent + 1;
            lines = lines.Where(i => doc.Lines[i].Indent <= maxIndent).ToList();
            var runs = Runs(doc, lines);
            var qualifying = new List<int>();
            var acceptable = new List<int>();
            string? why = null;
            foreach (var run in runs)
            {
                var (verdict, runWhy) = Judge(doc, run, lines, end);
                if (verdict == RunVerdict.Questions)
                {
                    qualifying.AddRange(run);
                    why ??= runWhy;
                }

                if (verdict != RunVerdict.NotQuestions)
                {
                    acceptable.AddRange(run);
                }
            }

            if (qualifying.Count > 0)
            {
                return new TopLevel(style, ContinueSequence(doc, qualifying, maxIndent, end), maxIndent, why ?? "");
            }

            if (fallback is null && acceptable.Count >= 2)
            {
                fallback = new TopLevel(style, acceptable, maxIndent, $"the first list of {acceptable.Count} items, though no item asks in so many words");
            }
        }

        return fallback;
    }

    /// <summary>
    /// Numbered items that carry on the question level's sequence in another punctuation ("6:" then "7.") and
    /// sub-numbered items whose parent number is missing ("1.", "2a.", "2b.", "3.") are questions too: the
    /// requester numbered them as the next question, only typed the marker differently.
    /// </summary>
    private static List<int> ContinueSequence(Document doc, List<int> items, int maxIndent, int end)
    {
        if (doc.Markers[items[0]]!.Kind != MarkerKind.Number)
        {
            return items;
        }

        var result = new List<int>(items);
        var ordinals = items.Select(i => doc.Markers[i]!.Ordinal).ToHashSet();
        for (var i = items[0] + 1; i < end; i++)
        {
            if (result.Contains(i) || doc.Markers[i] is not { } m || doc.Lines[i].Indent > maxIndent)
            {
                continue;
            }

            var before = result.Where(k => k < i).Max();
            var after = result.Where(k => k > i).DefaultIfEmpty(-1).Min();
            var previous = doc.Markers[before]!;
            var nextOrdinal = after < 0 ? (int?)null : doc.Markers[after]!.Ordinal;
            var continues = m.Kind == MarkerKind.Number && m.Ordinal == previous.Ordinal + 1
                && (nextOrdinal is null || nextOrdinal == m.Ordinal + 1);
            var orphanSub = m.Kind == MarkerKind.SubNumber && !ordinals.Contains(m.Ordinal)
                && (previous.Ordinal == m.Ordinal - 1 || (previous.Kind == MarkerKind.SubNumber && previous.Ordinal == m.Ordinal));
            if (continues || orphanSub)
            {
                result.Add(i);
                result.Sort();
            }
        }

        return result;
    }

    private enum RunVerdict
    {
        Questions,
        Plain,
        NotQuestions,
    }

    /// <summary>Ordered lists restart when the numbering goes back; bullets form one run.</summary>
    private static List<List<int>> Runs(Document doc, List<int> lines)
    {
        var runs = new List<List<int>>();
        var previous = 0;
        foreach (var i in lines)
        {
            var m = doc.Markers[i]!;
            var restart = m.Kind is not (MarkerKind.Bullet or MarkerKind.SubNumber) && runs.Count > 0 && m.Ordinal <= previous;
            if (runs.Count == 0 || restart)
            {
                runs.Add([]);
            }

            runs[^1].Add(i);
            previous = m.Ordinal;
        }

        return runs;
    }

    private static (RunVerdict Verdict, string Why) Judge(Document doc, List<int> run, List<int> allItems, int end)
    {
        var intro = IntroBefore(doc, run[0]);
        var items = run.Select(i => ItemText(doc, i, end)).ToList();
        var quoted = RequestCues.QuotingIntro.IsMatch(intro) || OpensQuotation(intro)
            || items[0].StartsWith('"') || items[0].StartsWith('“');
        var definitional = RequestCues.IsDefinition(intro) || RequestCues.BackgroundIntro.IsMatch(intro)
            || items.Count(RequestCues.IsDefinition) * 2 > items.Count;
        if (quoted || definitional)
        {
            return (RunVerdict.NotQuestions, "");
        }

        // "Please provide the number of patients who left, for the following reasons:" + noun-phrase items: the
        // items break one request down, so they are its parts, not questions.
        if (RequestCues.IsSpecificRequestIntro(intro) && !items.Any(RequestCues.AsksInWords))
        {
            return (RunVerdict.NotQuestions, "");
        }

        if (items.Select(t => RequestCues.WhyRequest(t, listItem: true)).FirstOrDefault(w => w is not null) is { } asks)
        {
            return (RunVerdict.Questions, $"an item {asks}");
        }

        if (run.Any(i => SubItemsAsk(doc, i, allItems, end)))
        {
            return (RunVerdict.Questions, "the list's numbered sub-items ask for information");
        }

        return intro.Length > 0 && RequestCues.ListIntro.IsMatch(intro)
            ? (RunVerdict.Questions, $"the line before the list introduces it ('{Shorten(intro)}')")
            : (RunVerdict.Plain, "");
    }

    internal static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";

    /// <summary>An intro that opens a quotation it does not close ("The policy says: "Complaints will be:").</summary>
    private static bool OpensQuotation(string intro)
    {
        var straight = intro.Count(c => c == '"');
        return straight % 2 == 1 || intro.Count(c => c == '“') > intro.Count(c => c == '”');
    }

    /// <summary>The non-list paragraph just before a list (its "following information:" or "section 1 states:").</summary>
    private static string IntroBefore(Document doc, int line)
    {
        var i = line - 1;
        while (i >= 0 && doc.Lines[i].IsBlank)
        {
            i--;
        }

        if (i < 0 || doc.Markers[i] is not null)
        {
            return "";
        }

        var last = i;
        while (i > 0 && !doc.Lines[i - 1].IsBlank && doc.Markers[i - 1] is null && last - i < 4)
        {
            i--;
        }

        var joined = doc.Join(i, last).Text;
        var sentences = Sentences.Split(joined);
        return sentences.Count == 0 ? "" : joined[sentences[^1].Start..sentences[^1].End];
    }

    /// <summary>A heading item ("1. Housing repairs") whose numbered sub-items ("1a. How many ...?") ask.</summary>
    private static bool SubItemsAsk(Document doc, int line, List<int> allItems, int end)
    {
        var parent = doc.Markers[line]!;
        var next = allItems.FirstOrDefault(i => i > line, end);
        for (var i = line + 1; i < Math.Min(next, end); i++)
        {
            if (doc.Markers[i] is { Kind: MarkerKind.SubNumber } sub && sub.Ordinal == parent.Ordinal
                && RequestCues.IsRequest(ItemText(doc, i, end), listItem: true))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>An item's own paragraph: what the item itself says, without what follows the list.</summary>
    private static string ItemText(Document doc, int line, int end)
    {
        var last = line;
        var from = doc.Markers[line]!.TextStart;

        // A heading marker alone on its line ("Request 3"): the item says what the paragraph below it says.
        if (doc.Lines[line].Text[Math.Min(from, doc.Lines[line].Text.Length)..].Trim().Length == 0)
        {
            var next = line + 1;
            while (next < end && doc.Lines[next].IsBlank)
            {
                next++;
            }

            if (next < end && doc.Markers[next] is null)
            {
                line = next;
                last = next;
                from = 0;
            }
        }

        while (last + 1 < end && !doc.Lines[last + 1].IsBlank && doc.Markers[last + 1] is null)
        {
            last++;
        }

        return doc.Join(line, last, from).Text;
    }

    public static void Split(Document doc, TopLevel top, int end, Builder build)
    {
        var starts = top.Items;
        ProseLayout.Classify(doc, 0, starts[0], build, questionsAllowed: false);

        var oneLineItems = OneLineItems(doc, top, end);
        for (var k = 0; k < starts.Count; k++)
        {
            var first = starts[k];
            var stop = k + 1 < starts.Count ? starts[k + 1] : end;
            if (LeadInBefore(doc, top, first, stop) is { } leadIn)
            {
                // "If within cost constraints:" or a heading ("Fly-tipping:") before the next question: not this one's.
                ProseLayout.Classify(doc, leadIn, stop, build, questionsAllowed: false, notesOnly: true);
                stop = leadIn;
            }

            if (k == starts.Count - 1)
            {
                stop = oneLineItems ? LineAfterLastItem(doc, top, first, stop, build) : stop;
                stop = TrailingNotes(doc, first, stop, build);
            }

            build.Questions.Add(Item(doc, top, first, stop, k, build));
        }
    }

    /// <summary>
    /// An unmarked line inside an item's span that ends in a colon and introduces no sub-items of its own before the
    /// next item: a group lead-in, scope line or heading for the questions after it. Returns where it starts.
    /// </summary>
    private static int? LeadInBefore(Document doc, TopLevel top, int first, int stop)
    {
        for (var i = first + 1; i < stop; i++)
        {
            var line = doc.Lines[i];
            if (line.IsBlank || doc.Markers[i] is not null || !line.Text.TrimEnd().EndsWith(':') || line.Text.Length > 120
                || char.IsLower(line.Text[0]) || Sentences.RunsOn(doc.Lines, doc.Markers, i - 1, doc.WrapWidth))
            {
                continue;
            }

            // Sub-items after it would make it this question's own lead-in ("Please break this down by:").
            if (Enumerable.Range(i + 1, stop - i - 1).Any(j => doc.Markers[j] is not null))
            {
                return null;
            }

            var from = i;
            while (from - 1 > first && doc.Lines[from - 1].IsBlank)
            {
                from--;
            }

            return from;
        }

        return null;
    }

    /// <summary>
    /// Whether every question but the last is one unwrapped line (with any sub-items on lines of their own), as when
    /// a web form or mail client sends one paragraph per line: then the last question is one line too.
    /// </summary>
    private static bool OneLineItems(Document doc, TopLevel top, int end)
    {
        if (doc.WrapWidth is not null || top.Items.Count < 2)
        {
            return false;
        }

        for (var k = 0; k + 1 < top.Items.Count; k++)
        {
            var cut = LeadInBefore(doc, top, top.Items[k], top.Items[k + 1]) ?? top.Items[k + 1];
            for (var i = top.Items[k] + 1; i < cut && i < end; i++)
            {
                if (!doc.Lines[i].IsBlank && doc.Markers[i] is null)
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>With one-line questions, the first unmarked line after the last one starts what follows the list.</summary>
    private static int LineAfterLastItem(Document doc, TopLevel top, int first, int stop, Builder build)
    {
        for (var i = first + 1; i < stop; i++)
        {
            if (doc.Lines[i].IsBlank || doc.Markers[i] is not null)
            {
                continue;
            }

            ProseLayout.Classify(doc, i, stop, build, questionsAllowed: false, notesOnly: true);
            return i;
        }

        return stop;
    }

    /// <summary>
    /// After the last question, paragraphs that give scope, format or advice ("Please provide this in Excel format",
    /// "If any part of this request is exempt...") go to the notes; returns where the question ends.
    /// </summary>
    private static int TrailingNotes(Document doc, int first, int stop, Builder build)
    {
        var paragraphs = doc.Paragraphs(first, stop);
        for (var p = 1; p < paragraphs.Count; p++)
        {
            var (pFirst, pLast) = paragraphs[p];
            if (doc.Markers[pFirst] is not null)
            {
                continue;
            }

            var text = doc.Join(pFirst, pLast).Text;
            var sentences = Sentences.Split(text);
            var role = sentences.Count == 0 ? SentenceRole.Other : RequestCues.Classify(text[sentences[0].Start..sentences[0].End], questionSeen: true);
            if (role is not (SentenceRole.Note or SentenceRole.Closing))
            {
                continue;
            }

            ProseLayout.Classify(doc, pFirst, stop, build, questionsAllowed: false, notesOnly: true);
            return pFirst;
        }

        return stop;
    }

    private static Question Item(Document doc, TopLevel top, int first, int stop, int index, Builder build)
    {
        var marker = doc.Markers[first]!;
        var last = stop - 1;
        while (last > first && doc.Lines[last].IsBlank)
        {
            last--;
        }

        var own = doc.Join(first, last, marker.TextStart);
        var parts = new List<QuestionPart>();
        for (var i = first + 1; i <= last; i++)
        {
            if (doc.Markers[i] is not { } sub || (sub.Style == top.Style && doc.Lines[i].Indent <= top.MaxIndent))
            {
                continue;
            }

            var partLast = i;
            while (partLast < last && PartRunsOn(doc, partLast))
            {
                partLast++;
            }

            parts.Add(new QuestionPart { Label = sub.Label, Text = doc.Join(i, partLast, sub.TextStart).Text });
        }

        var number = marker.Kind == MarkerKind.Bullet ? QuestionSplitter.NumberOf(index) : marker.Label;
        var start = doc.Lines[first].ContentStart;
        var written = doc.Lines[first].Text[..marker.TextStart].Trim();
        return build.MakeQuestion(number, own.Text, parts, start, Math.Max(start, doc.Lines[last].End), Reason(written, own.Text, top));
    }

    /// <summary>Why an item is a question: its marker is at the question level, and the item's own cue or else the level's.</summary>
    private static string Reason(string marker, string text, TopLevel top) =>
        RequestCues.WhyRequest(text, listItem: true) is { } why
            ? $"list item '{marker}' at the question level; it {why}"
            : $"list item '{marker}' at the question level, chosen because {top.Why}";

    /// <summary>A sub-item's text runs on over wrapped lines, but a new paragraph after it belongs to the question again.</summary>
    private static bool PartRunsOn(Document doc, int line) => Sentences.RunsOn(doc.Lines, doc.Markers, line, doc.WrapWidth);
}
