using System.Globalization;

namespace FoiDesk.Questions;

/// <summary>
/// An officer's corrections to a split: merge, split, renumber, edit. Each returns a new <see cref="SplitRequest"/>;
/// <see cref="SplitRequest.Original"/> and every question's <see cref="Question.Source"/> survive unchanged, so the
/// request as received can always be shown beside what the officer made of it.
/// </summary>
public static class QuestionEdits
{
    /// <summary>Joins question <paramref name="index"/> with the one after it; the first keeps its number.</summary>
    public static SplitRequest Merge(SplitRequest request, int index)
    {
        CheckIndex(request, index);
        CheckIndex(request, index + 1);
        var first = request.Questions[index];
        var second = request.Questions[index + 1];
        var start = Math.Min(first.SourceStart, second.SourceStart);
        var end = Math.Max(first.SourceEnd, second.SourceEnd);
        var merged = first with
        {
            Text = JoinedText.Collapse(first.Text + " " + second.Text),
            Parts = [.. first.Parts, .. second.Parts],
            SourceStart = start,
            SourceEnd = end,
            Source = request.Original[start..end],
            Edited = true,
        };
        return Replace(request, index, 2, merged);
    }

    /// <summary>
    /// Cuts question <paramref name="index"/> at character <paramref name="position"/> of its text into two questions
    /// numbered "2a" and "2b" (renumber afterwards if the officer wants 1, 2, 3). Both keep the source of the whole.
    /// </summary>
    public static SplitRequest SplitAt(SplitRequest request, int index, int position)
    {
        CheckIndex(request, index);
        var q = request.Questions[index];
        if (position <= 0 || position >= q.Text.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(position), position, "split position must fall inside the question's text");
        }

        var head = q.Text[..position].Trim();
        var tail = q.Text[position..].Trim();
        if (head.Length == 0 || tail.Length == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(position), position, "split would leave an empty question");
        }

        // A part goes with the half its text sits in.
        var headParts = q.Parts.Where(p => IndexOfPart(q.Text, p) is var at && at >= 0 && at < position).ToList();
        var tailParts = q.Parts.Except(headParts).ToList();
        var first = q with { Number = q.Number + "a", Text = head, Parts = headParts, Edited = true };
        var second = q with { Number = q.Number + "b", Text = tail, Parts = tailParts, Edited = true };
        return Replace(request, index, 1, first, second);
    }

    /// <summary>Numbers the questions 1, 2, 3 ... in their current order.</summary>
    public static SplitRequest Renumber(SplitRequest request) => request with
    {
        Questions = request.Questions.Select((q, i) => q.Number == Number(i) ? q : q with { Number = Number(i), Edited = true }).ToList(),
    };

    /// <summary>Replaces a question's text (whitespace collapsed); its source is kept.</summary>
    public static SplitRequest EditText(SplitRequest request, int index, string text)
    {
        CheckIndex(request, index);
        var collapsed = JoinedText.Collapse(text);
        if (collapsed.Length == 0)
        {
            throw new ArgumentException("a question cannot be empty; merge or remove it instead", nameof(text));
        }

        return Replace(request, index, 1, request.Questions[index] with { Text = collapsed, Edited = true });
    }

    private static string Number(int index) => (index + 1).ToString(CultureInfo.InvariantCulture);

    private static int IndexOfPart(string text, QuestionPart part) => text.IndexOf(part.Text, StringComparison.Ordinal);

    private static void CheckIndex(SplitRequest request, int index)
    {
        if (index < 0 || index >= request.Questions.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"the request has {request.Questions.Count} questions");
        }
    }

    private static SplitRequest Replace(SplitRequest request, int index, int count, params Question[] with)
    {
        var list = request.Questions.ToList();
        list.RemoveRange(index, count);
        list.InsertRange(index, with);
        return request with { Questions = list };
    }
}
