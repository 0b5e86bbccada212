using System.Globalization;
using FoiDesk.Reporting;

namespace FoiDesk.Web.Cli;

/// <summary>Verbs for benchmarks and reports: generate (synthetic cases), reports refresh (timeliness summary).</summary>
public static class GenerateVerbs
{
    public static IReadOnlyList<CliVerb> All { get; } =
    [
        new("generate", "--cases N [--questions-per-case K] [--seed S]", NeedsDatabase: true, Generate),
        new("reports refresh", "", NeedsDatabase: true, Refresh),
    ];

    private static async Task<int> Generate(CliContext ctx)
    {
        var args = ctx.Parse(options: ["cases", "questions-per-case", "seed"]);
        var options = new GenerateOptions
        {
            Cases = Positive(args.Option("cases"), "--cases") ?? throw new CliUsageException("--cases is required"),
            QuestionsPerCase = Positive(args.Option("questions-per-case"), "--questions-per-case") ?? 5,
            Seed = Positive(args.Option("seed"), "--seed") ?? 42,
        };
        var result = await ctx.Services.GetRequiredService<CaseGenerator>().GenerateAsync(options, ctx.Error, ctx.Cancellation);
        ctx.WriteJson(result);
        return 0;
    }

    private static async Task<int> Refresh(CliContext ctx)
    {
        ctx.Parse();
        var started = TimeProvider.System.GetTimestamp();
        var folded = await ctx.Services.GetRequiredService<TimelinessSummary>().RefreshAsync(ctx.Cancellation);
        ctx.WriteJson(new { folded, seconds = TimeProvider.System.GetElapsedTime(started).TotalSeconds });
        return 0;
    }

    private static int? Positive(string? value, string name) =>
        value is null ? null
        : int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n
        : throw new CliUsageException($"{name} must be a positive whole number");
}
