using FoiDesk.Cases;
using FoiDesk.Intake;
using FoiDesk.Mail;
using FoiDesk.Questions;
using FoiDesk.Questions.Evaluation;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace FoiDesk.Web.Cli;

/// <summary>Verbs of the question splitter: split.</summary>
public static class QuestionVerbs
{
    public static IReadOnlyList<CliVerb> All { get; } =
    [
        new("split", "FILE  (a plain-text request or an .eml; prints its questions as JSON)", NeedsDatabase: false, Split),
        new("split export", "--since YYYY-MM-DD [--out DIR]  (officers' corrections as a labelled folder, personal data redacted; default DIR split-corrections)", NeedsDatabase: true, Export),
        new("split evaluate", "DIR [--split all|training|validation] [--failures]  (accuracy on a labelled folder: labels.jsonl + <id>.txt)", NeedsDatabase: false, Evaluate),
    ];

    /// <summary>Writes the corrections made since a date (London midnight) in the corpus format, for split evaluate.</summary>
    private static async Task<int> Export(CliContext ctx)
    {
        var args = ctx.Parse(options: ["since", "out"]);
        var sinceText = args.Required("since");
        if (!DateOnly.TryParseExact(sinceText, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var since))
        {
            throw new CliUsageException($"--since '{sinceText}' is not a date (YYYY-MM-DD)");
        }

        var dir = args.Option("out") ?? "split-corrections";
        var midnight = since.ToDateTime(TimeOnly.MinValue);
        var from = new DateTimeOffset(midnight, LondonTime.Zone.GetUtcOffset(midnight));
        var count = await new SplitCorrections(ctx.Services.GetRequiredService<NpgsqlDataSource>()).ExportAsync(from, dir, ctx.Cancellation);
        await ctx.Out.WriteLineAsync($"{count} corrected split{(count == 1 ? "" : "s")} since {since:yyyy-MM-dd} written to {dir} (personal data redacted)");
        return 0;
    }

    /// <summary>
    /// Prints exact-request accuracy, question precision/recall and the confusion by numbering style for a labelled
    /// folder; a folder with validation-split.txt is also reported as its training and validation parts.
    /// </summary>
    private static async Task<int> Evaluate(CliContext ctx)
    {
        var args = ctx.Parse(options: ["split"], flags: ["failures"]);
        var dir = args.Positional(0, "DIR");
        if (!Directory.Exists(dir))
        {
            await ctx.Error.WriteLineAsync($"foidesk split evaluate: no such folder: {dir}");
            return 1;
        }

        var which = args.Option("split") ?? "all";
        if (which is not ("all" or "training" or "validation"))
        {
            throw new CliUsageException("--split is all, training or validation");
        }

        var evaluation = SplitEvaluator.Evaluate(LabelledCorpus.Load(dir), QuestionSplitter.Split);
        var validation = LabelledCorpus.ValidationIds(dir);
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(dir)));
        var parts = new List<(string Title, SplitEvaluation Part)>();
        if (which == "all")
        {
            parts.Add((name, evaluation));
        }

        if (validation.Count > 0 && which is "all" or "training")
        {
            parts.Add(($"{name} training split", evaluation.Only(s => !validation.Contains(s.Id))));
        }

        if (validation.Count > 0 && which is "all" or "validation")
        {
            parts.Add(($"{name} validation split", evaluation.Only(s => validation.Contains(s.Id))));
        }

        foreach (var (title, part) in parts)
        {
            await ctx.Out.WriteAsync(part.Report(title));
        }

        if (args.Flag("failures"))
        {
            var shown = parts[^1].Part;
            foreach (var s in shown.Scores.Where(s => !s.Exact))
            {
                await ctx.Out.WriteLineAsync($"  not exact: {s.Id} {s.Outcome} (labelled {s.Expected}, split {s.Predicted}, matched {s.Matched}){(s.Ambiguous ? " ambiguous" : "")}");
            }
        }

        return 0;
    }

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
            questions = split.Questions.Select(q => new { number = q.Number, text = q.Text, parts = q.Parts.Select(p => p.Text).ToList(), reason = q.Reason }).ToList(),
            preamble = split.Preamble,
            closing = split.Closing,
            doubts = split.Doubts,
        });
        return 0;
    }
}
