using Dapper;
using FoiDesk.Audit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace FoiDesk.Retention;

/// <summary>
/// The weekly list and the deletion. The list holds only cases that may go (closed, past their period, no hold,
/// no open review or ICO complaint); confirming re-checks each in the deleting transaction, so a hold placed or a
/// review opened after the listing still stops it. The certificate and its audit entry commit with the deletion.
/// </summary>
public sealed class RetentionRuns(NpgsqlDataSource db, AuditLog audit, IOptions<RetentionOptions> options, TimeProvider time, ILogger<RetentionRuns> log)
{
    public const string JobActor = "retention-job";

    /// <summary>Lists today's due cases as a new run (an older unconfirmed list is cancelled: the new one replaces it). Null when nothing is due.</summary>
    public async Task<long?> ListAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var today = LondonTime.DateOf(now);
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        // One lister at a time (two hosts firing the weekly job together make one list).
        await conn.ExecuteAsync(new CommandDefinition("select pg_advisory_xact_lock(hashtext('foidesk-retention'))", transaction: tx, cancellationToken: ct));
        var due = (await RetentionSchedule.DueAsync(conn, tx, today, null, ct)).Where(d => d.Blocked is null).ToList();
        await conn.ExecuteAsync(new CommandDefinition("update retention_run set status = 'cancelled' where status = 'proposed'", transaction: tx, cancellationToken: ct));
        if (due.Count == 0)
        {
            await tx.CommitAsync(ct);
            return null;
        }

        var runId = await conn.QuerySingleAsync<long>(new CommandDefinition(
            "insert into retention_run (listed_at, listed_on) values (@now, @today) returning id", new { now, today }, tx, cancellationToken: ct));
        await conn.ExecuteAsync(new CommandDefinition("""
            insert into retention_run_case (run_id, case_id, reference, closed_on, rule, delete_after)
            select @runId, c.case_id, c.reference, c.closed_on, c.rule, c.delete_after
            from unnest(@ids, @refs, @closed, @rules, @after) as c (case_id, reference, closed_on, rule, delete_after)
            """, new
        {
            runId,
            ids = due.Select(d => d.CaseId).ToArray(),
            refs = due.Select(d => d.Reference).ToArray(),
            closed = due.Select(d => d.ClosedOn).ToArray(),
            rules = due.Select(d => d.Rule).ToArray(),
            after = due.Select(d => d.DeleteAfter).ToArray(),
        }, tx, cancellationToken: ct));
        await audit.RecordAsync(null, JobActor, "retention-listed", $"retention-run:{runId}", new { cases = due.Select(d => d.Reference) }, ct, conn, tx);
        await tx.CommitAsync(ct);
        return runId;
    }

    /// <summary>The weekly job: list, and delete at once when FoiDesk:Retention:AutoDelete is set.</summary>
    public async Task<long?> WeeklyAsync(CancellationToken ct)
    {
        var runId = await ListAsync(ct);
        if (runId is { } id && options.Value.AutoDelete)
        {
            await ConfirmAsync(id, null, JobActor, ct);
        }

        return runId;
    }

    /// <summary>Deletes the listed cases' personal data; the run becomes the certificate, audited. Returns it.</summary>
    public async Task<RetentionRun> ConfirmAsync(long runId, long? accountId, string actor, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var today = LondonTime.DateOf(now);
        await using (var conn = await db.OpenConnectionAsync(ct))
        {
            await using var tx = await conn.BeginTransactionAsync(ct);
            var status = await conn.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
                "select status from retention_run where id = @runId for update", new { runId }, tx, cancellationToken: ct))
                ?? throw new RetentionException(RetentionProblem.NoRun, $"no retention run {runId}");
            if (status != "proposed")
            {
                throw new RetentionException(RetentionProblem.RunNotProposed, $"retention run {runId} is {status}, not waiting for confirmation");
            }

            var listed = (await conn.QueryAsync<long>(new CommandDefinition(
                "select case_id from retention_run_case where run_id = @runId order by reference", new { runId }, tx, cancellationToken: ct))).ToArray();
            // Re-checked now, inside the transaction that deletes: a hold or review since the listing wins.
            var stillDue = (await RetentionSchedule.DueAsync(conn, tx, today, listed, ct)).ToDictionary(d => d.CaseId);
            var erased = new List<string>();
            foreach (var caseId in listed)
            {
                string result;
                var files = 0;
                if (!stillDue.TryGetValue(caseId, out var due))
                {
                    result = "skipped-already";
                }
                else if (due.Blocked is { } blocked)
                {
                    result = blocked.StartsWith("on hold", StringComparison.Ordinal) ? "skipped-hold" : "skipped-open";
                }
                else
                {
                    var gone = await PersonalDataEraser.EraseAsync(conn, tx, caseId, runId, options.Value, now, ct);
                    files = gone.Files;
                    result = "deleted";
                    erased.Add(due.Reference);
                    log.LogInformation("Retention run {Run}: {Reference} erased ({Raw} raw emails, {Letters} letters, {Attachments} attachments, {Audit} audit details, {Files} files)",
                        runId, due.Reference, gone.RawEmails, gone.Letters, gone.Attachments, gone.AuditEntries, gone.Files);
                }

                await conn.ExecuteAsync(new CommandDefinition(
                    "update retention_run_case set result = @result, files_deleted = @files where run_id = @runId and case_id = @caseId",
                    new { result, files, runId, caseId }, tx, cancellationToken: ct));
            }

            await conn.ExecuteAsync(new CommandDefinition(
                "update retention_run set status = 'deleted', confirmed_by = @actor, confirmed_at = @now, automatic = @automatic where id = @runId",
                new { actor, now, automatic = actor == JobActor, runId }, tx, cancellationToken: ct));
            await audit.RecordAsync(accountId, actor, "retention-deletion-certified", $"retention-run:{runId}", new { cases = erased, skipped = listed.Length - erased.Count }, ct, conn, tx);
            await tx.CommitAsync(ct);
        }

        await VacuumAsync(ct);
        return await FindAsync(runId, ct) ?? throw new InvalidOperationException("the run just confirmed is gone");
    }

    public async Task<IReadOnlyList<RetentionRun>> RecentAsync(int limit, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return [.. await conn.QueryAsync<RetentionRun>(new CommandDefinition($"{RunSelect} order by id desc limit @limit", new { limit }, cancellationToken: ct))];
    }

    public async Task<RetentionRun?> FindAsync(long runId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var run = await conn.QuerySingleOrDefaultAsync<RetentionRun>(new CommandDefinition($"{RunSelect} where id = @runId", new { runId }, cancellationToken: ct));
        if (run is null)
        {
            return null;
        }

        var cases = await conn.QueryAsync<RetentionRunCase>(new CommandDefinition("""
            select reference, closed_on as ClosedOn, delete_after as DeleteAfter, rule, result, files_deleted as FilesDeleted
            from retention_run_case where run_id = @runId order by reference
            """, new { runId }, cancellationToken: ct));
        return run with { Cases = [.. cases] };
    }

    /// <summary>The latest list waiting for an admin, if any.</summary>
    public async Task<RetentionRun?> PendingAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var id = await conn.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(
            "select max(id) from retention_run where status = 'proposed'", cancellationToken: ct));
        return id is { } runId ? await FindAsync(runId, ct) : null;
    }

    /// <summary>
    /// Updated rows leave dead copies in the table files until vacuumed; vacuuming the tables the erasure touched
    /// removes them (and their index entries) now rather than whenever autovacuum gets there. Best effort: a
    /// database user that does not own the tables cannot vacuum them, and autovacuum will.
    /// </summary>
    private async Task VacuumAsync(CancellationToken ct)
    {
        try
        {
            await using var conn = await db.OpenConnectionAsync(ct);
            await conn.ExecuteAsync(new CommandDefinition(
                "vacuum foi_case, question, question_attachment, raw_email, incoming_message, outgoing_message, clock_event, case_event, split_correction, audit_event, retention_hold",
                cancellationToken: ct, commandTimeout: 600));
        }
        catch (PostgresException e)
        {
            log.LogWarning(e, "Vacuum after retention deletion failed; autovacuum will reclaim the erased rows later");
        }
    }

    private const string RunSelect = """
        select id, listed_at as ListedAt, listed_on as ListedOn, status, confirmed_by as ConfirmedBy, confirmed_at as ConfirmedAt, automatic
        from retention_run
        """;
}
