namespace FoiDesk.Requesters;

public enum RequesterProblem
{
    NoCase,

    /// <summary>A decision without a reason, or about a case that is not flagged.</summary>
    BadDecision,
}

/// <summary>A requester-history action that cannot be carried out; nothing was saved.</summary>
public sealed class RequesterException(RequesterProblem problem, string message) : Exception(message)
{
    public RequesterProblem Problem { get; } = problem;
}
