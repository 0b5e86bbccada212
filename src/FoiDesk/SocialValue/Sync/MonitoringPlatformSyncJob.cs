using FoiDesk.Operations;
using FoiDesk.SocialValue.Import;
using Microsoft.Extensions.Logging;

namespace FoiDesk.SocialValue.Sync;

/// <summary>
/// The scheduled sync from the monitoring platform: everything through the same checks as a CSV import, all or
/// nothing, recorded in sv_import (source kind "api") like any import. A platform that keeps failing (5xx,
/// timeouts) is left to the job server's retries; a refusal (401, 403, 404) or a record that fails the checks
/// fails the run at once, since retrying cannot mend it.
/// </summary>
public sealed partial class MonitoringPlatformSyncJob(SocialValueImporter importer, MonitoringPlatformClient client, ILogger<MonitoringPlatformSyncJob> log) : IScheduledJob
{
    public const string ImportedBy = "monitoring-platform-sync";

    public async Task RunAsync(JobRun run, CancellationToken ct)
    {
        ImportResult result;
        try
        {
            result = await importer.SyncAsync(client, updatedSince: null, period: null, ImportedBy, progress: null, ct);
        }
        catch (MonitoringPlatformException e)
        {
            // Logged before the job server sees it, so the import history page shows the run that failed and
            // whether it will be tried again, not just an absence of imports.
            await importer.RecordFailedSyncAsync(e.Message, willRetry: e.Transient, CancellationToken.None);
            if (!e.Transient)
            {
                throw new PermanentJobFailureException(e.Message, e);
            }

            throw;
        }

        if (!result.Succeeded)
        {
            var first = string.Join("; ", result.Errors.Take(5).Select(e => $"{e.File} record {e.Line}{(e.Column is null ? "" : $" {e.Column}")}: {e.Reason}"));
            var reason = $"the monitoring platform's data failed the import checks; nothing was imported ({result.Errors.Count} problems): {first}";
            await importer.RecordFailedSyncAsync(reason, willRetry: false, CancellationToken.None);
            throw new PermanentJobFailureException(reason);
        }

        LogImported(result.ImportId);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Monitoring platform sync imported (import {ImportId})")]
    private partial void LogImported(long? importId);
}
