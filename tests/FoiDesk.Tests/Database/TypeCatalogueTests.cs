using Dapper;
using FoiDesk.Database;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace FoiDesk.Tests.Database;

/// <summary>
/// Issue 13: a data source loads PostgreSQL's type catalogue on its first connection, so a type created
/// after that (citext by 0001 on a new database, or an enum by a later migration another member applied)
/// read as the unknown type '-.-' until the process restarted.
/// </summary>
public sealed class TypeCatalogueTests
{
    private static readonly IReadOnlyList<Migration> All = MigrationRunner.Load(TestCluster.MigrationsDirectory);

    /// <summary>A later migration, as a newer build on another member would apply it: a new enum used by a new column.</summary>
    private static readonly Migration Later = new(9901, "request_channel", """
        create type request_channel as enum ('email', 'post', 'web form');
        create table channel_probe (id int primary key, channel request_channel not null);
        insert into channel_probe values (1, 'web form');
        """, new string('0', 64));

    private static MigrationRunner Runner(NpgsqlDataSource ds) => new(ds, TimeProvider.System, NullLogger<MigrationRunner>.Instance);

    [Test]
    public async Task Apply_NewDatabase_CitextReadsOnConnectionsPooledBeforeMigrating()
    {
        await using var ds = NpgsqlDataSource.Create(await TestCluster.CreateEmptyDatabaseAsync());
        // Connections opened before the migrations (as health or a CLI verb might) sit in the pool with the
        // catalogue of an empty database: they must not be the ones that fail afterwards.
        var pooled = await WarmPoolAsync(ds, 4);

        await Runner(ds).ApplyAsync(All, CancellationToken.None);

        var reads = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            await using var conn = await ds.OpenConnectionAsync();
            var value = await conn.ExecuteScalarAsync<object>("select 'Officer@Example.GOV.uk'::citext from pg_sleep(0.05)");
            return (Value: value, conn.ProcessID);
        }));
        Assert.That(reads.Select(r => r.Value), Is.All.EqualTo("Officer@Example.GOV.uk"));
        Assert.That(reads.Select(r => r.ProcessID), Is.SubsetOf(pooled), "the reads reused connections pooled before migrating");
    }

    [Test]
    public async Task ReloadTypesIfJournalChanged_AnotherMemberAddsAnEnum_ReadsWithoutRestart()
    {
        var connectionString = await TestCluster.CreateDatabaseAsync();
        await using var hostA = NpgsqlDataSource.Create(connectionString);
        var runnerA = Runner(hostA);
        await runnerA.ApplyAsync(All, CancellationToken.None);
        await WarmPoolAsync(hostA, 3);

        await using (var hostB = NpgsqlDataSource.Create(connectionString))
        {
            await Runner(hostB).ApplyAsync([.. All, Later], CancellationToken.None);
        }

        // What host A saw before this fix, and would still see without the check below.
        Assert.That(async () => await ReadChannelAsync(hostA), Throws.InstanceOf<InvalidCastException>().With.Message.Contains("'-.-'"));

        Assert.That(await runnerA.ReloadTypesIfJournalChangedAsync(CancellationToken.None), Is.True);

        Assert.That(await ReadChannelAsync(hostA), Is.EqualTo("web form"));
        Assert.That(await runnerA.ReloadTypesIfJournalChangedAsync(CancellationToken.None), Is.False, "nothing new: no reload");
    }

    [Test]
    public async Task ReloadTypesIfJournalChanged_NothingAppliedElsewhere_DoesNotReload()
    {
        await using var ds = NpgsqlDataSource.Create(await TestCluster.CreateDatabaseAsync());
        var runner = Runner(ds);
        await runner.ApplyAsync(All, CancellationToken.None);

        Assert.That(await runner.ReloadTypesIfJournalChangedAsync(CancellationToken.None), Is.False);
    }

    [Test]
    public async Task TypeCatalogueWatch_AnotherMemberAddsAnEnum_ReadableWithinAnInterval()
    {
        var connectionString = await TestCluster.CreateDatabaseAsync();
        await using var hostA = NpgsqlDataSource.Create(connectionString);
        var runnerA = Runner(hostA);
        await runnerA.ApplyAsync(All, CancellationToken.None);
        using var watch = new TypeCatalogueWatch(runnerA, TimeSpan.FromMilliseconds(100), TimeProvider.System, NullLogger<TypeCatalogueWatch>.Instance);
        await watch.StartAsync(CancellationToken.None);

        await using (var hostB = NpgsqlDataSource.Create(connectionString))
        {
            await Runner(hostB).ApplyAsync([.. All, Later], CancellationToken.None);
        }

        string? read = null;
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (read is null && waited.Elapsed < TimeSpan.FromSeconds(20))
        {
            try
            {
                read = await ReadChannelAsync(hostA);
            }
            catch (InvalidCastException)
            {
                await Task.Delay(50);
            }
        }

        await watch.StopAsync(CancellationToken.None);
        Assert.That(read, Is.EqualTo("web form"), "host A reads the new type without a restart");
    }

    private static async Task<string?> ReadChannelAsync(NpgsqlDataSource ds)
    {
        await using var conn = await ds.OpenConnectionAsync();
        return (string?)await conn.ExecuteScalarAsync<object>("select channel from channel_probe where id = 1");
    }

    /// <summary>Opens <paramref name="count"/> connections at once and returns them to the pool; their server process ids.</summary>
    private static async Task<IReadOnlyList<int>> WarmPoolAsync(NpgsqlDataSource ds, int count)
    {
        var open = await Task.WhenAll(Enumerable.Range(0, count).Select(_ => ds.OpenConnectionAsync().AsTask()));
        var ids = new List<int>();
        foreach (var conn in open)
        {
            await conn.ExecuteScalarAsync<int>("select 1");
            ids.Add(conn.ProcessID);
            await conn.DisposeAsync();
        }

        return ids;
    }
}
