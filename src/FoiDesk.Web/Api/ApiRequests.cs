using FoiDesk.Cases;

namespace FoiDesk.Web.Api;

// Request bodies. Members are optional in the type so that a missing one is answered with a field error
// (400, application/problem+json with "errors") rather than a bare deserialisation failure.

/// <summary>POST body: a clock event (one of the names in the case's regime) on a Europe/London date.</summary>
public sealed record NewClockEvent
{
    public required string Name { get; init; }

    /// <summary>yyyy-MM-dd.</summary>
    public required string Date { get; init; }

    public string? Note { get; init; }
}

/// <summary>PUT body: the draft answer. Kind is answer, not-held or exempt; an exemption is kept only with exempt.</summary>
public sealed record AnswerInput
{
    /// <summary>Markdown.</summary>
    public string? Answer { get; init; }

    public string? Kind { get; init; }

    public ExemptionInput? Exemption { get; init; }

    public static readonly IReadOnlyList<string> Kinds = ["answer", "not-held", "exempt"];

    /// <summary>The draft as the answer page builds it, or the field errors that stop it.</summary>
    public (AnswerDraft? Draft, Dictionary<string, string[]> Errors) ToDraft()
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (Kind is null || !Kinds.Contains(Kind, StringComparer.Ordinal))
        {
            errors["kind"] = [$"kind must be one of {string.Join(", ", Kinds)}"];
        }

        FoiDesk.Questions.Exemption? exemption = null;
        if (Kind == "exempt" && Exemption?.Code is { } code && (exemption = FoiDesk.Questions.Exemptions.Find(code)) is null)
        {
            errors["exemption.code"] = [$"unknown exemption '{code}'; use a code from the list (e.g. s.43(2), reg 12(4)(a))"];
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var proposed = exemption is null ? null : new ProposedExemption(exemption.Code, exemption.Title, exemption.Qualified, Exemption?.Reasons?.Trim() ?? "");
        return (new AnswerDraft(Answer ?? "", Kind!, proposed), errors);
    }
}

/// <summary>An exemption by its code as the law cites it (s.43(2), reg 12(5)(e)), with the commissioner's reasons.</summary>
public sealed record ExemptionInput
{
    public string? Code { get; init; }

    public string? Reasons { get; init; }
}

/// <summary>POST body: what the case is (foi, eir, foisa, sar, review, not-foi, duplicate); its regime follows from it.</summary>
public sealed record ClassificationInput
{
    public string? Classification { get; init; }
}

/// <summary>PUT body: the language of a case's letters (en, cy or bilingual).</summary>
public sealed record LetterLanguageInput
{
    public string? Language { get; init; }
}

/// <summary>POST body: the case a held message belongs to.</summary>
public sealed record AttachInput
{
    public string? Reference { get; init; }
}

/// <summary>POST body: the team a question goes to, and optionally one person in it.</summary>
public sealed record AssignmentInput
{
    public long? TeamId { get; init; }

    public long? AssigneeId { get; init; }
}

/// <summary>POST body: why a question goes back (a commissioner's hand-back, or an approver's comments).</summary>
public sealed record ReasonInput
{
    public string? Reason { get; init; }
}
