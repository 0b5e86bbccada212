using FoiDesk.Replies;

namespace FoiDesk.Web.Cli;

/// <summary>Verbs of letters: render any template against any case, for preview by officers and scripts.</summary>
public static class LetterVerbs
{
    public static IReadOnlyList<CliVerb> All { get; } =
    [
        new("letters render", "--case REFERENCE --letter ID", NeedsDatabase: true, Render),
    ];

    private static async Task<int> Render(CliContext ctx)
    {
        var args = ctx.Parse(options: ["case", "letter"]);
        var reference = args.Required("case");
        var letter = args.Required("letter");
        if (!LetterIds.All.Contains(letter, StringComparer.Ordinal))
        {
            throw new CliUsageException($"unknown letter '{letter}'; letters are {string.Join(", ", LetterIds.All)}");
        }

        RenderedLetter rendered;
        try
        {
            rendered = await ctx.Services.GetRequiredService<CaseLetters>().RenderAsync(reference, letter, null, ctx.Cancellation);
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
