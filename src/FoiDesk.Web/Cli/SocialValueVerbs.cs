using System.Globalization;
using FoiDesk.SocialValue;
using FoiDesk.SocialValue.Answers;
using FoiDesk.SocialValue.Import;

namespace FoiDesk.Web.Cli;

/// <summary>Social value monitoring data: import an export directory, draft an answer to one of the seven questions.</summary>
public static class SocialValueVerbs
{
    public static IReadOnlyList<CliVerb> All { get; } =
    [
        new("sv import", "DIR", NeedsDatabase: true, Import),
        new("sv answer", "QUESTION --group GROUP [--from YYYY-MM-DD --to YYYY-MM-DD] [--as-at YYYY-MM-DD]", NeedsDatabase: true, Answer),
    ];

    private static async Task<int> Import(CliContext ctx)
    {
        var args = ctx.Parse();
        var directory = args.Positional(0, "DIR");
        if (!Directory.Exists(directory))
        {
            throw new CliUsageException($"no directory {directory}");
        }

        var progress = new StderrProgress(ctx.Error);
        var result = await ctx.Services.GetRequiredService<SocialValueImporter>()
            .ImportDirectoryAsync(directory, $"cli:{Environment.UserName}", progress, ctx.Cancellation);
        if (!result.Succeeded)
        {
            ctx.WriteJson(new { imported = false, errors = result.Errors });
            return 1;
        }

        ctx.WriteJson(new { imported = true, importId = result.ImportId, counts = result.Counts });
        return 0;
    }

    private static async Task<int> Answer(CliContext ctx)
    {
        var args = ctx.Parse(options: ["group", "from", "to", "as-at"]);
        var question = args.Positional(0, "QUESTION");
        if (!SocialValueQuestions.All.Contains(question, StringComparer.Ordinal))
        {
            throw new CliUsageException($"unknown question '{question}'; questions are {string.Join(", ", SocialValueQuestions.All)}");
        }

        var group = args.Required("group");
        if (!SocialValueVocabulary.IsGroup(group))
        {
            throw new CliUsageException($"unknown group '{group}'; groups are {string.Join(", ", SocialValueVocabulary.ServiceGroups.Select(g => $"'{g}'"))} or all");
        }

        var answer = await ctx.Services.GetRequiredService<SocialValueAnswers>().BuildAsync(
            question, group, Date(args, "from"), Date(args, "to"), Date(args, "as-at"), ctx.Cancellation);
        ctx.Out.WriteLine(SocialValueAnswers.ToJson(answer, indented: true));
        return 0;
    }

    private static DateOnly? Date(CliArgs args, string name)
    {
        var text = args.Option(name);
        if (text is null)
        {
            return null;
        }

        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new CliUsageException($"--{name} must be a date YYYY-MM-DD, not '{text}'");
    }

    /// <summary>One line per report on stderr, so stdout stays pure JSON.</summary>
    private sealed class StderrProgress(TextWriter error) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) =>
            error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"sv import: {value.Stage} {value.Table} {value.Done}/{value.Total}"));
    }
}
