using System.Text.Json;
using FoiDesk.Cases;
using FoiDesk.Deadlines;
using FoiDesk.Intake;

namespace FoiDesk.Web.Api;

// The API's response contract, and the one place rows become it. The records are deliberately separate from the
// database rows (CaseRow, QuestionRow ...): a column can be added or renamed without changing what scripts read,
// and nothing reaches a caller unless it is named here (a commissioner's view never carries the requester).

public sealed record CaseSummary
{
    public required string Reference { get; init; }
    public required string Subject { get; init; }
    public required string Classification { get; init; }
    public required bool ClassificationConfirmed { get; init; }
    public string? Regime { get; init; }
    public required string Status { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>en, cy or bilingual: the language the case's letters are written in.</summary>
    public required string LetterLanguage { get; init; }

    public static CaseSummary From(CaseRow c) => new()
    {
        Reference = c.Reference,
        Subject = c.Subject,
        Classification = c.Classification,
        ClassificationConfirmed = c.ClassificationConfirmed,
        Regime = c.Regime,
        Status = c.Status,
        ReceivedAt = c.ReceivedAt,
        LetterLanguage = c.LetterLanguage,
    };
}

public sealed record CaseDetail
{
    public required CaseSummary Case { get; init; }
    public string? ProposedClassification { get; init; }
    public string? Outcome { get; init; }
    public string? RequesterName { get; init; }
    public string? RequesterEmail { get; init; }
    public string? ReplyToAddress { get; init; }
    public required bool PublishedByPlatform { get; init; }
    public required string RequestText { get; init; }
    public required IReadOnlyList<QuestionBody> Questions { get; init; }
    public required IReadOnlyList<ClockEventBody> ClockEvents { get; init; }

    /// <summary>Null when the case has no statutory clock (not FOI, duplicate, or not yet classified with a regime).</summary>
    public DeadlinesBody? Deadlines { get; init; }

    public static CaseDetail From(CaseRow c, IReadOnlyList<QuestionRow> questions, IReadOnlyList<ClockEventRow> events, DeadlineResult? deadlines) => new()
    {
        Case = CaseSummary.From(c),
        ProposedClassification = c.ProposedClassification,
        Outcome = c.Outcome,
        RequesterName = c.RequesterName,
        RequesterEmail = c.RequesterEmail,
        ReplyToAddress = c.ReplyToAddress,
        PublishedByPlatform = c.PublishedByPlatform,
        RequestText = c.RequestText,
        Questions = [.. questions.Select(QuestionBody.From)],
        ClockEvents = [.. events.Select(ClockEventBody.From)],
        Deadlines = deadlines is null ? null : DeadlinesBody.From(deadlines),
    };
}

/// <summary>A case's state and its questions without the requester: what an assignment or approval changed.</summary>
public sealed record CaseQuestions
{
    public required CaseSummary Case { get; init; }
    public required IReadOnlyList<QuestionBody> Questions { get; init; }

    public static CaseQuestions From(CaseRow c, IReadOnlyList<QuestionRow> questions) => new()
    {
        Case = CaseSummary.From(c),
        Questions = [.. questions.Select(QuestionBody.From)],
    };
}

public sealed record QuestionBody
{
    public required long Id { get; init; }
    public required string Number { get; init; }
    public required string Text { get; init; }
    public required string Status { get; init; }
    public long? AssigneeId { get; init; }
    public long? TeamId { get; init; }
    public required string Answer { get; init; }
    public string? AnswerKind { get; init; }
    public ExemptionBody? Exemption { get; init; }
    public string? ReturnedReason { get; init; }

    public static QuestionBody From(QuestionRow q) => new()
    {
        Id = q.Id,
        Number = q.Number,
        Text = q.Text,
        Status = q.Status,
        AssigneeId = q.AssigneeId,
        TeamId = q.TeamId,
        Answer = q.Answer,
        AnswerKind = q.AnswerKind,
        Exemption = ExemptionBody.From(q.Exemption),
        ReturnedReason = q.ReturnedReason,
    };
}

/// <summary>
/// A question on a commissioner's list: its case reference and clock, never the requester. DraftDue is the
/// internal target (10 working days from assignment); StatutoryDue the legal date it must fit inside.
/// </summary>
public sealed record MyQuestionBody
{
    public required long Id { get; init; }
    public required string CaseReference { get; init; }
    public required string Number { get; init; }
    public required string Text { get; init; }
    public required string Status { get; init; }
    public long? TeamId { get; init; }
    public string? TeamName { get; init; }
    public long? AssigneeId { get; init; }
    public DateTimeOffset? AssignedAt { get; init; }
    public required string Answer { get; init; }
    public string? AnswerKind { get; init; }
    public ExemptionBody? Exemption { get; init; }
    public string? ReturnedReason { get; init; }
    public required string Classification { get; init; }
    public string? Regime { get; init; }
    public DateOnly? DraftDue { get; init; }
    public DateOnly? StatutoryDue { get; init; }

    public static MyQuestionBody From(QueuedQuestion queued)
    {
        var q = queued.Question;
        return new()
        {
            Id = q.Id,
            CaseReference = q.Reference,
            Number = q.Number,
            Text = q.Text,
            Status = q.Status,
            TeamId = q.TeamId,
            TeamName = q.TeamName,
            AssigneeId = q.AssigneeId,
            AssignedAt = q.AssignedAt,
            Answer = q.Answer,
            AnswerKind = q.AnswerKind,
            Exemption = ExemptionBody.From(q.Exemption),
            ReturnedReason = q.ReturnedReason,
            Classification = q.Classification,
            Regime = q.Regime,
            DraftDue = queued.DraftDue,
            StatutoryDue = queued.StatutoryDue,
        };
    }
}

/// <summary>The exemption a commissioner proposes. Qualified: the public interest test applies (FOIA s2(2)(b)).</summary>
public sealed record ExemptionBody
{
    public required string Code { get; init; }
    public required string Title { get; init; }
    public required bool Qualified { get; init; }
    public required string Reasons { get; init; }

    /// <summary>From question.exemption (a <see cref="ProposedExemption"/> as JSON), null when there is none.</summary>
    public static ExemptionBody? From(string? json) =>
        json is null || JsonSerializer.Deserialize<ProposedExemption>(json, JsonSerializerOptions.Web) is not { } e
            ? null
            : new() { Code = e.Code, Title = e.Title, Qualified = e.Qualified, Reasons = e.Reasons };
}

public sealed record ClockEventBody
{
    public required string Name { get; init; }
    public required DateOnly Date { get; init; }
    public required DateTimeOffset RecordedAt { get; init; }
    public required string RecordedBy { get; init; }
    public required string Note { get; init; }

    public static ClockEventBody From(ClockEventRow e) => new() { Name = e.Name, Date = e.OccurredOn, RecordedAt = e.RecordedAt, RecordedBy = e.RecordedBy, Note = e.Note };
}

/// <summary>The computed dates and the working a person would check them with (never stored; see CaseClock).</summary>
public sealed record DeadlinesBody
{
    public required string Regime { get; init; }
    public required DateOnly ReceiptDate { get; init; }
    public required string Calendar { get; init; }
    public required IReadOnlyDictionary<string, DateOnly> Dates { get; init; }
    public required IReadOnlyList<WorkingStepBody> Working { get; init; }
    public required IReadOnlyList<string> Warnings { get; init; }
    public required string HolidayTableVersion { get; init; }

    public static DeadlinesBody From(DeadlineResult r) => new()
    {
        Regime = r.Regime.Key(),
        ReceiptDate = r.ReceiptDate,
        Calendar = r.Calendar.Key(),
        Dates = r.Dates,
        Working = [.. r.Working.Select(w => new WorkingStepBody { Kind = w.Kind.ToString(), Date = w.Date, Text = w.Text, Clock = w.Clock })],
        Warnings = r.Warnings,
        HolidayTableVersion = r.HolidayTableVersion,
    };
}

public sealed record WorkingStepBody
{
    public required string Kind { get; init; }
    public required DateOnly Date { get; init; }
    public required string Text { get; init; }
    public string? Clock { get; init; }
}

/// <summary>The result of confirming a classification: the case, and whether this confirmation queued the acknowledgement.</summary>
public sealed record ClassificationResult
{
    public required CaseSummary Case { get; init; }

    /// <summary>The outbox id of the acknowledgement queued now; null when none is due (not FOI, duplicate) or one was queued before.</summary>
    public long? AcknowledgementMessageId { get; init; }
}

/// <summary>Mail in the holding pen (matched no case) or that failed to parse, with the router's reason.</summary>
public sealed record HeldMessageBody
{
    public required long RawEmailId { get; init; }

    /// <summary>held or failed.</summary>
    public required string Route { get; init; }
    public required string Reason { get; init; }
    public required string Subject { get; init; }
    public string? FromName { get; init; }
    public string? FromAddress { get; init; }
    public required DateTimeOffset ArrivedAt { get; init; }
    public required int Size { get; init; }

    public static HeldMessageBody From(HeldMessage m) => new()
    {
        RawEmailId = m.RawEmailId,
        Route = m.Route,
        Reason = m.RouteReason,
        Subject = m.Subject,
        FromName = m.FromName,
        FromAddress = m.FromAddress,
        ArrivedAt = m.ArrivedAt,
        Size = m.Size,
    };
}

/// <summary>What became of a held message: the case it now belongs to and its new route (follow-up or request).</summary>
public sealed record PenDecision
{
    public required long RawEmailId { get; init; }
    public required string Reference { get; init; }
    public required string Route { get; init; }
}
