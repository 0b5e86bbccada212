namespace FoiDesk.Questions.Evaluation;

/// <summary>
/// A request text with its hand-labelled split, in the corpus format of tests/.../real-requests
/// (one <c>labels.jsonl</c> line plus <c>NNN.txt</c>).
/// </summary>
public sealed record LabelledRequest
{
    public required string Id { get; init; }

    public required string Text { get; init; }

    public required IReadOnlyList<LabelledQuestion> Questions { get; init; }

    /// <summary>Another careful annotator could reasonably split it differently; scores are also given without these.</summary>
    public bool Ambiguous { get; init; }

    /// <summary>Where the text came from (a URL, or "officer correction" for exported corrections).</summary>
    public string Source { get; init; } = "";

    public string Format { get; init; } = "";

    public IReadOnlyList<string> FormatTags { get; init; } = [];

    public string Notes { get; init; } = "";

    /// <summary>The top-level numbering style, read from the labels' markers (see <see cref="NumberingStyle"/>).</summary>
    public string Style => NumberingStyle.Of(this);
}

/// <summary>One labelled question: its top-level marker as written (null if unmarked), text and parts.</summary>
public sealed record LabelledQuestion(string N, string? Marker, string Text, IReadOnlyList<string> Parts);
