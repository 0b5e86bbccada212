using Dapper;
using FoiDesk.Benchmarks;
using FoiDesk.Tests.Database;
using FoiDesk.Tests.Support;
using Npgsql;

namespace FoiDesk.Tests.Benchmarks;

/// <summary>The benchmark generator: COPY in chunks with the secondary indexes dropped, then rebuilt as they were, even when the load fails.</summary>
public sealed class CaseGeneratorTests
{
    private const string IndexDefinitions = """
        select indexrelid::regclass::text || ' ' || pg_get_indexdef(indexrelid) from pg_index
        where indrelid in ('foi_case'::regclass, 'question'::regclass, 'clock_event'::regclass) order by 1
        """;

    [Test]
    public async Task Generate_SmallRun_LoadsEveryRowAndRebuildsTheSameIndexes()
    {
        FoiDesk.Database.DapperSetup.Configure();
        await using var ds = NpgsqlDataSource.Create(await TestCluster.CreateDatabaseAsync());
        await using var conn = await ds.OpenConnectionAsync();
        var indexesBefore = (await conn.QueryAsync<string>(IndexDefinitions)).ToList();
        var generator = new CaseGenerator(ds, new ManualTime(new DateTimeOffset(2025, 3, 12, 10, 0, 0, TimeSpan.Zero)));

        var result = await generator.GenerateAsync(new GenerateOptions { Cases = 300, QuestionsPerCase = 3 }, TextWriter.Null, CancellationToken.None);

        Assert.That((result.Cases, result.Questions), Is.EqualTo((300, 900L)));
        Assert.That(await conn.ExecuteScalarAsync<long>("select count(*) from question q join foi_case c on c.id = q.case_id where c.reference like 'BENCH-%'"), Is.EqualTo(900));
        Assert.That(await conn.ExecuteScalarAsync<long>("select count(*) from clock_event"), Is.EqualTo(result.ClockEvents));
        Assert.That((await conn.QueryAsync<string>(IndexDefinitions)).ToList(), Is.EqualTo(indexesBefore));
    }

    [Test]
    public async Task Generate_LoadFailsPartWay_IndexesAreRebuilt()
    {
        FoiDesk.Database.DapperSetup.Configure();
        await using var ds = NpgsqlDataSource.Create(await TestCluster.CreateDatabaseAsync());
        await using var conn = await ds.OpenConnectionAsync();
        var indexesBefore = (await conn.QueryAsync<string>(IndexDefinitions)).ToList();
        // A case already holding a reference the generator will write: the COPY of cases fails on the unique key,
        // after the secondary indexes were dropped.
        await conn.ExecuteAsync("""
            insert into foi_case (reference, classification, classification_confirmed, status, subject, received_at, requester_name, requester_email, request_text, created_at)
            values ('BENCH-0000150', 'foi', true, 'new', 'In the way', now(), 'R', 'r@example.org', 'text', now())
            """);
        var generator = new CaseGenerator(ds, new ManualTime(new DateTimeOffset(2025, 3, 12, 10, 0, 0, TimeSpan.Zero)));

        var failure = Assert.ThrowsAsync<PostgresException>(() => generator.GenerateAsync(new GenerateOptions { Cases = 300, QuestionsPerCase = 3 }, TextWriter.Null, CancellationToken.None));

        Assert.That(failure!.SqlState, Is.EqualTo(PostgresErrorCodes.UniqueViolation));
        Assert.That(indexesBefore, Has.Count.GreaterThan(3), "the tables have secondary indexes to lose");
        Assert.That((await conn.QueryAsync<string>(IndexDefinitions)).ToList(), Is.EqualTo(indexesBefore));
    }
}
