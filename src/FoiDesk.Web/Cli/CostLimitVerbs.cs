using System.Globalization;
using FoiDesk.Approval;
using FoiDesk.CostLimit;
using FoiDesk.Requesters;
using Microsoft.Extensions.DependencyInjection;

namespace FoiDesk.Web.Cli;

/// <summary>Verbs of the cost limit and requester history (issue 19 parts 2 and 3).</summary>
public static class CostLimitVerbs
{
    public static IReadOnlyList<CliVerb> All { get; } =
    [
        new("cost-limit show", "REFERENCE  (the case's estimates against the appropriate limit, as JSON)", NeedsDatabase: true, Show),
        new("cost-limit estimate", "QUESTION_ID --actor NAME [--determining H] [--locating H] [--retrieving H] [--extracting H] [--basis TEXT]  (records a question's estimate; a missing activity is 0 hours)", NeedsDatabase: true, Estimate),
        new("requesters history", "REFERENCE --actor NAME  (the requester's other cases and possible repeated requests, as JSON; the view is audited under NAME)", NeedsDatabase: true, History),
    ];

    private static async Task<int> Show(CliContext ctx)
    {
        var args = ctx.Parse();
        var reference = args.Positional(0, "REFERENCE").Trim().ToUpperInvariant();
        if (await ctx.Services.GetRequiredService<CostEstimates>().ForCaseAsync(reference, ctx.Cancellation) is not { } cost)
        {
            await ctx.Error.WriteLineAsync($"foidesk cost-limit show: no case {reference}");
            return 1;
        }

        ctx.WriteJson(new
        {
            cost.Reference, cost.Eir, cost.LimitHours, cost.HourlyRate, cost.LimitAmount, cost.TotalHours, cost.TotalCost, cost.OverLimit, cost.Unestimated,
            questions = cost.Questions.Select(q => new { q.QuestionId, q.Position, q.Number, estimate = q.Estimate, q.EstimatedBy }),
        });
        return 0;
    }

    private static async Task<int> Estimate(CliContext ctx)
    {
        var args = ctx.Parse(options: ["actor", "determining", "locating", "retrieving", "extracting", "basis"]);
        var id = long.TryParse(args.Positional(0, "QUESTION_ID"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new CliUsageException("QUESTION_ID must be a question id (a positive whole number)");
        decimal Hours(string name) => args.Option(name) is not { } text ? 0
            : decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var h) ? h
            : throw new CliUsageException($"--{name} must be a number of hours, like 2 or 1.5");
        var estimate = new CostEstimate(Hours("determining"), Hours("locating"), Hours("retrieving"), Hours("extracting"), args.Option("basis") ?? "");
        try
        {
            await ctx.Services.GetRequiredService<CostEstimates>().SaveAsync(id, estimate, new Actor(null, args.Required("actor")), "cli", ctx.Cancellation);
        }
        catch (CostLimitException e)
        {
            await ctx.Error.WriteLineAsync($"foidesk cost-limit estimate: {e.Message}");
            return 1;
        }

        ctx.WriteJson(new { questionId = id, estimate, estimate.TotalHours });
        return 0;
    }

    private static async Task<int> History(CliContext ctx)
    {
        var args = ctx.Parse(options: ["actor"]);
        var reference = args.Positional(0, "REFERENCE").Trim().ToUpperInvariant();
        var viewer = new Actor(null, args.Required("actor"));
        if (await ctx.Services.GetRequiredService<RequesterHistory>().ViewAsync(reference, viewer, "cli", ctx.Cancellation) is not { } others)
        {
            await ctx.Error.WriteLineAsync($"foidesk requesters history: no case {reference}");
            return 1;
        }

        var repeats = await ctx.Services.GetRequiredService<RepeatRequests>().FlagsAsync(reference, ctx.Cancellation) ?? [];
        ctx.WriteJson(new
        {
            reference,
            others = others.Select(o => new { o.Reference, o.Subject, o.ReceivedAt, o.Status, o.Outcome, o.RespondedOn, matches = o.Matches.Select(m => m.ToString()) }),
            repeats = repeats.Select(f => new { f.EarlierReference, f.RespondedOn, f.IntervalEndsOn, f.Similarity, f.Identical, f.Decision }),
        });
        return 0;
    }
}
