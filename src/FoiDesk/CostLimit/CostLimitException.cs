namespace FoiDesk.CostLimit;

public enum CostLimitProblem
{
    NoQuestion,
    NoCase,

    /// <summary>Hours that are negative, too large or too precise.</summary>
    BadFigures,

    /// <summary>A decision without its reason, or about a case that is no candidate.</summary>
    BadDecision,
}

/// <summary>A cost limit action that cannot be carried out; nothing was saved.</summary>
public sealed class CostLimitException(CostLimitProblem problem, string message) : Exception(message)
{
    public CostLimitProblem Problem { get; } = problem;
}
