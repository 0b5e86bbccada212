namespace FoiDesk.Benchmarks;

public sealed record GenerateOptions
{
    public required int Cases { get; init; }
    public required int QuestionsPerCase { get; init; }
    public int Seed { get; init; } = 42;
    public int Teams { get; init; } = 8;
    public int Commissioners { get; init; } = 40;
}
