using System.Globalization;
using System.Text.Json;
using FoiDesk.Mail;

namespace FoiDesk.Web.Cli;

/// <summary>Mail verbs: read one message to JSON (MimeKit through MailReader), benchmark reading over a folder.</summary>
public static class MailVerbs
{
    private static readonly JsonSerializerOptions OneLine = new(JsonSerializerDefaults.Web);

    // Mail text is mostly non-ASCII prose: print it as UTF-8 rather than \u escapes (still valid JSON).
    private static readonly JsonSerializerOptions Readable = new(CliContext.Json)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static IReadOnlyList<CliVerb> All { get; } =
    [
        new("mail parse", "FILE", NeedsDatabase: false, Parse),
        new("mail bench", "DIR [--rounds N]", NeedsDatabase: false, Bench),
    ];

    /// <summary>Exit 0 for any mail however broken; 1 only when the file cannot be read (or a hard limit is hit).</summary>
    private static Task<int> Parse(CliContext ctx)
    {
        var args = ctx.Parse();
        var path = args.Positional(0, "FILE");
        using var message = MailReader.ReadFile(path, ct: ctx.Cancellation);
        ctx.Out.WriteLine(JsonSerializer.Serialize(MailReport.Create(message), Readable));
        return Task.FromResult(0);
    }

    private static Task<int> Bench(CliContext ctx)
    {
        var args = ctx.Parse(options: ["rounds"]);
        var dir = args.Positional(0, "DIR");
        var rounds = 10;
        if (args.Option("rounds") is { } r && (!int.TryParse(r, NumberStyles.None, CultureInfo.InvariantCulture, out rounds) || rounds < 1))
        {
            throw new CliUsageException("--rounds must be a positive integer");
        }

        if (!Directory.Exists(dir))
        {
            throw new CliUsageException($"no such directory: {dir}");
        }

        var files = Directory.GetFiles(dir, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        var result = MailBenchmark.Run(files, rounds, ctx.Cancellation);
        ctx.Out.WriteLine(JsonSerializer.Serialize(result, OneLine));
        return Task.FromResult(0);
    }
}
