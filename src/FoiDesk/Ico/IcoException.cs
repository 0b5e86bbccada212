namespace FoiDesk.Ico;

public enum IcoProblem
{
    NoCase,
    NoComplaint,
    Invalid,
}

/// <summary>An ICO complaint change that cannot be made as asked; nothing was changed.</summary>
public sealed class IcoException(IcoProblem problem, string message) : Exception(message)
{
    public IcoProblem Problem { get; } = problem;
}
