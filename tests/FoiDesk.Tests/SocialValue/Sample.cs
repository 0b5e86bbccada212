using System.Globalization;
using FoiDesk.Database;
using FoiDesk.SocialValue.Import;
using FoiDesk.Tests.Database;
using Npgsql;

namespace FoiDesk.Tests.SocialValue;

/// <summary>
/// The fictional sample (demo/social-value-sample, copied beside the tests), and an independent reading of
/// its CSV files for expected figures: a line split with quote handling, deliberately not the production
/// reader (the sample has no embedded newlines, so one line is one record).
/// </summary>
internal static class Sample
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "social-value-sample");

    public static string[] Files => ["frameworks.csv", "measures.csv", "contracts.csv", "commitments.csv", "qualitative_commitments.csv", "returns.csv"];

    /// <summary>A scratch copy of the sample's CSV files, to edit.</summary>
    public static string CopyToTemp()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"sv-{Guid.NewGuid():N}");
        System.IO.Directory.CreateDirectory(dir);
        foreach (var f in Files)
        {
            File.Copy(Path.Combine(Directory, f), Path.Combine(dir, f));
        }

        return dir;
    }

    public static List<Dictionary<string, string>> Rows(string file, string? directory = null)
    {
        var lines = File.ReadAllLines(Path.Combine(directory ?? Directory, file)).Where(l => l.Length > 0).ToList();
        var header = Split(lines[0].TrimStart('\uFEFF'));
        return lines.Skip(1).Select(l =>
        {
            var f = Split(l);
            return header.Select((h, i) => (h, f[i])).ToDictionary(x => x.h, x => x.Item2);
        }).ToList();
    }

    private static List<string> Split(string line)
    {
        var result = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"')
            {
                current.Append('"');
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                result.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        result.Add(current.ToString());
        return result;
    }

    public static decimal Dec(string s) => s.Length == 0 ? 0m : decimal.Parse(s, CultureInfo.InvariantCulture);

    public static DateOnly Date(string s) => DateOnly.ParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A fresh migrated database with the whole sample imported.</summary>
    public static async Task<NpgsqlDataSource> ImportedDatabaseAsync()
    {
        DapperSetup.Configure();
        var ds = NpgsqlDataSource.Create(await TestCluster.CreateDatabaseAsync());
        var result = await new SocialValueImporter(ds, TimeProvider.System).ImportDirectoryAsync(Directory, "test", null, CancellationToken.None);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("\n", result.Errors.Take(20)));
        }

        return ds;
    }
}
