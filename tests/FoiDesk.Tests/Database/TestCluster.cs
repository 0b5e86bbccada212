using FoiDesk.Database;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace FoiDesk.Tests.Database;

/// <summary>
/// One private PostgreSQL cluster per test process, started the same way the embedded default starts
/// (so tests never depend on a server someone started by hand), stopped and deleted when the assembly's tests
/// end (<see cref="Stop"/>), with process exit as a second chance.
/// Each test that needs a database gets a fresh one from <see cref="CreateDatabaseAsync"/>.
/// </summary>
public static class TestCluster
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static EmbeddedPostgres? _cluster;
    private static string? _root;
    private static bool _templateReady;

    public const string TemplateName = "foidesk_migrated_template";

    public static string MigrationsDirectory => Path.Combine(AppContext.BaseDirectory, "migrations");

    public static async Task<EmbeddedPostgres> StartAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_cluster is not null)
            {
                return _cluster;
            }

            await SweepAbandonedAsync();

            // Short path: the Unix socket lives inside it (108-byte limit).
            _root = Path.Combine(Path.GetTempPath(), $"fdt-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}");
            var cluster = new EmbeddedPostgres(_root, NullLogger.Instance);
            await cluster.StartAsync(CancellationToken.None);
            AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop();
            _cluster = cluster;
            return cluster;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>
    /// A test host killed by the runner never runs its exit handler: stop and remove clusters whose test
    /// process (the pid in the folder name) is gone, so runs never leave PostgreSQL servers behind.
    /// </summary>
    private static async Task SweepAbandonedAsync()
    {
        foreach (var dir in Directory.EnumerateDirectories(Path.GetTempPath(), "fdt-*"))
        {
            var parts = Path.GetFileName(dir).Split('-');
            if (parts.Length < 3 || !int.TryParse(parts[1], out var pid) || Directory.Exists($"/proc/{pid}"))
            {
                continue;
            }

            try
            {
                await new EmbeddedPostgres(dir, NullLogger.Instance).StopAsync(CancellationToken.None);
                Directory.Delete(dir, recursive: true);
            }
            catch (Exception e) when (e is IOException or InvalidOperationException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"could not remove abandoned test cluster {dir}: {e.Message}");
            }
        }
    }

    /// <summary>A new, empty database on the shared cluster.</summary>
    public static async Task<string> CreateEmptyDatabaseAsync(string prefix = "t")
    {
        var cluster = await StartAsync();
        var name = $"{prefix}_{Guid.NewGuid():N}";
        await ExecuteAdminAsync(cluster, $"create database {name}");
        return new NpgsqlConnectionStringBuilder(cluster.ConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>A new database with every migration applied (cloned from a migrated template: fast).</summary>
    public static async Task<string> CreateDatabaseAsync()
    {
        var cluster = await StartAsync();
        await Gate.WaitAsync();
        try
        {
            if (!_templateReady)
            {
                await ExecuteAdminAsync(cluster, $"drop database if exists {TemplateName}");
                await ExecuteAdminAsync(cluster, $"create database {TemplateName}");
                var templateConnection = new NpgsqlConnectionStringBuilder(cluster.ConnectionString) { Database = TemplateName, Pooling = false }.ConnectionString;
                await using (var ds = NpgsqlDataSource.Create(templateConnection))
                {
                    var runner = new MigrationRunner(ds, TimeProvider.System, NullLogger<MigrationRunner>.Instance);
                    await runner.ApplyAsync(MigrationRunner.Load(MigrationsDirectory), CancellationToken.None);
                }

                NpgsqlConnection.ClearAllPools();
                _templateReady = true;
            }
        }
        finally
        {
            Gate.Release();
        }

        var name = $"t_{Guid.NewGuid():N}";
        await ExecuteAdminAsync(cluster, $"create database {name} template {TemplateName}");
        return new NpgsqlConnectionStringBuilder(cluster.ConnectionString) { Database = name }.ConnectionString;
    }

    private static async Task ExecuteAdminAsync(EmbeddedPostgres cluster, string sql)
    {
        var admin = new NpgsqlConnectionStringBuilder(cluster.ConnectionString) { Database = "postgres", Pooling = false }.ConnectionString;
        await using var conn = new NpgsqlConnection(admin);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Stops and removes this process's cluster. Called by each test assembly's <c>[SetUpFixture]</c> when its
    /// tests are done, and again (harmlessly) at process exit; ops/test stops whatever a crash left behind.
    /// </summary>
    public static void Stop()
    {
        if (_cluster is null || _root is null)
        {
            return;
        }

        try
        {
            NpgsqlConnection.ClearAllPools();
            _cluster.StopAsync(CancellationToken.None).GetAwaiter().GetResult();
            if (Directory.Exists(_root))
            {
                Directory.Delete(_root, recursive: true);
            }
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"test cluster cleanup: {e.Message}");
        }
    }
}
