namespace FoiDesk.Retention;

public enum RetentionProblem
{
    NoCase,
    NoRun,
    RunNotProposed,
    Invalid,
}

/// <summary>A retention request that cannot be done as asked; nothing was changed.</summary>
public sealed class RetentionException(RetentionProblem problem, string message) : Exception(message)
{
    public RetentionProblem Problem { get; } = problem;
}
