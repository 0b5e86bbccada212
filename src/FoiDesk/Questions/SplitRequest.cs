namespace FoiDesk.Questions;

/// <summary>
/// A request body split into the questions an officer answers one by one. Every line of
/// <see cref="Original"/> lands in exactly one of <see cref="Preamble"/>, a question,
/// <see cref="Notes"/> or <see cref="Closing"/>; the original text itself is kept unchanged.
/// </summary>
public sealed record SplitRequest
{
    /// <summary>The text as received; offsets in <see cref="Question.SourceStart"/> point into it.</summary>
    public required string Original { get; init; }

    /// <summary>Salutation and introduction ("Dear ...", "I would like to request ... under the FOI Act").</summary>
    public required string Preamble { get; init; }

    public required IReadOnlyList<Question> Questions { get; init; }

    /// <summary>Sign-off and anything after it (name, WhatDoTheyKnow footer).</summary>
    public required string Closing { get; init; }

    /// <summary>Scope, format and advisory lines ("for each of the last three years", "in Excel format").</summary>
    public required IReadOnlyList<string> Notes { get; init; }

    /// <summary>
    /// Why the splitter is unsure of this split (prose with several candidate requests, mixed list markers, a long
    /// list with no verbs ...); empty when it is confident. Triage flags an unsure split for an officer to check.
    /// </summary>
    public IReadOnlyList<string> Doubts { get; init; } = [];

    public bool Unsure => Doubts.Count > 0;
}

/// <summary>One question of a request.</summary>
public sealed record Question
{
    /// <summary>"1", "2", "1a", "iv"... as the requester numbered it; bullets and prose are numbered 1, 2, 3.</summary>
    public required string Number { get; init; }

    /// <summary>The question without its own marker, whitespace collapsed; sub-items keep their markers inline.</summary>
    public required string Text { get; init; }

    /// <summary>Sub-items (1a, a), i), bullets under the item), each also included in <see cref="Text"/>.</summary>
    public required IReadOnlyList<QuestionPart> Parts { get; init; }

    /// <summary>Start offset in <see cref="SplitRequest.Original"/> of the text this question came from.</summary>
    public required int SourceStart { get; init; }

    /// <summary>End offset (exclusive) in <see cref="SplitRequest.Original"/>.</summary>
    public required int SourceEnd { get; init; }

    /// <summary>The original text of the question exactly as received (markers, wrapping, quoting and all).</summary>
    public required string Source { get; init; }

    /// <summary>Why the splitter started a question here, in words an officer can check ("list item '2.' ...").</summary>
    public string Reason { get; init; } = "";

    /// <summary>True once an officer has changed <see cref="Text"/>; <see cref="Source"/> is never changed.</summary>
    public bool Edited { get; init; }
}

/// <summary>A sub-item of a question: its label ("a", "ii", "1a", "•") and text.</summary>
public sealed record QuestionPart
{
    public required string Label { get; init; }
    public required string Text { get; init; }
}
