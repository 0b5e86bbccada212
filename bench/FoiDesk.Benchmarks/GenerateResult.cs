namespace FoiDesk.Benchmarks;

public sealed record GenerateResult(int Cases, long Questions, long ClockEvents, double Seconds);
