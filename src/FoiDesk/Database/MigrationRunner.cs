using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace FoiDesk.Database;

/// <summary>A numbered plain-SQL file from migrations/ (0001_name.sql).</summary>
public sealed record Migration(int Number, string Name, string Sql, string Checksum);

/// <summary>A journal row: a migration that has been applied.</summary>
/// <remarks>Init properties, not a positional record: Dapper binds constructors by exact column type and
/// skips type handlers there, so a timestamptz (read as DateTime) would not bind to DateTimeOffset.</remarks>
public sealed record AppliedMigration
{
    public required int Number { get; init; }
    public required string Name { get; init; }
    public required string Checksum { get; init; }
    public required DateTimeOffset AppliedAt { get; init; }
}

/// <summary>Why start-up refuses to run against this database.</summary>
public sealed class MigrationException(string message) : Exception(message);

/// <summary>
/// Applies the forward-only migrations in order, each in its own transaction together with its journal row.
/// A session advisory lock makes concurrent starters (two hosts, or a host and the CLI) take turns, so each
/// file is applied exactly once. A changed or missing applied file stops start-up.
/// </summary>
public sealed partial class MigrationRunner(NpgsqlDataSource dataSource, TimeProvider time, ILogger<MigrationRunner> logger)
{
    /// <summary>Arbitrary constant naming FoiDesk's migration lock among advisory locks ("FoiDeskMg").</summary>
    public const long AdvisoryLockKey = 0x466F694465736B4D;

    [GeneratedRegex(@"^(\d{4})_([a-z0-9_]+)\.sql$", RegexOptions.CultureInvariant)]
    private static partial Regex FileName();

    public static IReadOnlyList<Migration> Load(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new MigrationException($"migrations directory not found: {directory}");
        }

        var migrations = new List<Migration>();
        foreach (var path in Directory.EnumerateFiles(directory, "*.sql"))
        {
            var match = FileName().Match(Path.GetFileName(path));
            if (!match.Success)
            {
                throw new MigrationException($"migration file name must look like 0001_name.sql: {Path.GetFileName(path)}");
            }

            // Line endings are normalised so a checkout with CRLF does not look like an edited migration.
            var sql = File.ReadAllText(path).ReplaceLineEndings("\n");
            var checksum = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql)));
            migrations.Add(new Migration(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), match.Groups[2].Value, sql, checksum));
        }

        var duplicate = migrations.GroupBy(m => m.Number).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new MigrationException($"two migrations share number {duplicate.Key:D4}: {string.Join(", ", duplicate.Select(m => m.Name))}");
        }

        return [.. migrations.OrderBy(m => m.Number)];
    }

    /// <summary>Applies what is pending. Returns the migrations applied by this call.</summary>
    public async Task<IReadOnlyList<Migration>> ApplyAsync(IReadOnlyList<Migration> migrations, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("select pg_advisory_lock(@key)", new { key = AdvisoryLockKey }, cancellationToken: ct));
        try
        {
            await EnsureJournalAsync(conn, ct);
            var applied = await ReadJournalAsync(conn, ct);
            Verify(migrations, applied);

            var done = new List<Migration>();
            var appliedNumbers = applied.Select(a => a.Number).ToHashSet();
            foreach (var migration in migrations.Where(m => !appliedNumbers.Contains(m.Number)))
            {
                logger.LogInformation("Applying migration {Number:D4}_{Name}", migration.Number, migration.Name);
                await using var tx = await conn.BeginTransactionAsync(ct);
                await conn.ExecuteAsync(new CommandDefinition(migration.Sql, transaction: tx, cancellationToken: ct, commandTimeout: 0));
                const string Journal = """
                    insert into schema_migrations (number, name, checksum, applied_at)
                    values (@Number, @Name, @Checksum, @appliedAt)
                    """;
                await conn.ExecuteAsync(new CommandDefinition(
                    Journal,
                    new { migration.Number, migration.Name, migration.Checksum, appliedAt = time.GetUtcNow() },
                    tx,
                    cancellationToken: ct));
                await tx.CommitAsync(ct);
                done.Add(migration);
            }

            return done;
        }
        finally
        {
            await conn.ExecuteAsync("select pg_advisory_unlock(@key)", new { key = AdvisoryLockKey });
            await conn.CloseAsync();
            // The data source loaded PostgreSQL's type catalogue when it first connected, which on a new
            // database is before 0001 created citext: until reloaded, every citext column reads as an unknown
            // type ('-.-'). Reload whenever we looked, since another host may have applied migrations that
            // created types this data source has not seen. Npgsql hands the reloaded catalogue to every
            // pooled connection as it next leaves the pool, so connections opened before this are covered too.
            await ReloadTypesAsync(ct);
        }
    }

    /// <summary>
    /// When the journal has changed since this process last loaded the type catalogue (another cluster
    /// member applied a migration), reloads it, so types that migration created (an enum, a domain, an
    /// extension's type) read without a restart. Cheap when nothing changed: one read of a small table.
    /// Returns true when it reloaded.
    /// </summary>
    public async Task<bool> ReloadTypesIfJournalChangedAsync(CancellationToken ct)
    {
        var stamp = await JournalStampAsync(ct);
        if (stamp == Interlocked.Read(ref _loadedStamp))
        {
            return false;
        }

        logger.LogInformation("The migrations journal changed (another FoiDesk applied a migration): reloading the database's types");
        await ReloadTypesAsync(ct);
        return true;
    }

    /// <summary>The journal as of the last type reload: -1 until the first.</summary>
    private long _loadedStamp = -1;

    /// <summary>Reads the journal's stamp first, so a migration applied meanwhile is seen as a change next time.</summary>
    private async Task ReloadTypesAsync(CancellationToken ct)
    {
        var stamp = await JournalStampAsync(ct);
        await dataSource.ReloadTypesAsync(ct);
        Interlocked.Exchange(ref _loadedStamp, stamp);
    }

    /// <summary>
    /// Migrations are forward-only and each adds one journal row with a new number, so the count and the
    /// highest number together change whenever one is applied.
    /// </summary>
    private async Task<long> JournalStampAsync(CancellationToken ct)
    {
        const string Sql = "select count(*) * 100000 + coalesce(max(number), 0) from schema_migrations";
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return await conn.ExecuteScalarAsync<long>(new CommandDefinition(Sql, cancellationToken: ct));
    }

    /// <summary>What is applied and what is pending, without changing anything (for health and the CLI).</summary>
    public async Task<MigrationStatus> StatusAsync(IReadOnlyList<Migration> migrations, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await EnsureJournalAsync(conn, ct);
        var applied = await ReadJournalAsync(conn, ct);
        string? problem = null;
        try
        {
            Verify(migrations, applied);
        }
        catch (MigrationException e)
        {
            problem = e.Message;
        }

        var appliedNumbers = applied.Select(a => a.Number).ToHashSet();
        return new MigrationStatus(applied, [.. migrations.Where(m => !appliedNumbers.Contains(m.Number)).Select(m => m.Number)], problem);
    }

    private static void Verify(IReadOnlyList<Migration> migrations, IReadOnlyList<AppliedMigration> applied)
    {
        var byNumber = migrations.ToDictionary(m => m.Number);
        foreach (var row in applied)
        {
            if (!byNumber.TryGetValue(row.Number, out var file))
            {
                throw new MigrationException(
                    $"migration {row.Number:D4}_{row.Name} is applied to the database but missing from migrations/: this build is older than the database");
            }

            if (file.Checksum != row.Checksum)
            {
                throw new MigrationException(
                    $"migration {row.Number:D4}_{row.Name} has changed since it was applied (checksum {row.Checksum[..12]} in the journal, {file.Checksum[..12]} on disk); migrations are forward-only: add a new one instead");
            }
        }
    }

    private static async Task EnsureJournalAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        const string Sql = """
            create table if not exists schema_migrations (
                number     integer primary key,
                name       text not null,
                checksum   text not null,
                applied_at timestamptz not null
            )
            """;
        await conn.ExecuteAsync(new CommandDefinition(Sql, cancellationToken: ct));
    }

    private static async Task<IReadOnlyList<AppliedMigration>> ReadJournalAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        const string Sql = "select number, name, checksum, applied_at as AppliedAt from schema_migrations order by number";
        return [.. await conn.QueryAsync<AppliedMigration>(new CommandDefinition(Sql, cancellationToken: ct))];
    }
}

public sealed record MigrationStatus(IReadOnlyList<AppliedMigration> Applied, IReadOnlyList<int> Pending, string? Problem);
