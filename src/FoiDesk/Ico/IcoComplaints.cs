using Dapper;
using FoiDesk.Audit;
using FoiDesk.Cases;
using Npgsql;

namespace FoiDesk.Ico;

/// <summary>
/// ICO complaints on a case (FOIA s.50): recorded, submitted, decided, appealed (s.57). Each change goes on the
/// case's timeline and into the audit log in one transaction. The ICO's dates are its own (from its letters),
/// reminded by the morning job through the same notification machinery as the statutory dates.
/// </summary>
public sealed class IcoComplaints(NpgsqlDataSource db, CaseStore cases, AuditLog audit, TimeProvider time)
{
    public async Task<IReadOnlyList<IcoComplaint>> ForCaseAsync(string reference, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return [.. await conn.QueryAsync<IcoComplaint>(new CommandDefinition(
            $"{Select} where c.reference = @reference order by i.received_on, i.id", new { reference = reference.Trim().ToUpperInvariant() }, cancellationToken: ct))];
    }

    public async Task<long> RecordAsync(string reference, string icoReference, DateOnly receivedOn, DateOnly responseDueOn, long? accountId, string actor, CancellationToken ct)
    {
        reference = reference.Trim().ToUpperInvariant();
        icoReference = icoReference.Trim();
        if (icoReference.Length == 0)
        {
            throw new IcoException(IcoProblem.Invalid, "enter the ICO's reference (for example IC-123456-A1B2)");
        }

        if (responseDueOn < receivedOn)
        {
            throw new IcoException(IcoProblem.Invalid, "the ICO's deadline cannot be before the date its letter was received");
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var caseId = await conn.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(
            "select id from foi_case where reference = @reference and personal_data_deleted_at is null for update", new { reference }, tx, cancellationToken: ct))
            ?? throw new IcoException(IcoProblem.NoCase, $"no case {reference}");
        var requestReceived = await conn.QuerySingleAsync<DateTimeOffset>(new CommandDefinition(
            "select received_at from foi_case where id = @caseId", new { caseId }, tx, cancellationToken: ct));
        if (receivedOn < LondonTime.DateOf(requestReceived))
        {
            throw new IcoException(IcoProblem.Invalid, "a complaint cannot be received before the request was");
        }

        if (await conn.ExecuteScalarAsync<bool>(new CommandDefinition("select exists (select 1 from ico_complaint where ico_reference = @icoReference)", new { icoReference }, tx, cancellationToken: ct)))
        {
            throw new IcoException(IcoProblem.Invalid, $"ICO reference {icoReference} is already recorded");
        }

        var id = await conn.QuerySingleAsync<long>(new CommandDefinition("""
            insert into ico_complaint (case_id, ico_reference, received_on, response_due_on, recorded_by, recorded_at)
            values (@caseId, @icoReference, @receivedOn, @responseDueOn, @actor, @now) returning id
            """, new { caseId, icoReference, receivedOn, responseDueOn, actor, now = time.GetUtcNow() }, tx, cancellationToken: ct));
        await cases.AddEventAsync(conn, tx, caseId, actor, "ico-complaint-received", new { icoReference, receivedOn, responseDueOn }, ct);
        await audit.RecordAsync(accountId, actor, "ico-complaint-recorded", reference, new { complaint = id, icoReference }, ct, conn, tx);
        await tx.CommitAsync(ct);
        return id;
    }

    /// <summary>The council sent the ICO its submissions.</summary>
    public Task SubmittedAsync(long id, DateOnly submittedOn, long? accountId, string actor, CancellationToken ct) =>
        ChangeAsync(id, "ico-submissions-sent", new { submittedOn }, "update ico_complaint set submitted_on = @submittedOn where id = @id and outcome is null", new { id, submittedOn }, accountId, actor, ct);

    /// <summary>The ICO's outcome; a decision notice may set a compliance date (the steps it orders).</summary>
    public Task DecideAsync(long id, string outcome, DateOnly decidedOn, DateOnly? complianceDueOn, long? accountId, string actor, CancellationToken ct)
    {
        if (!IcoOutcomes.All.Contains(outcome))
        {
            throw new IcoException(IcoProblem.Invalid, $"outcome must be one of {string.Join(", ", IcoOutcomes.All)}");
        }

        if (complianceDueOn is { } due && due < decidedOn)
        {
            throw new IcoException(IcoProblem.Invalid, "the compliance date cannot be before the decision");
        }

        return ChangeAsync(id, "ico-complaint-decided", new { outcome, decidedOn, complianceDueOn },
            "update ico_complaint set outcome = @outcome, decided_on = @decidedOn, compliance_due_on = @complianceDueOn where id = @id and received_on <= @decidedOn",
            new { id, outcome, decidedOn, complianceDueOn }, accountId, actor, ct);
    }

    /// <summary>The First-tier Tribunal decided an appeal (FOIA s.57): the complaint is closed.</summary>
    public Task TribunalDecidedAsync(long id, DateOnly decidedOn, long? accountId, string actor, CancellationToken ct) =>
        ChangeAsync(id, "ico-tribunal-decided", new { decidedOn }, "update ico_complaint set tribunal_decided_on = @decidedOn where id = @id and outcome = 'tribunal' and decided_on <= @decidedOn", new { id, decidedOn }, accountId, actor, ct);

    private async Task ChangeAsync(long id, string kind, object detail, string sql, object args, long? accountId, string actor, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var c = await conn.QuerySingleOrDefaultAsync<(long CaseId, string Reference)?>(new CommandDefinition(
            "select c.id, c.reference from ico_complaint i join foi_case c on c.id = i.case_id where i.id = @id for update of i", new { id }, tx, cancellationToken: ct))
            ?? throw new IcoException(IcoProblem.NoComplaint, $"no ICO complaint {id}");
        if (await conn.ExecuteAsync(new CommandDefinition(sql, args, tx, cancellationToken: ct)) == 0)
        {
            throw new IcoException(IcoProblem.Invalid, $"ICO complaint {id} cannot take that change now (already decided, or a date before its receipt)");
        }

        await cases.AddEventAsync(conn, tx, c.CaseId, actor, kind, detail, ct);
        await audit.RecordAsync(accountId, actor, kind, c.Reference, new { complaint = id }, ct, conn, tx);
        await tx.CommitAsync(ct);
    }

    /// <summary>The dashboard's figures: open and decided complaints, and decision notices upheld (in whole or part).</summary>
    public async Task<IcoCounts> CountsAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.QuerySingleAsync<IcoCounts>(new CommandDefinition("""
            select count(*) filter (where outcome is null or (outcome = 'tribunal' and tribunal_decided_on is null))::int as Open,
                   count(*) filter (where outcome is not null and not (outcome = 'tribunal' and tribunal_decided_on is null))::int as Decided,
                   count(*) filter (where outcome = 'decision-notice-upheld')::int as DecisionNoticesUpheld,
                   count(*) filter (where outcome = 'decision-notice-partly-upheld')::int as DecisionNoticesPartlyUpheld
            from ico_complaint
            """, cancellationToken: ct));
    }

    /// <summary>
    /// The ICO's dates still owed, for the morning reminders: submissions not yet sent by the ICO's deadline, and a
    /// decision notice's compliance date, reminded until four weeks after it passes (then it is a matter for the
    /// ICO's enforcement, FOIA s.52).
    /// </summary>
    public static async Task<IReadOnlyList<IcoDue>> OwedAsync(NpgsqlConnection conn, DateOnly today, CancellationToken ct) =>
        [.. await conn.QueryAsync<IcoDue>(new CommandDefinition("""
            select case_id as CaseId, response_due_on as Due from ico_complaint where outcome is null and submitted_on is null
            union all
            select case_id, compliance_due_on from ico_complaint where compliance_due_on >= @today - 28 and outcome <> 'tribunal'
            """, new { today }, cancellationToken: ct))];

    private const string Select = """
        select i.id, i.case_id as CaseId, c.reference, i.ico_reference as IcoReference, i.received_on as ReceivedOn,
               i.response_due_on as ResponseDueOn, i.submitted_on as SubmittedOn, i.outcome, i.decided_on as DecidedOn,
               i.compliance_due_on as ComplianceDueOn, i.tribunal_decided_on as TribunalDecidedOn, i.recorded_by as RecordedBy
        from ico_complaint i join foi_case c on c.id = i.case_id
        """;
}
