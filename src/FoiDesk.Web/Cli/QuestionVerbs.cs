using FoiDesk.Questions;

namespace FoiDesk.Web.Cli;

/// <summary>Verbs of the question splitter: split.</summary>
public static class QuestionVerbs
{
    public static IReadOnlyList<CliVerb> All { get; } =
    [
        new("split", "FILE  (a plain-text request; prints its questions as JSON)", NeedsDatabase: false, Split),
    ];

    private static async Task<int> Split(CliContext ctx)
    {
        var args = ctx.Parse();
        var path = args.Positional(0, "FILE");
        if (path.EndsWith(".eml", StringComparison.OrdinalIgnoreCase))
        {
            // The MIME parser lives on another branch; the lead wires .eml decoding in when it merges.
            await ctx.Error.WriteLineAsync("foidesk split: eml input needs the MIME parser (not yet merged)");
            return 1;
        }

        if (!File.Exists(path))
        {
            await ctx.Error.WriteLineAsync($"foidesk split: no such file: {path}");
            return 1;
        }

        var text = await File.ReadAllTextAsync(path, ctx.Cancellation);
        var split = QuestionSplitter.Split(text);
        ctx.WriteJson(new
        {
            questions = split.Questions.Select(q => new { number = q.Number, text = q.Text, parts = q.Parts.Select(p => p.Text).ToList() }).ToList(),
            preamble = split.Preamble,
            closing = split.Closing,
        });
        return 0;
    }
}
