using System.Globalization;
using FoiDesk.Ico;

namespace FoiDesk.Web.Cli;

/// <summary>ICO verbs: cases bundle REF (the evidence bundle ZIP), ico record REF.</summary>
public static class IcoVerbs
{
    public static IReadOnlyList<CliVerb> All { get; } =
    [
        new("cases bundle", "REF [--out FILE.zip]", NeedsDatabase: true, Bundle),
        new("ico record", "REF --ico-reference IC-... --received YYYY-MM-DD --due YYYY-MM-DD", NeedsDatabase: true, Record),
    ];

    private static string Actor => $"cli:{Environment.UserName}";

    private static async Task<int> Bundle(CliContext ctx)
    {
        var args = ctx.Parse(options: ["out"]);
        var reference = args.Positional(0, "REF").Trim().ToUpperInvariant();
        var files = await ctx.Services.GetRequiredService<EvidenceBundle>().FilesAsync(reference, null, Actor, ctx.Cancellation)
            ?? throw new InvalidOperationException($"no case {reference}");
        var path = Path.GetFullPath(args.Option("out") ?? $"{reference}-evidence-bundle.zip");
        await File.WriteAllBytesAsync(path, EvidenceBundle.Zip(files), ctx.Cancellation);
        ctx.WriteJson(new { path, files = files.Select(f => f.Path) });
        return 0;
    }

    private static async Task<int> Record(CliContext ctx)
    {
        var args = ctx.Parse(options: ["ico-reference", "received", "due"]);
        var reference = args.Positional(0, "REF");
        var id = await ctx.Services.GetRequiredService<IcoComplaints>().RecordAsync(reference, args.Required("ico-reference"),
            Day(args.Required("received"), "received"), Day(args.Required("due"), "due"), null, Actor, ctx.Cancellation);
        ctx.WriteJson(new { complaint = id, reference = reference.Trim().ToUpperInvariant() });
        return 0;
    }

    private static DateOnly Day(string text, string option) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d
            : throw new CliUsageException($"--{option} must be YYYY-MM-DD, not '{text}'");
}
