using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using System.Text;
using Npgsql;

namespace FoiDesk.Database;

/// <summary>
/// A private PostgreSQL cluster under the data directory, reachable only through a Unix socket in that
/// directory. PostgreSQL refuses to run as root, so when we are root the cluster is owned by an unprivileged
/// system user (default "foidesk"). Two data directories on one machine run side by side because each has
/// its own socket directory.
/// </summary>
public sealed class EmbeddedPostgres
{
    public const string DatabaseName = "foidesk";
    private const string SuperUser = "foidesk";

    private readonly string _root;
    private readonly string _systemUser;
    private readonly ILogger _logger;
    private readonly string _binDirectory;

    public EmbeddedPostgres(string dataDirectory, ILogger logger, string systemUser = "foidesk")
    {
        _root = Path.GetFullPath(dataDirectory);
        _systemUser = systemUser;
        _logger = logger;
        _binDirectory = FindBinDirectory();
        // A Unix socket path is limited to 107 bytes (sun_path); ".s.PGSQL.5432" is added to the directory.
        if (Encoding.UTF8.GetByteCount(SocketDirectory) + 14 > 107)
        {
            throw new InvalidOperationException(
                $"The data directory path is too long for a PostgreSQL Unix socket: {SocketDirectory}. Use a shorter FoiDesk__DataDirectory.");
        }
    }

    public string ClusterDirectory => Path.Combine(_root, "postgres");

    public string SocketDirectory => Path.Combine(_root, "run");

    public string LogFile => Path.Combine(_root, "postgres.log");

    public string ConnectionString => new NpgsqlConnectionStringBuilder
    {
        Host = SocketDirectory,
        Username = SuperUser,
        Database = DatabaseName,
        Pooling = true,
        MaxPoolSize = 50,
        // Statements used again and again (intake's inserts, the pages' reads) are prepared once per
        // connection, saving PostgreSQL a parse and plan on each call.
        MaxAutoPrepare = 64,
    }.ConnectionString;

    private static bool IsRoot => RuntimeInformation.IsOSPlatform(OSPlatform.Linux) && Environment.UserName == "root";

    /// <summary>True when a postmaster is running for this cluster (whoever started it).</summary>
    public async Task<bool> IsRunningAsync(CancellationToken ct)
    {
        if (!File.Exists(Path.Combine(ClusterDirectory, "postmaster.pid")))
        {
            return false;
        }

        var result = await RunPgAsync("pg_ctl", ["status", "-D", ClusterDirectory], ct, throwOnError: false);
        return result.ExitCode == 0;
    }

    /// <summary>
    /// Creates the cluster on first use, starts it unless it is already running, and makes sure the FoiDesk
    /// database exists. Returns true when this call started the server (and so should stop it).
    /// </summary>
    public async Task<bool> StartAsync(CancellationToken ct)
    {
        Directory.CreateDirectory(_root);
        if (!File.Exists(Path.Combine(ClusterDirectory, "PG_VERSION")))
        {
            await InitialiseAsync(ct);
        }

        var started = false;
        if (!await IsRunningAsync(ct))
        {
            Directory.CreateDirectory(SocketDirectory);
            await ChownAsync(SocketDirectory, ct);
            _logger.LogInformation("Starting private PostgreSQL in {Directory}", ClusterDirectory);
            // setsid: the server gets its own session, so a Ctrl-C at the terminal reaches FoiDesk, which
            // then stops the server cleanly after its own work, instead of both racing to shut down.
            await RunPgAsync("pg_ctl", ["start", "-D", ClusterDirectory, "-l", LogFile, "-w", "-t", "120", "-s"], ct, setsid: true);
            started = true;
        }

        await EnsureDatabaseAsync(ct);
        return started;
    }

    public async Task StopAsync(CancellationToken ct)
    {
        if (!await IsRunningAsync(ct))
        {
            return;
        }

        _logger.LogInformation("Stopping private PostgreSQL in {Directory}", ClusterDirectory);
        // fast: roll back open transactions and shut down cleanly (no crash recovery on next start).
        await RunPgAsync("pg_ctl", ["stop", "-D", ClusterDirectory, "-m", "fast", "-w", "-t", "60", "-s"], ct);
    }

    private async Task InitialiseAsync(CancellationToken ct)
    {
        _logger.LogInformation("Creating private PostgreSQL cluster in {Directory}", ClusterDirectory);
        if (IsRoot)
        {
            await EnsureSystemUserAsync(ct);
            EnsureTraversable(_root);
        }

        Directory.CreateDirectory(ClusterDirectory);
        await ChownAsync(_root, ct);
        await ChownAsync(ClusterDirectory, ct);
        // Trust on the socket is safe because the socket directory and socket are owner-only (0700):
        // only the cluster's owner (and root) can connect. Nothing listens on TCP.
        await RunPgAsync(
            "initdb",
            ["-D", ClusterDirectory, "-U", SuperUser, "-E", "UTF8", "--locale=C.UTF-8", "--auth=trust", "-N"],
            ct);
        var conf = string.Join('\n',
            "# FoiDesk private cluster: Unix socket only, in the data directory.",
            "listen_addresses = ''",
            $"unix_socket_directories = '{SocketDirectory.Replace("'", "''", StringComparison.Ordinal)}'",
            "unix_socket_permissions = 0700",
            "max_connections = 200",
            "shared_buffers = 128MB",
            "fsync = on",
            "timezone = 'UTC'",
            "log_timezone = 'UTC'",
            "");
        await File.AppendAllTextAsync(Path.Combine(ClusterDirectory, "postgresql.conf"), conf, ct);
    }

    private async Task EnsureDatabaseAsync(CancellationToken ct)
    {
        var admin = new NpgsqlConnectionStringBuilder(ConnectionString) { Database = "postgres", Pooling = false }.ConnectionString;
        await using var conn = new NpgsqlConnection(admin);
        await conn.OpenAsync(ct);
        await using var exists = new NpgsqlCommand("select 1 from pg_database where datname = @name", conn);
        exists.Parameters.AddWithValue("name", DatabaseName);
        if (await exists.ExecuteScalarAsync(ct) is null)
        {
            await using var create = new NpgsqlCommand($"create database {DatabaseName}", conn);
            await create.ExecuteNonQueryAsync(ct);
        }
    }

    private async Task EnsureSystemUserAsync(CancellationToken ct)
    {
        var id = await RunAsync("id", ["-u", _systemUser], ct, throwOnError: false);
        if (id.ExitCode != 0)
        {
            _logger.LogInformation("Creating unprivileged system user {User} to own the private PostgreSQL cluster", _systemUser);
            await RunAsync("useradd", ["--system", "--no-create-home", "--shell", "/usr/sbin/nologin", _systemUser], ct);
        }
    }

    /// <summary>
    /// The cluster's owner must be able to reach its directory: grant search (x, not read) on ancestors
    /// that lack it for others, e.g. /root. Listing stays forbidden.
    /// </summary>
    private void EnsureTraversable(string path)
    {
        for (var dir = Path.GetDirectoryName(path); !string.IsNullOrEmpty(dir); dir = Path.GetDirectoryName(dir))
        {
            var mode = File.GetUnixFileMode(dir);
            if (!mode.HasFlag(UnixFileMode.OtherExecute))
            {
                _logger.LogWarning("Granting search permission (o+x) on {Directory} so the PostgreSQL owner can reach its data", dir);
                File.SetUnixFileMode(dir, mode | UnixFileMode.OtherExecute);
            }
        }
    }

    private async Task ChownAsync(string path, CancellationToken ct)
    {
        if (IsRoot)
        {
            await RunAsync("chown", [$"{_systemUser}:", path], ct);
        }

        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private Task<ProcessResult> RunPgAsync(string tool, IReadOnlyList<string> args, CancellationToken ct, bool throwOnError = true, bool setsid = false)
    {
        var exe = Path.Combine(_binDirectory, tool);
        var command = new List<string>();
        if (setsid)
        {
            command.Add("setsid");
        }

        if (IsRoot)
        {
            command.AddRange(["runuser", "-u", _systemUser, "--"]);
        }

        command.Add(exe);
        command.AddRange(args);
        return RunAsync(command[0], command.Skip(1).ToList(), ct, throwOnError);
    }

    private static async Task<ProcessResult> RunAsync(string file, IReadOnlyList<string> args, CancellationToken ct, bool throwOnError = true)
    {
        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = "/",
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["LC_ALL"] = "C.UTF-8";
        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {file}");
        // pg_ctl start -l sends the server's own output to the log file, so these pipes close when the tool exits.
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        var output = await stdout + await stderr;
        var result = new ProcessResult(process.ExitCode, output);
        if (throwOnError && result.ExitCode != 0)
        {
            throw new InvalidOperationException(
                string.Create(CultureInfo.InvariantCulture, $"{Path.GetFileName(file)} {string.Join(' ', args)} failed with exit code {result.ExitCode}: {output.Trim()}"));
        }

        return result;
    }

    /// <summary>pg_ctl on PATH, else the newest /usr/lib/postgresql/N/bin (Debian's layout).</summary>
    public static string FindBinDirectory()
    {
        var fromPath = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(dir => File.Exists(Path.Combine(dir, "pg_ctl")) && File.Exists(Path.Combine(dir, "initdb")));
        if (fromPath is not null)
        {
            return fromPath;
        }

        const string Debian = "/usr/lib/postgresql";
        if (Directory.Exists(Debian))
        {
            var newest = Directory.GetDirectories(Debian)
                .Select(d => (Dir: d, Version: int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : -1))
                .Where(x => x.Version > 0 && File.Exists(Path.Combine(x.Dir, "bin", "pg_ctl")))
                .OrderByDescending(x => x.Version)
                .FirstOrDefault();
            if (newest.Dir is not null)
            {
                return Path.Combine(newest.Dir, "bin");
            }
        }

        throw new InvalidOperationException(
            "PostgreSQL server binaries (initdb, pg_ctl) were not found on PATH or under /usr/lib/postgresql/*/bin. Install them (apt-get install postgresql) or set ConnectionStrings__FoiDesk to use an existing server.");
    }

    private sealed record ProcessResult(int ExitCode, string Output);
}
