using FoiDesk.Intake;
using FoiDesk.Mail;
using FoiDesk.Questions;

namespace FoiDesk.Web.Cli;

/// <summary>Verbs of the question splitter: split.</summary>
public static class QuestionVerbs
{
    public static IReadOnlyList<CliVerb> All { get; } =
    [
        new("split", "FILE  (a plain-text request or an .eml; prints its questions as JSON)", NeedsDatabase: false, Split),
    ];

    private static async Task<int> Split(CliContext ctx)
    {
        var args = ctx.Parse();
        var path = args.Positional(0, "FILE");
        if (!File.Exists(path))
        {
            await ctx.Error.WriteLineAsync($"foidesk split: no such file: {path}");
            return 1;
        }

        string text;
        if (path.EndsWith(".eml", StringComparison.OrdinalIgnoreCase))
        {
            // An email: decode it, drop WhatDoTheyKnow's footer and quoted history, then split what is left.
            using var message = MailReader.ReadFile(path, ct: ctx.Cancellation);
            text = MessageFacts.RequestBody(message, new IntakeOptions().AlaveteliDomains).Body;
        }
        else
        {
            text = await File.ReadAllTextAsync(path, ctx.Cancellation);
        }

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
