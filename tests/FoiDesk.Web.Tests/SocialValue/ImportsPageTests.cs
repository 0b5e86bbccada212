using Dapper;
using FoiDesk.Web.Tests.Support;
using Npgsql;

namespace FoiDesk.Web.Tests.SocialValue;

/// <summary>/social-value/imports: the import log, with the scheduled sync's imports (source kind api) and their outcome.</summary>
public sealed class ImportsPageTests
{
    [Test]
    public async Task ImportsPage_CsvAndSyncImports_ListsBothNewestFirstWithOutcome()
    {
        await using var app = await TestWebApp.StartAsync();
        await using (var db = new NpgsqlDataSourceBuilder(app.ConnectionString).Build())
        await using (var conn = await db.OpenConnectionAsync())
        {
            await conn.ExecuteAsync("""
                insert into sv_import (started_at, finished_at, source_kind, source, files, counts, imported_by) values
                ('2026-12-01 09:00Z', '2026-12-01 09:01Z', 'csv', '/srv/exports/november', '[]',
                 '{"contracts": {"inserted": 4, "updated": 0, "unchanged": 0}, "returns": {"inserted": 10, "updated": 0, "unchanged": 0}}', 'officer@example.org'),
                ('2026-12-02 02:00Z', '2026-12-02 02:00Z', 'api', 'https://platform.example/api', '[]',
                 '{"returns": {"inserted": 1, "updated": 2, "unchanged": 11}}', 'monitoring-platform-sync')
                """);
        }

        using var http = await app.ClientAsync("ig-officer");
        var page = await http.GetStringAsync(new Uri("/social-value/imports", UriKind.Relative));

        Assert.That(page, Does.Contain("Monitoring platform sync").And.Contain("Imported: 1 new, 2 updated, 11 unchanged").And.Contain("monitoring-platform-sync"));
        Assert.That(page, Does.Contain("CSV export").And.Contain("Imported: 14 new, 0 updated, 0 unchanged").And.Contain("/srv/exports/november"));
        Assert.That(page.IndexOf("Monitoring platform sync", StringComparison.Ordinal), Is.LessThan(page.IndexOf("CSV export", StringComparison.Ordinal)), "newest first");
    }

    [Test]
    public async Task ImportsPage_FailedSyncRuns_ListedWithReasonAndWhetherRetried()
    {
        await using var app = await TestWebApp.StartAsync();
        await using (var db = new NpgsqlDataSourceBuilder(app.ConnectionString).Build())
        await using (var conn = await db.OpenConnectionAsync())
        {
            await conn.ExecuteAsync("""
                insert into sv_sync_failure (failed_at, reason, will_retry) values
                ('2026-12-01 02:00Z', 'GET /v1/returns failed after 3 attempts: 503 Service Unavailable', true),
                ('2026-12-02 02:00Z', 'GET /v1/frameworks failed: 401 Unauthorized', false)
                """);
        }

        using var http = await app.ClientAsync("admin");
        var page = await http.GetStringAsync(new Uri("/social-value/imports", UriKind.Relative));

        Assert.That(page, Does.Contain("Failed sync runs"));
        Assert.That(page, Does.Contain("401 Unauthorized").And.Contain("Not retried"));
        Assert.That(page, Does.Contain("503 Service Unavailable").And.Contain("Will be tried again"));
        Assert.That(page.IndexOf("401 Unauthorized", StringComparison.Ordinal), Is.LessThan(page.IndexOf("503 Service", StringComparison.Ordinal)), "newest first");
    }

    [Test]
    public async Task ImportsPage_NoImports_SaysSo()
    {
        await using var app = await TestWebApp.StartAsync();
        using var http = await app.ClientAsync("admin");

        var page = await http.GetStringAsync(new Uri("/social-value/imports", UriKind.Relative));

        Assert.That(page, Does.Contain("No social value data has been imported yet."));
    }
}
