using Dapper;
using FoiDesk.Database;
using Npgsql;

namespace FoiDesk.Tests.Database;

[Description("Dapper's DateOnly mapping has regressed between releases; due dates depend on it.")]
public sealed class DapperSetupTests
{
    private sealed record Row(DateOnly Due, DateOnly? Maybe, DateTimeOffset At);

    [Test]
    [Description("Regression: positional records with DateTimeOffset stopped binding once the handler was registered.")]
    public async Task RowRecords_ReadAfterConfigure_BindDatesAndInstants()
    {
        DapperSetup.Configure();
        await using var ds = NpgsqlDataSource.Create(await TestCluster.CreateDatabaseAsync());
        await using var conn = await ds.OpenConnectionAsync();
        await conn.ExecuteAsync("insert into account (email, display_name, password_hash, roles, created_at) values ('a@b.c', 'A', 'x', array['admin'], now())");
        await conn.ExecuteAsync("insert into foi_case (reference, classification, received_at, created_at) values ('FOI-2025-00001', 'foi', now(), now())");
        await conn.ExecuteAsync("insert into clock_event (case_id, name, occurred_on, recorded_at, recorded_by) select id, 'clarification_sent', '2025-03-14', now(), 'a@b.c' from foi_case");

        var events = await FoiDesk.Cases.CaseStore.ClockEventsAsync(conn, null, 1, CancellationToken.None);
        var journal = await new MigrationRunner(ds, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<MigrationRunner>.Instance)
            .StatusAsync(MigrationRunner.Load(TestCluster.MigrationsDirectory), CancellationToken.None);

        Assert.That(events.Single().OccurredOn, Is.EqualTo(new DateOnly(2025, 3, 14)));
        Assert.That(journal.Applied, Is.Not.Empty);
        Assert.That(journal.Problem, Is.Null);
    }

    [Test]
    public async Task DateOnlyAndDateTimeOffset_RoundTripThroughPostgres_Unchanged()
    {
        DapperSetup.Configure();
        await using var ds = NpgsqlDataSource.Create(await TestCluster.CreateEmptyDatabaseAsync());
        await using var conn = await ds.OpenConnectionAsync();
        await conn.ExecuteAsync("create table r (due date not null, maybe date, at timestamptz not null)");
        var at = new DateTimeOffset(2025, 6, 6, 23, 30, 0, TimeSpan.FromHours(1));

        await conn.ExecuteAsync("insert into r values (@Due, @Maybe, @At)", new Row(new DateOnly(2025, 7, 4), null, at));
        await conn.ExecuteAsync("insert into r values (@Due, @Maybe, @At)", new Row(new DateOnly(2024, 2, 29), new DateOnly(2028, 12, 31), at));
        var rows = (await conn.QueryAsync<Row>("select due, maybe, at from r order by due")).ToList();

        Assert.That(rows[0], Is.EqualTo(new Row(new DateOnly(2024, 2, 29), new DateOnly(2028, 12, 31), at)));
        Assert.That(rows[1].Due, Is.EqualTo(new DateOnly(2025, 7, 4)));
        Assert.That(rows[1].Maybe, Is.Null);
        Assert.That(rows[1].At, Is.EqualTo(at), "the same instant, whatever the offset");
        Assert.That(await conn.ExecuteScalarAsync<string>("select due::text from r where maybe is null"), Is.EqualTo("2025-07-04"), "stored as a date, not shifted by a time zone");
    }
}
