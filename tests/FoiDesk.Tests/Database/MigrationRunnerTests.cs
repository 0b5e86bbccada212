using Dapper;
using FoiDesk.Database;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace FoiDesk.Tests.Database;

public sealed class MigrationRunnerTests
{
    private string _directory = "";

    [SetUp]
    public void SetUp()
    {
        _directory = Path.Combine(Path.GetTempPath(), $"migrations-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_directory);
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_directory, recursive: true);

    private void Write(string file, string sql) => File.WriteAllText(Path.Combine(_directory, file), sql);

    private static MigrationRunner Runner(NpgsqlDataSource ds) => new(ds, TimeProvider.System, NullLogger<MigrationRunner>.Instance);

    [Test]
    public async Task Apply_FilesOutOfNameOrder_AppliesInNumberOrderAndJournalsEach()
    {
        // 0002 depends on 0001's table: applying in directory-listing order would fail.
        Write("0002_add_column.sql", "alter table thing add column colour text;");
        Write("0010_insert.sql", "insert into thing (name, colour) values ('a', 'red');");
        Write("0001_create.sql", "create table thing (name text primary key);");
        await using var ds = NpgsqlDataSource.Create(await TestCluster.CreateEmptyDatabaseAsync());

        var applied = await Runner(ds).ApplyAsync(MigrationRunner.Load(_directory), CancellationToken.None);

        Assert.That(applied.Select(m => m.Number), Is.EqualTo(new[] { 1, 2, 10 }));
        await using var conn = await ds.OpenConnectionAsync();
        var journal = (await conn.QueryAsync<(int Number, string Name, string Checksum)>("select number, name, checksum from schema_migrations order by number")).ToList();
        Assert.That(journal.Select(j => j.Name), Is.EqualTo(new[] { "create", "add_column", "insert" }));
        Assert.That(journal.All(j => j.Checksum.Length == 64), Is.True);
        Assert.That(await conn.ExecuteScalarAsync<string>("select colour from thing"), Is.EqualTo("red"));
    }

    [Test]
    public async Task Apply_SecondRun_AppliesNothing()
    {
        Write("0001_create.sql", "create table thing (name text);");
        await using var ds = NpgsqlDataSource.Create(await TestCluster.CreateEmptyDatabaseAsync());
        await Runner(ds).ApplyAsync(MigrationRunner.Load(_directory), CancellationToken.None);

        var again = await Runner(ds).ApplyAsync(MigrationRunner.Load(_directory), CancellationToken.None);

        Assert.That(again, Is.Empty);
    }

    [Test]
    public async Task Apply_AppliedFileChanged_RefusesWithChecksumError()
    {
        Write("0001_create.sql", "create table thing (name text);");
        await using var ds = NpgsqlDataSource.Create(await TestCluster.CreateEmptyDatabaseAsync());
        await Runner(ds).ApplyAsync(MigrationRunner.Load(_directory), CancellationToken.None);
        Write("0001_create.sql", "create table thing (name text, extra int);");
        Write("0002_more.sql", "create table other (x int);");

        var error = Assert.ThrowsAsync<MigrationException>(() => Runner(ds).ApplyAsync(MigrationRunner.Load(_directory), CancellationToken.None));

        Assert.That(error!.Message, Does.Contain("0001_create has changed"));
        await using var conn = await ds.OpenConnectionAsync();
        Assert.That(await conn.ExecuteScalarAsync<bool>("select to_regclass('other') is not null"), Is.False, "nothing after a refused start is applied");
    }

    [Test]
    public async Task Apply_OnlyLineEndingsChanged_IsNotAChange()
    {
        Write("0001_create.sql", "create table thing (name text);\n-- note\n");
        await using var ds = NpgsqlDataSource.Create(await TestCluster.CreateEmptyDatabaseAsync());
        await Runner(ds).ApplyAsync(MigrationRunner.Load(_directory), CancellationToken.None);
        Write("0001_create.sql", "create table thing (name text);\r\n-- note\r\n");

        Assert.DoesNotThrowAsync(() => Runner(ds).ApplyAsync(MigrationRunner.Load(_directory), CancellationToken.None));
    }

    [Test]
    public async Task Apply_AppliedFileMissing_RefusesAsOlderBuild()
    {
        Write("0001_create.sql", "create table thing (name text);");
        await using var ds = NpgsqlDataSource.Create(await TestCluster.CreateEmptyDatabaseAsync());
        await Runner(ds).ApplyAsync(MigrationRunner.Load(_directory), CancellationToken.None);
        File.Delete(Path.Combine(_directory, "0001_create.sql"));
        Write("0002_more.sql", "create table other (x int);");

        var error = Assert.ThrowsAsync<MigrationException>(() => Runner(ds).ApplyAsync(MigrationRunner.Load(_directory), CancellationToken.None));

        Assert.That(error!.Message, Does.Contain("missing from migrations"));
    }

    [Test]
    public async Task Apply_FailingMigration_RollsBackThatFileAndKeepsEarlierOnes()
    {
        Write("0001_create.sql", "create table thing (name text);");
        Write("0002_broken.sql", "create table half (x int); select * from no_such_table;");
        await using var ds = NpgsqlDataSource.Create(await TestCluster.CreateEmptyDatabaseAsync());

        Assert.ThrowsAsync<PostgresException>(() => Runner(ds).ApplyAsync(MigrationRunner.Load(_directory), CancellationToken.None));

        await using var conn = await ds.OpenConnectionAsync();
        Assert.That(await conn.ExecuteScalarAsync<int>("select count(*) from schema_migrations"), Is.EqualTo(1));
        Assert.That(await conn.ExecuteScalarAsync<bool>("select to_regclass('half') is not null"), Is.False, "each migration is one transaction");
    }

    [Test]
    public async Task Apply_TwoRunnersAtOnce_ApplyEachFileExactlyOnce()
    {
        // Without the advisory lock both runners see 0001 pending and the second create table fails;
        // the slow migration widens the window.
        Write("0001_create.sql", "create table thing (name text); select pg_sleep(0.5);");
        Write("0002_count.sql", "create table applied_count (n int); insert into applied_count values (1);");
        var connectionString = await TestCluster.CreateEmptyDatabaseAsync();
        await using var a = NpgsqlDataSource.Create(connectionString);
        await using var b = NpgsqlDataSource.Create(connectionString);
        var migrations = MigrationRunner.Load(_directory);

        var results = await Task.WhenAll(
            Task.Run(() => Runner(a).ApplyAsync(migrations, CancellationToken.None)),
            Task.Run(() => Runner(b).ApplyAsync(migrations, CancellationToken.None)));

        Assert.That(results.Sum(r => r.Count), Is.EqualTo(2), "each file applied by exactly one runner");
        await using var conn = await a.OpenConnectionAsync();
        Assert.That(await conn.ExecuteScalarAsync<int>("select count(*) from applied_count"), Is.EqualTo(1));
        Assert.That(await conn.ExecuteScalarAsync<int>("select count(*) from schema_migrations"), Is.EqualTo(2));
    }

    [Test]
    public void Load_BadFileName_IsRejected()
    {
        Write("1_create.sql", "select 1;");

        Assert.Throws<MigrationException>(() => MigrationRunner.Load(_directory));
    }

    [Test]
    public void Load_DuplicateNumber_IsRejected()
    {
        Write("0001_a.sql", "select 1;");
        Write("0001_b.sql", "select 1;");

        var error = Assert.Throws<MigrationException>(() => MigrationRunner.Load(_directory));

        Assert.That(error!.Message, Does.Contain("0001"));
    }

    [Test]
    public async Task ShippedMigrations_ApplyToEmptyDatabase()
    {
        await using var ds = NpgsqlDataSource.Create(await TestCluster.CreateEmptyDatabaseAsync());

        var applied = await Runner(ds).ApplyAsync(MigrationRunner.Load(TestCluster.MigrationsDirectory), CancellationToken.None);

        Assert.That(applied, Is.Not.Empty);
        Assert.That(applied[0].Number, Is.EqualTo(1));
    }
}
