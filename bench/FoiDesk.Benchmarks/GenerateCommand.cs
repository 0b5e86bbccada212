using System.Globalization;
using System.Text.Json;
using Npgsql;

namespace FoiDesk.Benchmarks;

/// <summary>
/// The generate verb of ops/bench-web: fills a migrated FoiDesk database (never a real one) with synthetic cases.
/// Usage: generate --connection CS --cases N [--questions-per-case K] [--seed S]; prints the result as JSON.
/// </summary>
public static class GenerateCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<int> RunAsync(string[] args)
    {
        var connection = Arg(args, "--connection");
        var cases = Positive(Arg(args, "--cases"));
        var perCase = Arg(args, "--questions-per-case") is { } k ? Positive(k) : 5;
        var seed = Arg(args, "--seed") is { } s ? Positive(s) : 42;
        if (connection is null || cases is null || perCase is null || seed is null)
        {
            await Console.Error.WriteLineAsync("usage: generate --connection CS --cases N [--questions-per-case K] [--seed S] (N, K, S positive whole numbers)");
            return 2;
        }

        FoiDesk.Database.DapperSetup.Configure();
        await using var db = NpgsqlDataSource.Create(connection);
        var result = await new CaseGenerator(db, TimeProvider.System)
            .GenerateAsync(new GenerateOptions { Cases = cases.Value, QuestionsPerCase = perCase.Value, Seed = seed.Value }, Console.Error, CancellationToken.None);
        Console.WriteLine(JsonSerializer.Serialize(result, Json));
        return 0;
    }

    private static string? Arg(string[] args, string name) => Array.IndexOf(args, name) is var i && i >= 0 && i + 1 < args.Length ? args[i + 1] : null;

    private static int? Positive(string? value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : null;
}
