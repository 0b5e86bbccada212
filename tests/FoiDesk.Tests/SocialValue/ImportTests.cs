using Dapper;
using FoiDesk.Database;
using FoiDesk.SocialValue.Import;
using FoiDesk.Tests.Database;
using Npgsql;

namespace FoiDesk.Tests.SocialValue;

public sealed class ImportTests
{
    private NpgsqlDataSource _ds = null!;
    private readonly List<string> _temp = [];

    [SetUp]
    public async Task SetUp()
    {
        DapperSetup.Configure();
        _ds = NpgsqlDataSource.Create(await TestCluster.CreateDatabaseAsync());
    }

    [TearDown]
    public async Task TearDown()
    {
        await _ds.DisposeAsync();
        foreach (var dir in _temp)
        {
            Directory.Delete(dir, recursive: true);
        }

        _temp.Clear();
    }

    private SocialValueImporter Importer => new(_ds, TimeProvider.System);

    private string Copy()
    {
        var dir = Sample.CopyToTemp();
        _temp.Add(dir);
        return dir;
    }

    private async Task<long> CountAsync(string table)
    {
        await using var conn = await _ds.OpenConnectionAsync();
        return await conn.ExecuteScalarAsync<long>($"select count(*) from {table}");
    }

    [Test]
    public async Task Import_FullSampleIntoFreshDatabase_InsertsEveryRow()
    {
        var progress = new List<ImportProgress>();
        var result = await Importer.ImportDirectoryAsync(Sample.Directory, "test", new SyncProgress(progress), CancellationToken.None);

        Assert.That(result.Errors, Is.Empty);
        Assert.That(result.Succeeded, Is.True);
        var expected = new Dictionary<string, int>
        {
            ["frameworks"] = Sample.Rows("frameworks.csv").Count,
            ["measures"] = Sample.Rows("measures.csv").Count,
            ["contracts"] = Sample.Rows("contracts.csv").Count,
            ["commitments"] = Sample.Rows("commitments.csv").Count,
            ["qualitative_commitments"] = Sample.Rows("qualitative_commitments.csv").Count,
            ["returns"] = Sample.Rows("returns.csv").Count,
            ["themes"] = Sample.Rows("measures.csv").Select(m => (m["framework_code"], m["theme_code"])).Distinct().Count(),
            ["outcomes"] = Sample.Rows("measures.csv").Where(m => m["outcome_code"].Length > 0).Select(m => (m["framework_code"], m["outcome_code"])).Distinct().Count(),
        };
        foreach (var (table, rows) in expected)
        {
            Assert.That(result.Counts[table], Is.EqualTo(new TableCounts(rows, 0, 0)), table);
        }

        Assert.That(expected["returns"], Is.EqualTo(1302), "the README's row count");
        Assert.That(await CountAsync("sv_return"), Is.EqualTo(1302));
        Assert.That(await CountAsync("sv_import"), Is.EqualTo(1));
        Assert.That(progress.Any(p => p.Stage == "write" && p.Table == "returns" && p.Done == 1302), Is.True, "progress reaches the end of returns");
    }

    [Test]
    public async Task Import_SameFilesTwice_SecondChangesNothingAndIsLogged()
    {
        await Importer.ImportDirectoryAsync(Sample.Directory, "test", null, CancellationToken.None);
        await using var conn = await _ds.OpenConnectionAsync();
        var before = await conn.QueryAsync<string>("select md5(string_agg(r::text, '|' order by return_id)) from sv_return r");

        var again = await Importer.ImportDirectoryAsync(Sample.Directory, "test", null, CancellationToken.None);

        Assert.That(again.Succeeded, Is.True);
        Assert.That(again.Counts.Values.All(c => c.Inserted == 0 && c.Updated == 0 && c.Unchanged > 0), Is.True, string.Join(", ", again.Counts));
        Assert.That(await conn.QueryAsync<string>("select md5(string_agg(r::text, '|' order by return_id)) from sv_return r"), Is.EqualTo(before), "rows (and last_import_id) untouched");
        var log = await Importer.ListImportsAsync(CancellationToken.None);
        Assert.That(log, Has.Count.EqualTo(2));
        Assert.That(log[0].Files, Does.Contain(SourceReaders.Sha256(File.ReadAllBytes(Path.Combine(Sample.Directory, "returns.csv")))));
    }

    [Test]
    public async Task Import_LaterExportOfOnePeriod_UpdatesReturnsInPlace()
    {
        await Importer.ImportDirectoryAsync(Sample.Directory, "test", null, CancellationToken.None);
        var dir = Copy();
        foreach (var f in Sample.Files.Where(f => f != "returns.csv"))
        {
            File.Delete(Path.Combine(dir, f));
        }

        // The later export: 2024-25 Q4 only, where RT... submitted returns have since been verified.
        var lines = File.ReadAllLines(Path.Combine(dir, "returns.csv"));
        var q4 = lines.Skip(1).Where(l => l.Contains(",2024-25 Q4,", StringComparison.Ordinal)).ToList();
        var changed = q4.Where(l => l.Contains(",submitted,", StringComparison.Ordinal)).Take(3).ToList();
        var rewritten = q4.Select(l => changed.Contains(l) ? Verify(l) : l).ToList();
        File.WriteAllLines(Path.Combine(dir, "returns.csv"), [lines[0], .. rewritten]);

        var result = await Importer.ImportDirectoryAsync(dir, "later", null, CancellationToken.None);

        Assert.That(result.Errors, Is.Empty);
        Assert.That(result.Counts.Keys, Is.EquivalentTo(new[] { "returns" }));
        Assert.That(result.Counts["returns"], Is.EqualTo(new TableCounts(0, changed.Count, q4.Count - changed.Count)));
        Assert.That(changed, Has.Count.EqualTo(3));
        await using var conn = await _ds.OpenConnectionAsync();
        var id = changed[0].Split(',')[0];
        var row = await conn.QuerySingleAsync<(string Status, long ImportId)>("select status, last_import_id from sv_return where return_id = @id", new { id });
        Assert.That(row, Is.EqualTo(("verified", result.ImportId!.Value)));
        Assert.That(await CountAsync("sv_return"), Is.EqualTo(1302), "updated in place, not added");
    }

    /// <summary>A submitted return, as verified later: status, verified figures = reported, verified date.</summary>
    private static string Verify(string line)
    {
        var f = line.Split(',');
        // return_id,commitment_id,contract_ref,measure_code,period_label,period_start,period_end,unit_code,
        // reported_quantity,reported_sv_gbp,evidence_type,evidence_ref,submitted_date,status,verified_quantity,verified_sv_gbp,verified_date,...
        f[13] = "verified";
        f[14] = f[8];
        f[15] = f[9];
        f[16] = "2025-06-20";
        f[17] = "Commissioning & Contracts";
        return string.Join(',', f);
    }

    [Test]
    public async Task Import_BrokenRows_RejectsAllWithLinesAndWritesNothing()
    {
        var dir = Copy();
        Edit(dir, "returns.csv", 10, l => l.Replace(",2023-24 Q", ",2023-24 Q", StringComparison.Ordinal).Replace(",0.", ",0,x", StringComparison.Ordinal), out _);
        Edit(dir, "returns.csv", 20, l => ReplaceField(l, 5, "2023-13-01"), out _);
        Edit(dir, "returns.csv", 30, l => ReplaceField(l, 13, "lost"), out _);
        Edit(dir, "commitments.csv", 5, l => ReplaceField(l, 1, "WCC-NOPE-99"), out _);
        Edit(dir, "contracts.csv", 3, l => ReplaceField(l, 0, Sample.Rows("contracts.csv")[0]["contract_ref"]), out _);
        Edit(dir, "commitments.csv", 7, l => ReplaceField(l, 9, "12.3.4"), out _);

        var result = await Importer.ImportDirectoryAsync(dir, "test", null, CancellationToken.None);

        Assert.That(result.Succeeded, Is.False);
        var summary = result.Errors.Select(e => $"{e.File}:{e.Line}:{e.Column}").ToList();
        Assert.That(summary, Does.Contain("returns.csv:20:period_start"), string.Join("\n", result.Errors));
        Assert.That(summary, Does.Contain("returns.csv:30:status"));
        Assert.That(summary, Does.Contain("commitments.csv:5:contract_ref"));
        Assert.That(summary, Does.Contain("contracts.csv:3:contract_ref"));
        Assert.That(summary, Does.Contain("commitments.csv:7:proxy_value_at_award_gbp"));
        Assert.That(result.Errors.Single(e => e.Line == 3 && e.File == "contracts.csv").Reason, Does.Contain("duplicate key").And.Contain("line 2"));
        Assert.That(result.Errors.Single(e => e.Line == 5 && e.File == "commitments.csv").Reason, Does.Contain("unknown contract_ref 'WCC-NOPE-99'"));
        Assert.That(result.Errors.Single(e => e.Line == 30).Reason, Does.Contain("unknown value 'lost'"));
        Assert.That(result.Errors.Single(e => e.Line == 20).Reason, Does.Contain("not a date"));
        Assert.That(result.Errors.Single(e => e.File == "commitments.csv" && e.Line == 7).Reason, Does.Contain("not a decimal"));
        foreach (var table in new[] { "sv_import", "sv_framework", "sv_measure", "sv_contract", "sv_commitment", "sv_return" })
        {
            Assert.That(await CountAsync(table), Is.Zero, table);
        }
    }

    [Test]
    public async Task Import_MissingColumn_ReportsHeaderLine()
    {
        var dir = Copy();
        var path = Path.Combine(dir, "qualitative_commitments.csv");
        var lines = File.ReadAllLines(path);
        File.WriteAllLines(path, lines.Select(l => string.Join(',', l.Split(',').Where((_, i) => i != 6))));

        var result = await Importer.ImportDirectoryAsync(dir, "test", null, CancellationToken.None);

        Assert.That(result.Errors.Select(e => (e.File, e.Line, e.Column, e.Reason)),
            Does.Contain(("qualitative_commitments.csv", 1, (string?)"latest_status", "missing required column")));
        Assert.That(await CountAsync("sv_contract"), Is.Zero);
    }

    [Test]
    public async Task Import_ReturnForCommitmentOnlyInDatabase_IsAccepted()
    {
        await Importer.ImportDirectoryAsync(Sample.Directory, "test", null, CancellationToken.None);
        var dir = Copy();
        var path = Path.Combine(dir, "returns.csv");
        var lines = File.ReadAllLines(path);
        File.WriteAllLines(path, [lines[0], ReplaceField(ReplaceField(lines[1], 0, "RT99999"), 4, "2025-26 Q1")]);
        foreach (var f in Sample.Files.Where(f => f != "returns.csv"))
        {
            File.Delete(Path.Combine(dir, f));
        }

        var result = await Importer.ImportDirectoryAsync(dir, "test", null, CancellationToken.None);

        Assert.That(result.Errors, Is.Empty);
        Assert.That(result.Counts["returns"], Is.EqualTo(new TableCounts(1, 0, 0)));
    }

    private static string ReplaceField(string line, int index, string value)
    {
        // Only used on columns before any quoted field in these files.
        var f = line.Split(',');
        f[index] = value;
        return string.Join(',', f);
    }

    /// <param name="line">Physical line number (header = 1).</param>
    private static void Edit(string dir, string file, int line, Func<string, string> edit, out string edited)
    {
        var path = Path.Combine(dir, file);
        var lines = File.ReadAllLines(path);
        lines[line - 1] = edited = edit(lines[line - 1]);
        File.WriteAllLines(path, lines);
    }

    /// <summary>Progress&lt;T&gt; posts to the thread pool; tests need the reports in order, at once.</summary>
    private sealed class SyncProgress(List<ImportProgress> list) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => list.Add(value);
    }
}
