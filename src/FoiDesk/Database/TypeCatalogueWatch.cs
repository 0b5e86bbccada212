using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FoiDesk.Database;

/// <summary>
/// Per process (not a clustered Hangfire job, which would run on one member only): every interval, checks
/// whether another cluster member has applied a migration since this process loaded PostgreSQL's types, and
/// if so reloads them, so a type that migration created reads here without a restart.
/// </summary>
public sealed class TypeCatalogueWatch(MigrationRunner migrations, TimeSpan interval, TimeProvider time, ILogger<TypeCatalogueWatch> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, time, stoppingToken);
                await migrations.ReloadTypesIfJournalChangedAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is Npgsql.NpgsqlException or InvalidOperationException or TimeoutException)
            {
                // The database being briefly unreachable is reported by /health; try again next interval.
                logger.LogWarning(e, "Checking the migrations journal for a type reload failed; trying again in {Seconds} s", interval.TotalSeconds);
            }
        }
    }
}
