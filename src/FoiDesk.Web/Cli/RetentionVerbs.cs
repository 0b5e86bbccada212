using System.Globalization;
using FoiDesk.Retention;

namespace FoiDesk.Web.Cli;

/// <summary>Retention verbs: retention due, retention list, retention confirm RUN, retention hold REF.</summary>
public static class RetentionVerbs
{
    public static IReadOnlyList<CliVerb> All { get; } =
    [
        new("retention due", "", NeedsDatabase: true, Due),
        new("retention list", "", NeedsDatabase: true, List),
        new("retention confirm", "RUN-ID", NeedsDatabase: true, Confirm),
        new("retention hold", "REF --reason TEXT --until YYYY-MM-DD", NeedsDatabase: true, Hold),
    ];

    private static string Actor => $"cli:{Environment.UserName}";

    private static async Task<int> Due(CliContext ctx)
    {
        ctx.Parse();
        var time = ctx.Services.GetRequiredService<TimeProvider>();
        ctx.WriteJson(await ctx.Services.GetRequiredService<RetentionSchedule>().DueAsync(LondonTime.DateOf(time.GetUtcNow()), ctx.Cancellation));
        return 0;
    }

    private static async Task<int> List(CliContext ctx)
    {
        ctx.Parse();
        var runs = ctx.Services.GetRequiredService<RetentionRuns>();
        ctx.WriteJson(await runs.ListAsync(ctx.Cancellation) is { } id ? await runs.FindAsync(id, ctx.Cancellation) : null);
        return 0;
    }

    private static async Task<int> Confirm(CliContext ctx)
    {
        var args = ctx.Parse();
        var text = args.Positional(0, "RUN-ID");
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var runId))
        {
            throw new CliUsageException($"RUN-ID must be a number, not '{text}'");
        }

        ctx.WriteJson(await ctx.Services.GetRequiredService<RetentionRuns>().ConfirmAsync(runId, null, Actor, ctx.Cancellation));
        return 0;
    }

    private static async Task<int> Hold(CliContext ctx)
    {
        var args = ctx.Parse(options: ["reason", "until"]);
        var reference = args.Positional(0, "REF");
        var until = args.Required("until");
        if (!DateOnly.TryParseExact(until, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var expiresOn))
        {
            throw new CliUsageException($"--until must be YYYY-MM-DD, not '{until}'");
        }

        var id = await ctx.Services.GetRequiredService<RetentionHolds>().PlaceAsync(reference, args.Required("reason"), expiresOn, null, Actor, ctx.Cancellation);
        ctx.WriteJson(new { hold = id, reference = reference.ToUpperInvariant(), expiresOn });
        return 0;
    }
}
