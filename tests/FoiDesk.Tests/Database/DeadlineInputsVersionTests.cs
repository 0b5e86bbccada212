using Dapper;
using FoiDesk.Tests.Database;
using Npgsql;

namespace FoiDesk.Tests.Database;

/// <summary>
/// migrations/0100: deadline_inputs_version moves once per committed change to a due date's inputs (cases, clock
/// events, holiday additions), whoever writes them; the dashboard recomputes when it moves.
/// </summary>
public sealed class DeadlineInputsVersionTests
{
    private static async Task<long> VersionAsync(NpgsqlConnection conn) =>
        await conn.ExecuteScalarAsync<long>("select version from deadline_inputs_version where id = 1");

    [TestCase("insert into foi_case (reference, classification, received_at, created_at) values ('FOI-2025-00002', 'foi', now(), now())")]
    [TestCase("update foi_case set status = 'closed'")]
    [TestCase("insert into clock_event (case_id, name, occurred_on, recorded_at, recorded_by) select id, 'clarification_sent', '2025-03-14', now(), 't' from foi_case")]
    [TestCase("insert into holiday_addition (day, title, division, source, added_by, added_at) values ('2025-03-07', 'Proclaimed', 'england-and-wales', 'test', 't', now())")]
    [TestCase("delete from foi_case")]
    public async Task Version_InputChanged_MovesOnce(string change)
    {
        await using var ds = NpgsqlDataSource.Create(await TestCluster.CreateDatabaseAsync());
        await using var conn = await ds.OpenConnectionAsync();
        await conn.ExecuteAsync("insert into foi_case (reference, classification, received_at, created_at) values ('FOI-2025-00001', 'foi', now(), now())");
        var before = await VersionAsync(conn);

        await conn.ExecuteAsync(change);

        Assert.That(await VersionAsync(conn), Is.EqualTo(before + 1));
    }

    [Test]
    public async Task Version_ManyRowsInOneTransaction_MovesOnce()
    {
        await using var ds = NpgsqlDataSource.Create(await TestCluster.CreateDatabaseAsync());
        await using var conn = await ds.OpenConnectionAsync();
        var before = await VersionAsync(conn);

        await using (var tx = await conn.BeginTransactionAsync())
        {
            await conn.ExecuteAsync("insert into foi_case (reference, classification, received_at, created_at) select 'FOI-2025-' || lpad(n::text, 5, '0'), 'foi', now(), now() from generate_series(1, 50) n", transaction: tx);
            await conn.ExecuteAsync("update foi_case set status = 'open'", transaction: tx);
            await tx.CommitAsync();
        }

        Assert.That(await VersionAsync(conn), Is.EqualTo(before + 1));
    }

    [Test]
    public async Task Version_RolledBackOrUnrelated_DoesNotMove()
    {
        await using var ds = NpgsqlDataSource.Create(await TestCluster.CreateDatabaseAsync());
        await using var conn = await ds.OpenConnectionAsync();
        await conn.ExecuteAsync("insert into foi_case (reference, classification, received_at, created_at) values ('FOI-2025-00001', 'foi', now(), now())");
        var before = await VersionAsync(conn);

        await using (var tx = await conn.BeginTransactionAsync())
        {
            await conn.ExecuteAsync("update foi_case set status = 'closed'", transaction: tx);
            await tx.RollbackAsync();
        }

        // A question's wording is not a due-date input.
        await conn.ExecuteAsync("insert into question (case_id, position, number, text, original_text, updated_at) select id, 1, '1', 'Q', 'Q', now() from foi_case");

        Assert.That(await VersionAsync(conn), Is.EqualTo(before));
    }
}
