using System.Text.Json;
using Dapper;
using Npgsql;

namespace FoiDesk.SocialValue.Import;

/// <summary>
/// Loads monitoring data. All or nothing: every row of every table is checked first, and one bad row
/// anywhere means nothing is written and every problem is reported. Rows are upserted by their natural keys,
/// so re-importing the same export changes nothing and a later export of a period updates its returns in
/// place. Rows missing from an export are kept (exports are often partial: one period, one contract).
/// Each successful import is recorded in sv_import with its files' SHA-256 and its counts.
/// </summary>
public sealed class SocialValueImporter(NpgsqlDataSource dataSource, TimeProvider clock)
{
    // Serialises imports across hosts: two imports interleaving could each pass validation against a
    // state the other is changing.
    private const long AdvisoryLock = 0x5356_494d_504f_5254; // "SVIMPORT"

    public static readonly IReadOnlyList<string> CountNames =
        ["frameworks", "themes", "outcomes", "measures", "contracts", "commitments", "qualitative_commitments", "returns"];

    /// <summary>Imports the CSV (or XLSX) files of an export directory.</summary>
    public async Task<ImportResult> ImportDirectoryAsync(string directory, string importedBy, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        var readErrors = new List<ImportError>();
        var source = SourceReaders.ReadDirectory(directory, readErrors);
        if (source.Tables.Count == 0 && readErrors.Count == 0)
        {
            readErrors.Add(new(directory, 0, null, $"no export files found (expected any of {string.Join(", ", TableSpecs.All.Select(t => t.FileName))} or .xlsx)"));
        }

        return readErrors.Count > 0 ? Rejected(readErrors) : await ImportAsync(source, importedBy, progress, ct);
    }

    /// <summary>Fetches from the monitoring platform's API and imports, with the same all-or-nothing rule.</summary>
    public async Task<ImportResult> SyncAsync(Sync.MonitoringPlatformClient client, DateTimeOffset? updatedSince, string? period, string importedBy, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        var fetchErrors = new List<ImportError>();
        var source = await client.FetchAsync(updatedSince, period, fetchErrors, progress, ct);
        return fetchErrors.Count > 0 ? Rejected(fetchErrors) : await ImportAsync(source, importedBy, progress, ct);
    }

    public async Task<ImportResult> ImportAsync(ImportSource source, string importedBy, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        var started = clock.GetUtcNow();
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await conn.ExecuteAsync("select pg_advisory_xact_lock(@AdvisoryLock)", new { AdvisoryLock }, tx);

        var existing = await LoadExistingAsync(conn, tx);
        var validated = ImportValidator.Validate(source, existing, progress);
        if (validated.Errors.Count > 0)
        {
            await tx.RollbackAsync(ct);
            return Rejected(validated.Errors);
        }

        const string InsertImport = """
            insert into sv_import (started_at, finished_at, source_kind, source, files, counts, imported_by)
            values (@started, @started, @Kind, @Location, @files::jsonb, '{}'::jsonb, @importedBy)
            returning id
            """;
        var importId = await conn.ExecuteScalarAsync<long>(InsertImport, new
        {
            started,
            source.Kind,
            source.Location,
            files = JsonSerializer.Serialize(source.Files.Select(f => new { name = f.Name, sha256 = f.Sha256, rows = f.Rows })),
            importedBy,
        }, tx);

        var counts = new Dictionary<string, TableCounts>(StringComparer.Ordinal);
        var writer = new UpsertWriter(conn, tx, importId, progress, ct);
        if (validated.Tables.TryGetValue("frameworks", out var frameworks))
        {
            counts["frameworks"] = await writer.WriteAsync(TableSpecs.Frameworks, frameworks);
        }

        if (validated.Tables.TryGetValue("measures", out var measures))
        {
            counts["themes"] = await writer.WriteDerivedAsync("themes", "sv_theme", ["framework_code", "theme_code"], validated.Themes);
            counts["outcomes"] = await writer.WriteDerivedAsync("outcomes", "sv_outcome", ["framework_code", "outcome_code"], validated.Outcomes);
            counts["measures"] = await writer.WriteAsync(TableSpecs.Measures, measures);
        }

        foreach (var spec in TableSpecs.All.Skip(2))
        {
            if (validated.Tables.TryGetValue(spec.Name, out var rows))
            {
                counts[spec.Name] = await writer.WriteAsync(spec, rows);
            }
        }

        const string Finish = "update sv_import set finished_at = @finished, counts = @counts::jsonb where id = @importId";
        await conn.ExecuteAsync(Finish, new { finished = clock.GetUtcNow(), counts = JsonSerializer.Serialize(counts, JsonSerializerOptions.Web), importId }, tx);
        await tx.CommitAsync(ct);
        return new ImportResult { Succeeded = true, ImportId = importId, Counts = counts, Errors = [] };
    }

    private static ImportResult Rejected(IReadOnlyList<ImportError> errors) =>
        new() { Succeeded = false, Counts = new Dictionary<string, TableCounts>(), Errors = errors };

    private static async Task<ExistingKeys> LoadExistingAsync(NpgsqlConnection conn, NpgsqlTransaction tx)
    {
        const string Sql = """
            select framework_code from sv_framework;
            select measure_code, framework_code, unit_code from sv_measure;
            select contract_ref from sv_contract;
            select commitment_id, contract_ref, measure_code, unit_code from sv_commitment;
            select commitment_id, period_label, return_id from sv_return;
            """;
        await using var grid = await conn.QueryMultipleAsync(Sql, transaction: tx);
        var frameworks = (await grid.ReadAsync<string>()).ToHashSet(StringComparer.Ordinal);
        var measures = (await grid.ReadAsync<(string Code, string Framework, string Unit)>()).ToDictionary(m => m.Code, m => (m.Framework, m.Unit), StringComparer.Ordinal);
        var contracts = (await grid.ReadAsync<string>()).ToHashSet(StringComparer.Ordinal);
        var commitments = (await grid.ReadAsync<(string Id, string Contract, string Measure, string Unit)>()).ToDictionary(c => c.Id, c => (c.Contract, c.Measure, c.Unit), StringComparer.Ordinal);
        var periods = (await grid.ReadAsync<(string Commitment, string Period, string ReturnId)>()).ToDictionary(r => (r.Commitment, r.Period), r => r.ReturnId);
        return new ExistingKeys { Frameworks = frameworks, Measures = measures, Contracts = contracts, Commitments = commitments, ReturnPeriods = periods };
    }

    /// <summary>The import log, newest first.</summary>
    public async Task<IReadOnlyList<ImportLogEntry>> ListImportsAsync(CancellationToken ct)
    {
        const string Sql = """
            select id, started_at as StartedAt, finished_at as FinishedAt, source_kind as SourceKind, source, files::text as files, counts::text as counts, imported_by as ImportedBy
            from sv_import order by id desc
            """;
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return [.. await conn.QueryAsync<ImportLogEntry>(Sql)];
    }

    /// <summary>
    /// Records a failed run of the scheduled sync: nothing was imported, so sv_import has no row for it, and the
    /// import history page shows these beside the imports that loaded.
    /// </summary>
    public async Task RecordFailedSyncAsync(string reason, bool willRetry, CancellationToken ct)
    {
        const string Sql = "insert into sv_sync_failure (failed_at, reason, will_retry) values (@at, @reason, @willRetry)";
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(Sql, new { at = clock.GetUtcNow(), reason, willRetry }, cancellationToken: ct));
    }

    /// <summary>The newest failed sync runs, newest first.</summary>
    public async Task<IReadOnlyList<FailedSyncEntry>> ListFailedSyncsAsync(int limit, CancellationToken ct)
    {
        const string Sql = """
            select id, failed_at as FailedAt, reason, will_retry as WillRetry
            from sv_sync_failure order by id desc limit @limit
            """;
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return [.. await conn.QueryAsync<FailedSyncEntry>(new CommandDefinition(Sql, new { limit }, cancellationToken: ct))];
    }
}

public sealed record ImportLogEntry(long Id, DateTimeOffset StartedAt, DateTimeOffset FinishedAt, string SourceKind, string Source, string Files, string Counts, string ImportedBy);
