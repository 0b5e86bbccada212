namespace FoiDesk.Questions;

/// <summary>
/// When the splitter is unsure of a split. Each doubt is a situation in which the real corpus showed the splitter,
/// or a careful annotator, could go either way; the officer checks the split before assigning anything.
/// </summary>
internal static class SplitConfidence
{
    /// <summary>Items in a list with no verb beyond which it is more likely one request's field list than questions.</summary>
    private const int LongList = 6;

    public static IReadOnlyList<string> Doubts(Document doc, TopLevel? top, IReadOnlyList<Question> questions, int end)
    {
        var doubts = new List<string>();
        if (questions.Count == 0)
        {
            doubts.Add("no question was found");
            return doubts;
        }

        if (top is null)
        {
            if (questions.Count >= 2)
            {
                doubts.Add($"prose with {questions.Count} candidate requests and no list markers: check where each request starts");
            }
            else if (questions[0].Reason.StartsWith("no sentence asks", StringComparison.Ordinal))
            {
                doubts.Add("no sentence asks for anything; the introduction was taken as the question");
            }

            return doubts;
        }

        var other = OtherStylesAtQuestionLevel(doc, top, end);
        if (other.Count > 0)
        {
            doubts.Add($"mixed list markers: '{Example(doc, top.Items[0])}' questions with {string.Join(", ", other.Select(s => $"'{s}'"))} items at the same level");
        }

        if (top.Items.Count >= LongList && !questions.Any(q => RequestCues.IsRequest(q.Text, listItem: false)))
        {
            doubts.Add($"a list of {top.Items.Count} items with no verb that asks: it may be the fields of one request");
        }
        else if (top.Why.StartsWith("the first list", StringComparison.Ordinal))
        {
            doubts.Add("no list item asks in so many words; the first list was taken as the questions");
        }

        return doubts;
    }

    /// <summary>Numbering of another style, not indented under a question, from the first question to the end.</summary>
    private static List<string> OtherStylesAtQuestionLevel(Document doc, TopLevel top, int end)
    {
        var found = new List<string>();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var minIndent = top.Items.Min(i => doc.Lines[i].Indent);
        for (var i = top.Items[0]; i < end; i++)
        {
            // Letters, romans and bullets under numbered questions are the usual sub-items; another numbering is not.
            if (doc.Markers[i] is not { } m || m.Style == top.Style || m.Kind is not (MarkerKind.Number or MarkerKind.QuestionNumber) || doc.Lines[i].Indent > minIndent)
            {
                continue;
            }

            counts[m.Style] = counts.GetValueOrDefault(m.Style) + 1;
            if (counts[m.Style] == 2)
            {
                found.Add(Example(doc, i));
            }
        }

        return found;
    }

    private static string Example(Document doc, int line) => doc.Lines[line].Text[..doc.Markers[line]!.TextStart].Trim();
}
