namespace FoiDesk.Cases;

/// <summary>What a request is; the officer confirms the proposal made on intake.</summary>
public static class Classifications
{
    public const string Foi = "foi";
    public const string Eir = "eir";
    public const string Foisa = "foisa";
    public const string Sar = "sar";

    /// <summary>An internal review of an earlier response (FOIA s45 Code, EIR reg 11, FOISA s20).</summary>
    public const string Review = "review";

    /// <summary>Business as usual: answered outside the Act, with no statutory clock.</summary>
    public const string NotFoi = "not-foi";

    public const string Duplicate = "duplicate";

    public static IReadOnlyList<string> All { get; } = [Foi, Eir, Foisa, Sar, Review, NotFoi, Duplicate];
}

/// <summary>
/// The language of a case's letters (foi_case.letter_language). Welsh Language Standards: someone who writes in
/// Welsh is answered in Welsh; bilingual letters put the Welsh first.
/// </summary>
public static class LetterLanguages
{
    public const string English = "en";
    public const string Welsh = "cy";

    /// <summary>One email holding the Welsh version, then the English.</summary>
    public const string Bilingual = "bilingual";

    public static IReadOnlyList<string> All { get; } = [English, Welsh, Bilingual];
}

public sealed record CaseRow
{
    public required long Id { get; init; }
    public required string Reference { get; init; }
    public required string Classification { get; init; }
    public required bool ClassificationConfirmed { get; init; }
    public string? ProposedClassification { get; init; }
    public required string ProposalReasons { get; init; }
    public string? Regime { get; init; }
    public required string SarCalendar { get; init; }
    public required string Status { get; init; }
    public string? Outcome { get; init; }
    public required string Subject { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>Which evidence dated the receipt (FoiDesk.Intake.ReceiptEvidence's sources); null before migrations/0270.</summary>
    public string? ReceivedEvidence { get; init; }

    /// <summary>Why the received date needs an officer's check (far before, or after, FoiDesk read it); null when it does not.</summary>
    public string? ReceivedFlag { get; init; }
    public string? RequesterName { get; init; }
    public string? RequesterEmail { get; init; }
    public string? ReplyToAddress { get; init; }
    public long? WdtkRequestId { get; init; }
    public required bool PublishedByPlatform { get; init; }
    public required string RequestText { get; init; }
    public required string Preamble { get; init; }
    public required string Closing { get; init; }
    public long? ParentCaseId { get; init; }
    public long? DuplicateOfCaseId { get; init; }

    /// <summary>One of <see cref="LetterLanguages"/>.</summary>
    public string LetterLanguage { get; init; } = LetterLanguages.English;
    public required DateTimeOffset CreatedAt { get; init; }
}

public sealed record QuestionRow
{
    public required long Id { get; init; }
    public required long CaseId { get; init; }
    public required int Position { get; init; }
    public required string Number { get; init; }
    public required string Text { get; init; }
    public required string OriginalText { get; init; }
    public required string Parts { get; init; }
    public required string Status { get; init; }
    public long? TeamId { get; init; }
    public long? AssigneeId { get; init; }
    public DateTimeOffset? AssignedAt { get; init; }
    public required string Answer { get; init; }
    public string? AnswerKind { get; init; }
    public string? Exemption { get; init; }
    public string? ReturnedReason { get; init; }
    public long? MergedIntoId { get; init; }
}

// Rows read by Dapper are init-property records: Dapper binds constructors by exact column type and skips
// type handlers there, so DateOnly/DateTimeOffset columns would not bind to a positional record.
public sealed record ClockEventRow
{
    public required long Id { get; init; }
    public required long CaseId { get; init; }
    public required string Name { get; init; }
    public required DateOnly OccurredOn { get; init; }
    public required DateTimeOffset RecordedAt { get; init; }
    public required string RecordedBy { get; init; }
    public required string Note { get; init; }

    public const string Columns = "id, case_id as CaseId, name, occurred_on as OccurredOn, recorded_at as RecordedAt, recorded_by as RecordedBy, note";
}

public sealed record CaseEventRow
{
    public required long Id { get; init; }
    public required long CaseId { get; init; }
    public required DateTimeOffset At { get; init; }
    public required string Actor { get; init; }
    public required string Kind { get; init; }
    public required string Detail { get; init; }
}

/// <summary>A new case as intake (or an officer) opens it.</summary>
public sealed record NewCase
{
    public required string Classification { get; init; }
    public string? ProposedClassification { get; init; }
    public IReadOnlyList<string> ProposalReasons { get; init; } = [];
    public string? Regime { get; init; }
    public required string Subject { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }
    public string? ReceivedEvidence { get; init; }
    public string? ReceivedFlag { get; init; }
    public string? RequesterName { get; init; }
    public string? RequesterEmail { get; init; }
    public string? ReplyToAddress { get; init; }
    public long? WdtkRequestId { get; init; }
    public bool PublishedByPlatform { get; init; }
    public required string RequestText { get; init; }
    public string Preamble { get; init; } = "";
    public string Closing { get; init; } = "";
    public IReadOnlyList<string> Notes { get; init; } = [];
    public IReadOnlyList<NewQuestion> Questions { get; init; } = [];
    public long? ParentCaseId { get; init; }

    /// <summary>One of <see cref="LetterLanguages"/>; intake proposes Welsh for a request written in Welsh.</summary>
    public string LetterLanguage { get; init; } = LetterLanguages.English;
}

public sealed record NewQuestion(string Number, string Text, IReadOnlyList<string> Parts, string Fingerprint);
