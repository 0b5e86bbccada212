using FoiDesk.Cases;
using FoiDesk.Deadlines;
using FoiDesk.Intake;
using FoiDesk.Reporting;

namespace FoiDesk.Web.Cli;

/// <summary>Verbs of intake and cases: intake run-once, cases list.</summary>
public static class IntakeVerbs
{
    public static IReadOnlyList<CliVerb> All { get; } =
    [
        new("intake run-once", "", NeedsDatabase: true, RunOnce),
        new("cases list", "[--limit N]", NeedsDatabase: true, ListCases),
        new("intake held", "", NeedsDatabase: true, Held),
        new("intake reprocess", "RAW_ID", NeedsDatabase: true, Reprocess),
        new("intake attach", "RAW_ID REFERENCE --actor NAME", NeedsDatabase: true, Attach),
        new("intake open", "RAW_ID --actor NAME", NeedsDatabase: true, Open),
    ];

    private static async Task<int> RunOnce(CliContext ctx)
    {
        ctx.Parse();
        var runner = ctx.Services.GetRequiredService<IntakeRunner>();
        var counts = await runner.RunOnceAsync(ctx.Services.GetRequiredService<IMailSource>(), ctx.Cancellation);
        ctx.WriteJson(counts);
        return 0;
    }

    private static async Task<int> Held(CliContext ctx)
    {
        ctx.Parse();
        ctx.WriteJson(await ctx.Services.GetRequiredService<HoldingPen>().ListAsync(ctx.Cancellation));
        return 0;
    }

    private static async Task<int> Reprocess(CliContext ctx)
    {
        var id = RawId(ctx.Parse());
        ctx.WriteJson(await ctx.Services.GetRequiredService<IntakeProcessor>().ReprocessAsync(id, ctx.Cancellation));
        return 0;
    }

    private static async Task<int> Attach(CliContext ctx)
    {
        var args = ctx.Parse(options: ["actor"]);
        var reference = args.Positional(1, "REFERENCE");
        reference = await ctx.Services.GetRequiredService<HoldingPen>().AttachToCaseAsync(RawId(args), reference, Decider(args), ctx.Cancellation);
        ctx.WriteJson(new { rawEmailId = RawId(args), reference, route = "follow-up" });
        return 0;
    }

    private static async Task<int> Open(CliContext ctx)
    {
        var args = ctx.Parse(options: ["actor"]);
        var reference = await ctx.Services.GetRequiredService<HoldingPen>().OpenCaseAsync(RawId(args), Decider(args), ctx.Cancellation);
        ctx.WriteJson(new { rawEmailId = RawId(args), reference, route = "request" });
        return 0;
    }

    /// <summary>A decision from the command line: audited under the name given, with no account.</summary>
    private static PenDecider Decider(CliArgs args) => new(args.Required("actor"), null, "cli");

    private static long RawId(CliArgs args) =>
        long.TryParse(args.Positional(0, "RAW_ID"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) && id > 0
            ? id
            : throw new CliUsageException("RAW_ID must be a raw_email id (a positive whole number)");

    private static async Task<int> ListCases(CliContext ctx)
    {
        var args = ctx.Parse(options: ["limit"]);
        var limit = int.TryParse(args.Option("limit") ?? "1000", System.Globalization.CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new CliUsageException("--limit must be a positive whole number");
        var store = ctx.Services.GetRequiredService<CaseStore>();
        var clock = ctx.Services.GetRequiredService<CaseClock>();
        var holidays = await ctx.Services.GetRequiredService<HolidayStore>().CurrentAsync(ctx.Cancellation);
        var today = LondonTime.DateOf(ctx.Services.GetRequiredService<TimeProvider>().GetUtcNow());
        var rows = new List<object>();
        foreach (var c in await store.ListAsync(limit, ctx.Cancellation))
        {
            var dates = await clock.ComputeAsync(c, ctx.Cancellation);
            var questions = await store.QuestionsAsync(c.Id, ctx.Cancellation);
            var events = await store.ClockEventsAsync(c.Id, ctx.Cancellation);
            var statutoryDue = c.Regime is null ? null : DueDates.ResponseDue(c.Regime, c.SarCalendar, c.ReceivedAt, [.. events.Select(e => new ClockEvent(e.Name, e.OccurredOn))], holidays);
            rows.Add(new
            {
                reference = c.Reference,
                regime = c.Regime,
                classification = c.Classification,
                status = c.Status,
                // Where it stands in an officer's words (clarification pending, PIT extension, overdue ...).
                state = CaseState.Of(c, questions, events, statutoryDue, today),
                receivedAt = c.ReceivedAt,
                responseDue = dates?.Dates.TryGetValue("response_due", out var due) == true ? due.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : null,
                questionCount = questions.Count,
                requesterAddress = c.ReplyToAddress ?? c.RequesterEmail,
            });
        }

        ctx.WriteJson(rows);
        return 0;
    }
}
