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

    // migrations/0140: which cases each change touched, at the version of the change.
    private static async Task<Dictionary<long, long>> ChangesAsync(NpgsqlConnection conn) =>
        (await conn.QueryAsync<(long CaseId, long Version)>("select case_id, version from deadline_case_change")).ToDictionary(r => r.CaseId, r => r.Version);

    [TestCase("update foi_case set status = 'closed' where reference = 'FOI-2025-00001'")]
    [TestCase("update foi_case set subject = 'Potholes' where reference = 'FOI-2025-00001'")]
    [TestCase("insert into clock_event (case_id, name, occurred_on, recorded_at, recorded_by) select id, 'clarification_sent', '2025-03-14', now(), 't' from foi_case where reference = 'FOI-2025-00001'")]
    [TestCase("delete from clock_event where case_id = (select id from foi_case where reference = 'FOI-2025-00001')")]
    [TestCase("delete from foi_case where reference = 'FOI-2025-00001'")]
    public async Task CaseChange_CaseOrItsEventChanged_RecordsThatCaseAtTheNewVersion(string change)
    {
        await using var ds = NpgsqlDataSource.Create(await TestCluster.CreateDatabaseAsync());
        await using var conn = await ds.OpenConnectionAsync();
        await conn.ExecuteAsync("""
            insert into foi_case (reference, classification, received_at, created_at) values ('FOI-2025-00001', 'foi', now(), now()), ('FOI-2025-00002', 'foi', now(), now());
            insert into clock_event (case_id, name, occurred_on, recorded_at, recorded_by) select id, 'clarification_sent', '2025-03-10', now(), 't' from foi_case;
            """);
        var first = await conn.ExecuteScalarAsync<long>("select id from foi_case where reference = 'FOI-2025-00001'");
        var second = await conn.ExecuteScalarAsync<long>("select id from foi_case where reference = 'FOI-2025-00002'");
        var before = await ChangesAsync(conn);

        await conn.ExecuteAsync(change);

        var after = await ChangesAsync(conn);
        Assert.That(after[first], Is.EqualTo(await VersionAsync(conn)).And.GreaterThan(before[first]));
        Assert.That(after[second], Is.EqualTo(before[second]), "the untouched case keeps its version");
    }

    [Test]
    public async Task CaseChange_EventMovedToAnotherCase_RecordsBoth()
    {
        await using var ds = NpgsqlDataSource.Create(await TestCluster.CreateDatabaseAsync());
        await using var conn = await ds.OpenConnectionAsync();
        await conn.ExecuteAsync("""
            insert into foi_case (reference, classification, received_at, created_at) values ('FOI-2025-00001', 'foi', now(), now()), ('FOI-2025-00002', 'foi', now(), now());
            insert into clock_event (case_id, name, occurred_on, recorded_at, recorded_by) select min(id), 'clarification_sent', '2025-03-10', now(), 't' from foi_case;
            """);

        await conn.ExecuteAsync("update clock_event set case_id = (select max(id) from foi_case)");

        var version = await VersionAsync(conn);
        Assert.That((await ChangesAsync(conn)).Values, Is.EqualTo(new[] { version, version }));
    }

    [TestCase("update foi_case set publish_to_log = true")]
    [TestCase("update foi_case set notes = '[\"called the requester\"]'")]
    [TestCase("update foi_case set requester_email = 'someone@example.org'")]
    public async Task Version_CaseColumnTheDashboardDoesNotRead_DoesNotMove(string change)
    {
        await using var ds = NpgsqlDataSource.Create(await TestCluster.CreateDatabaseAsync());
        await using var conn = await ds.OpenConnectionAsync();
        await conn.ExecuteAsync("insert into foi_case (reference, classification, received_at, created_at) values ('FOI-2025-00001', 'foi', now(), now())");
        var before = await VersionAsync(conn);

        await conn.ExecuteAsync(change);

        Assert.That(await VersionAsync(conn), Is.EqualTo(before));
    }

    [Test]
    [Description("The reader asks for changes after the version it has; a change numbered lower but committed later would be missed for ever.")]
    public async Task CaseChange_TransactionsCommitInReverseOrderOfTheirWrites_VersionsFollowCommitOrder()
    {
        await using var ds = NpgsqlDataSource.Create(await TestCluster.CreateDatabaseAsync());
        await using var setup = await ds.OpenConnectionAsync();
        await setup.ExecuteAsync("insert into foi_case (reference, classification, received_at, created_at) values ('FOI-2025-00001', 'foi', now(), now()), ('FOI-2025-00002', 'foi', now(), now())");
        await using var early = await ds.OpenConnectionAsync();
        await using var late = await ds.OpenConnectionAsync();
        await using var earlyTx = await early.BeginTransactionAsync();
        await using var lateTx = await late.BeginTransactionAsync();

        // The first writer writes first and commits last.
        await early.ExecuteAsync("update foi_case set status = 'open' where reference = 'FOI-2025-00001'", transaction: earlyTx);
        await late.ExecuteAsync("update foi_case set status = 'open' where reference = 'FOI-2025-00002'", transaction: lateTx);
        await lateTx.CommitAsync();
        var seenBetween = await VersionAsync(setup);
        await earlyTx.CommitAsync();

        var changes = (await setup.QueryAsync<(string Reference, long Version)>(
            "select c.reference, d.version from deadline_case_change d join foi_case c on c.id = d.case_id")).ToDictionary(r => r.Reference, r => r.Version);
        Assert.That(changes["FOI-2025-00002"], Is.EqualTo(seenBetween));
        Assert.That(changes["FOI-2025-00001"], Is.GreaterThan(seenBetween), "a reader that saw version " + seenBetween + " must still find this change");
    }
}
