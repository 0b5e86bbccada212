using System.Globalization;

namespace FoiDesk.Questions;

/// <summary>
/// Splits a request body into questions. Numbered, lettered, roman, "Q1" and bulleted lists are read as questions
/// when they ask for something (a list of definitions or a quoted passage is not); sub-items stay inside their
/// question and are listed as parts; hard-wrapped lines are rejoined; unnumbered prose is split into the sentences
/// that ask for information. See docs/question-splitting.md for the method and its measured accuracy.
/// </summary>
public static class QuestionSplitter
{
    public static SplitRequest Split(string text)
    {
        var read = SourceLine.Read(text);
        var lines = GluedLists.Unglue(read);
        var markers = lines.Select(l => l.Quoted ? null : ListMarker.Parse(l.Text)).ToList();
        ListMarker.ResolveAmbiguous(markers);
        var doc = new Document(text, lines, markers, Sentences.WrapWidth(read));

        var closingLine = FindClosingLine(doc);
        var top = ListLayout.Choose(doc, closingLine);
        var build = new Builder(doc);
        if (top is null)
        {
            ProseLayout.Split(doc, 0, closingLine, build);
        }
        else
        {
            ListLayout.Split(doc, top, closingLine, build);
        }

        var closingStart = Math.Min(build.ClosingStart ?? int.MaxValue, closingLine < lines.Count ? lines[closingLine].Start : int.MaxValue);
        var closing = closingStart == int.MaxValue ? "" : ClosingFrom(lines, closingStart);

        return new SplitRequest
        {
            Original = text,
            Preamble = build.Preamble(),
            Questions = build.Questions,
            Closing = closing,
            Notes = build.Notes,
            Doubts = SplitConfidence.Doubts(doc, top, build.Questions, closingLine),
        };
    }

    private static string ClosingFrom(IReadOnlyList<SourceLine> lines, int start)
    {
        var texts = new List<string>();
        foreach (var line in lines)
        {
            if (line.End <= start || line.IsBlank)
            {
                continue;
            }

            var from = Math.Max(0, start - line.ContentStart);
            if (from < line.Text.Length)
            {
                texts.Add(line.Text[from..]);
            }
        }

        return string.Join('\n', texts);
    }

    /// <summary>
    /// The first sign-off line: "Yours faithfully" or WhatDoTheyKnow's footer anywhere, softer ones
    /// ("Kind regards", "Many thanks") only after a list item or a sentence that asks for something.
    /// </summary>
    private static int FindClosingLine(Document doc)
    {
        var seenRequest = false;
        for (var i = 0; i < doc.Lines.Count; i++)
        {
            var t = doc.Lines[i].Text;
            if (t.Length == 0)
            {
                continue;
            }

            if (RequestCues.StrongClosingLine.IsMatch(t) && i > 0)
            {
                return i;
            }

            if (RequestCues.Separator.IsMatch(t) && i > 0 && FooterOrEndAfter(doc, i))
            {
                return i;
            }

            if (seenRequest && t.Length < 100 && RequestCues.ClosingSentence.IsMatch(t) && doc.Markers[i] is null)
            {
                return i;
            }

            seenRequest |= doc.Markers[i] is not null || RequestCues.IsRequest(t, listItem: false);
        }

        return doc.Lines.Count;
    }

    private static bool FooterOrEndAfter(Document doc, int line)
    {
        var next = line + 1;
        while (next < doc.Lines.Count && doc.Lines[next].IsBlank)
        {
            next++;
        }

        return next >= doc.Lines.Count || RequestCues.FooterOpening.IsMatch(doc.Lines[next].Text);
    }

    internal static string NumberOf(int index) => (index + 1).ToString(CultureInfo.InvariantCulture);
}

/// <summary>The request text read into lines and markers.</summary>
internal sealed record Document(string Text, IReadOnlyList<SourceLine> Lines, IReadOnlyList<ListMarker?> Markers, int? WrapWidth)
{
    /// <summary>Paragraphs of lines [from, to): runs of non-blank lines joined where hard wrapping broke them.</summary>
    public List<(int First, int Last)> Paragraphs(int from, int to, bool breakAtMarkers = true)
    {
        var result = new List<(int, int)>();
        var i = from;
        while (i < to)
        {
            if (Lines[i].IsBlank)
            {
                i++;
                continue;
            }

            var first = i;
            while (i + 1 < to && (Sentences.RunsOn(Lines, Markers, i, WrapWidth) || (!breakAtMarkers && !Lines[i + 1].IsBlank && WrapWidth is not null)))
            {
                i++;
            }

            result.Add((first, i));
            i++;
        }

        return result;
    }

    public JoinedText Join(int first, int last, int firstFrom = 0)
    {
        var joined = new JoinedText();
        for (var i = first; i <= last; i++)
        {
            joined.Append(Lines[i], i == first ? firstFrom : 0);
        }

        return joined;
    }
}

/// <summary>Collects the pieces of a split request as the layouts find them.</summary>
internal sealed class Builder(Document doc)
{
    private readonly List<List<string>> _preamble = [];

    public List<Question> Questions { get; } = [];

    public List<string> Notes { get; } = [];

    /// <summary>Original offset where a sentence, not a whole line, starts the closing ("Many thanks." mid-paragraph).</summary>
    public int? ClosingStart { get; set; }

    public void AddPreamble(string sentence, bool newParagraph)
    {
        if (newParagraph || _preamble.Count == 0)
        {
            _preamble.Add([]);
        }

        _preamble[^1].Add(sentence);
    }

    public string Preamble() => string.Join('\n', _preamble.Where(p => p.Count > 0).Select(p => string.Join(' ', p)));

    /// <summary>Introductions that name a subject; they become the question if nothing else asks anything.</summary>
    public List<(string Text, int Start, int End)> Fallback { get; } = [];

    public void RemoveFallbackFromPreamble()
    {
        foreach (var paragraph in _preamble)
        {
            paragraph.RemoveAll(s => Fallback.Any(f => string.Equals(f.Text, s, StringComparison.Ordinal)));
        }
    }

    public Question MakeQuestion(string number, string text, IReadOnlyList<QuestionPart> parts, int start, int end, string reason) => new()
    {
        Reason = reason,
        Number = number,
        Text = JoinedText.Collapse(text),
        Parts = parts,
        SourceStart = start,
        SourceEnd = end,
        Source = doc.Text[start..end],
    };
}
