using Dapper;
using FoiDesk.Audit;
using FoiDesk.Cases;
using Npgsql;

namespace FoiDesk.Approval;

/// <summary>Who is acting: the account id (for the audit log) and the name the timeline shows.</summary>
public sealed record Actor(long? AccountId, string Name);

public enum ApprovalOutcome
{
    Done,
    NotFound,

    /// <summary>The question or case is not in a state that allows the action (e.g. a question still drafting).</summary>
    NotReady,
}

/// <summary>
/// The approver's side of a reply: send a question back with comments, or approve the assembled reply once
/// every question has a submitted answer. Each action is one transaction with its timeline entry and audit row.
/// </summary>
public sealed class ApprovalService(CaseStore cases, AuditLog audit, TimeProvider time)
{
    /// <summary>Question states an approver may approve or return; anything else is still with its commissioner.</summary>
    public static readonly IReadOnlyList<string> Approvable = ["submitted", "approved"];

    public async Task<ApprovalOutcome> ReturnAsync(string reference, long questionId, string reason, Actor actor, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new ArgumentException("a return needs a comment for the commissioner", nameof(reason));
        }

        await using var conn = await cases.DataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var caseId = await LockCaseAsync(conn, tx, reference, ct);
        if (caseId is null)
        {
            return ApprovalOutcome.NotFound;
        }

        const string Sql = """
            update question set status = 'returned', returned_reason = @reason, updated_at = @now
            where id = @questionId and case_id = @caseId and status = any(@approvable)
            returning number
            """;
        var number = await conn.ExecuteScalarAsync<string?>(new CommandDefinition(Sql, new { reason, questionId, caseId, approvable = Approvable.ToArray(), now = time.GetUtcNow() }, tx, cancellationToken: ct));
        if (number is null)
        {
            return ApprovalOutcome.NotReady;
        }

        // The reply can no longer go as assembled: the case goes back to being answered.
        await conn.ExecuteAsync(new CommandDefinition(
            "update foi_case set status = 'open' where id = @caseId and status in ('awaiting-approval', 'approved')", new { caseId }, tx, cancellationToken: ct));
        await cases.AddEventAsync(conn, tx, caseId.Value, actor.Name, "question-returned", new { questionId, number, reason }, ct);
        await audit.RecordAsync(actor.AccountId, actor.Name, "question-returned", reference, new { questionId, number, reason }, ct, conn, tx);
        await tx.CommitAsync(ct);
        return ApprovalOutcome.Done;
    }

    /// <summary>Approves every question and marks the reply ready to send (the case waits as 'approved' for the sender).</summary>
    public async Task<ApprovalOutcome> ApproveAsync(string reference, Actor actor, CancellationToken ct)
    {
        await using var conn = await cases.DataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var caseId = await LockCaseAsync(conn, tx, reference, ct);
        if (caseId is null)
        {
            return ApprovalOutcome.NotFound;
        }

        const string Pending = """
            select count(*) filter (where status <> all(@approvable)) as pending, count(*) as total
            from question where case_id = @caseId and status <> 'merged'
            """;
        var (pending, total) = await conn.QuerySingleAsync<(long Pending, long Total)>(new CommandDefinition(Pending, new { caseId, approvable = Approvable.ToArray() }, tx, cancellationToken: ct));
        var status = await conn.ExecuteScalarAsync<string>(new CommandDefinition("select status from foi_case where id = @caseId", new { caseId }, tx, cancellationToken: ct));
        if (pending > 0 || total == 0 || status is CaseStatuses.Responded or CaseStatuses.Closed)
        {
            return ApprovalOutcome.NotReady;
        }

        await conn.ExecuteAsync(new CommandDefinition(
            "update question set status = 'approved', returned_reason = null, updated_at = @now where case_id = @caseId and status <> 'merged'", new { caseId, now = time.GetUtcNow() }, tx, cancellationToken: ct));
        await conn.ExecuteAsync(new CommandDefinition(
            "update foi_case set status = 'approved' where id = @caseId", new { caseId }, tx, cancellationToken: ct));
        await cases.AddEventAsync(conn, tx, caseId.Value, actor.Name, "approved", new { approver = actor.Name, questions = total }, ct);
        await audit.RecordAsync(actor.AccountId, actor.Name, "reply-approved", reference, new { questions = total }, ct, conn, tx);
        await tx.CommitAsync(ct);
        return ApprovalOutcome.Done;
    }

    private static async Task<long?> LockCaseAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string reference, CancellationToken ct) =>
        await conn.ExecuteScalarAsync<long?>(new CommandDefinition("select id from foi_case where reference = @reference for update", new { reference }, tx, cancellationToken: ct));
}
