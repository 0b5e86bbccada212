using Dapper;
using FoiDesk.Database;
using Npgsql;

namespace FoiDesk.Tests.Database;

[Description("Dapper's DateOnly mapping has regressed between releases; due dates depend on it.")]
public sealed class DapperSetupTests
{
    private sealed record Row(DateOnly Due, DateOnly? Maybe, DateTimeOffset At);

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
