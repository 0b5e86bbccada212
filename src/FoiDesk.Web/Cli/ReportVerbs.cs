using FoiDesk.Reporting;

namespace FoiDesk.Web.Cli;

/// <summary>Report verbs: reports refresh (timeliness summary). Synthetic cases for benchmarks: bench/FoiDesk.Benchmarks generate.</summary>
public static class ReportVerbs
{
    public static IReadOnlyList<CliVerb> All { get; } =
    [
        new("reports refresh", "", NeedsDatabase: true, Refresh),
    ];

    private static async Task<int> Refresh(CliContext ctx)
    {
        ctx.Parse();
        var started = TimeProvider.System.GetTimestamp();
        var folded = await ctx.Services.GetRequiredService<TimelinessSummary>().RefreshAsync(ctx.Cancellation);
        ctx.WriteJson(new { folded, seconds = TimeProvider.System.GetElapsedTime(started).TotalSeconds });
        return 0;
    }
}
