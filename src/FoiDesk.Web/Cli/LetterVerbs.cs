using FoiDesk.Publication;
using FoiDesk.Replies;

namespace FoiDesk.Web.Cli;

/// <summary>Verbs of letters: render any template against any case, for preview by officers and scripts.</summary>
public static class LetterVerbs
{
    public static IReadOnlyList<CliVerb> All { get; } =
    [
        new("letters render", "--case REFERENCE --letter ID [--language en|cy|bilingual]", NeedsDatabase: true, Render),
        new("disclosure-log publish", "[--dir DIRECTORY]", NeedsDatabase: true, Publish),
        new("outbox send-once", "[--batch N]", NeedsDatabase: true, SendOnce),
    ];

    /// <summary>Delivers due outbox entries once (what the outbox job does every 10 seconds).</summary>
    private static async Task<int> SendOnce(CliContext ctx)
    {
        var args = ctx.Parse(options: ["batch"]);
        var batch = int.TryParse(args.Option("batch") ?? "1000", System.Globalization.CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new CliUsageException("--batch must be a positive whole number");
        var run = await ctx.Services.GetRequiredService<OutboxSender>().SendDueAsync(batch, ctx.Cancellation);
        ctx.WriteJson(run);
        return 0;
    }

    /// <summary>Rewrites the log now from every chosen case (the job does it every 15 minutes when something changed).</summary>
    private static async Task<int> Publish(CliContext ctx)
    {
        var args = ctx.Parse(options: ["dir"]);
        var log = ctx.Services.GetRequiredService<DisclosureLog>();
        var dir = args.Option("dir") ?? log.Directory;
        try
        {
            var run = await log.PublishAsync(dir, ctx.Cancellation);
            ctx.WriteJson(new { directory = Path.GetFullPath(dir), run.Published, run.Failed });
            // A response kept out of the log is a failure the operator must see, though the rest was published.
            return run.Failed.Count == 0 ? 0 : 1;
        }
        catch (DisclosureLogLeakException e)
        {
            await ctx.Error.WriteLineAsync($"foidesk disclosure-log publish: {e.Message}");
            return 1;
        }
    }

    private static async Task<int> Render(CliContext ctx)
    {
        var args = ctx.Parse(options: ["case", "letter", "language"]);
        var reference = args.Required("case");
        var letter = args.Required("letter");
        if (!LetterIds.All.Contains(letter, StringComparer.Ordinal))
        {
            throw new CliUsageException($"unknown letter '{letter}'; letters are {string.Join(", ", LetterIds.All)}");
        }

        // Without --language the case's own letter language applies, as when the letter is sent.
        var language = args.Option("language");
        if (language is not null && !FoiDesk.Cases.LetterLanguages.All.Contains(language, StringComparer.Ordinal))
        {
            throw new CliUsageException($"unknown language '{language}'; use {string.Join(", ", FoiDesk.Cases.LetterLanguages.All)}");
        }

        RenderedLetter rendered;
        try
        {
            rendered = await ctx.Services.GetRequiredService<CaseLetters>().RenderAsync(reference, letter, null, ctx.Cancellation, language);
        }
        catch (KeyNotFoundException e)
        {
            await ctx.Error.WriteLineAsync($"foidesk letters render: {e.Message}");
            return 1;
        }

        ctx.WriteJson(new
        {
            subject = rendered.Subject,
            text = rendered.Text,
            html = rendered.Html,
            missingFields = rendered.MissingFields,
            problems = rendered.Problems.Select(p => p.ToString()),
        });
        return 0;
    }
}
