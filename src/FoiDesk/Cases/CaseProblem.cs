namespace FoiDesk.Cases;

/// <summary>A case command that was refused: what kind of refusal, which input it concerns (for a form's error link), and a sentence for the user.</summary>
public sealed record CaseProblem(CaseProblemKind Kind, string Field, string Message)
{
    /// <summary>No case with that reference (<see cref="Field"/> "reference").</summary>
    public static CaseProblem NoCase(string reference) => new(CaseProblemKind.NotFound, "reference", $"no case {reference}");

    /// <summary>No such question on the case, or none this person may act on (<see cref="Field"/> "questionId").</summary>
    public static CaseProblem NoQuestion(string message) => new(CaseProblemKind.NotFound, "questionId", message);

    public static CaseProblem Invalid(string field, string message) => new(CaseProblemKind.Invalid, field, message);

    public static CaseProblem NotAllowed(string message) => new(CaseProblemKind.NotAllowed, "", message);
}
