using FoiDesk.Database;
using Microsoft.Extensions.Logging;

namespace FoiDesk.Web.Hosting;

/// <summary>
/// Where the database is: the configured server (ConnectionStrings__FoiDesk) or, with none configured, the
/// data directory's private cluster, started if nobody has it running.
/// </summary>
public sealed class DatabaseStartup : IAsyncDisposable
{
    private readonly EmbeddedPostgres? _embedded;
    private readonly bool _stopOnDispose;
    private readonly FileStream? _serveLock;

    private DatabaseStartup(string connectionString, EmbeddedPostgres? embedded, bool stopOnDispose, FileStream? serveLock)
    {
        ConnectionString = connectionString;
        _embedded = embedded;
        _stopOnDispose = stopOnDispose;
        _serveLock = serveLock;
    }

    public string ConnectionString { get; }

    public bool IsEmbedded => _embedded is not null;

    /// <param name="asServer">
    /// The web host owns the cluster for its lifetime and stops it on shutdown. A CLI verb stops it only if
    /// the verb started it and no server has started meanwhile.
    /// </param>
    public static async Task<DatabaseStartup> StartAsync(string? configuredConnectionString, FoiDeskOptions options, ILoggerFactory loggers, bool asServer, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(configuredConnectionString))
        {
            return new DatabaseStartup(configuredConnectionString, null, false, null);
        }

        Directory.CreateDirectory(options.FullDataDirectory, PrivateFolders.OwnerOnly);
        var embedded = new EmbeddedPostgres(options.FullDataDirectory, loggers.CreateLogger<EmbeddedPostgres>());
        FileStream? serveLock = null;
        if (asServer)
        {
            serveLock = TryLock(ServeLockPath(options))
                ?? throw new InvalidOperationException($"another FoiDesk server is already running on the data directory {options.FullDataDirectory}");
        }

        var started = await embedded.StartAsync(ct);
        return new DatabaseStartup(embedded.ConnectionString, embedded, asServer || started, serveLock);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_embedded is not null && _stopOnDispose && (_serveLock is not null || !ServerIsRunning()))
            {
                await _embedded.StopAsync(CancellationToken.None);
            }
        }
        finally
        {
            if (_serveLock is not null)
            {
                await _serveLock.DisposeAsync();
            }
        }
    }

    private bool ServerIsRunning()
    {
        var path = Path.Combine(Path.GetDirectoryName(_embedded!.ClusterDirectory)!, "serve.lock");
        using var probe = TryLock(path);
        return probe is null;
    }

    private static string ServeLockPath(FoiDeskOptions options) => Path.Combine(options.FullDataDirectory, "serve.lock");

    /// <summary>An exclusive lock the OS releases if the process dies, so a crashed server leaves none behind.</summary>
    private static FileStream? TryLock(string path)
    {
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
    }
}
