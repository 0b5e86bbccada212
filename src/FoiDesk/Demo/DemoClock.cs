namespace FoiDesk.Demo;

/// <summary>The clock the demo generator moves through the year, so every row it writes carries the time it happened.</summary>
public sealed class DemoClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
