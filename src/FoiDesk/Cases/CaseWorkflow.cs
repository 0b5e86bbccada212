using System.Globalization;
using System.Text.Json;
using Dapper;
using FoiDesk.Approval;
using FoiDesk.Audit;
using FoiDesk.Deadlines;
using Npgsql;

namespace FoiDesk.Cases;

/// <summary>
/// The case workflow: the one place a case's status (foi_case.status) changes. Each command checks the move
/// against <see cref="CaseTransitions"/> and commits the status, its timeline entry, its audit entry and any
/// outbox row in ONE transaction; a refusal comes back as a typed <see cref="CaseProblem"/> in the
/// <see cref="CaseResult"/>, never as an exception. Pages, API endpoints and CLI verbs call these and only
/// translate problems into their own terms (the API: NotFound 404, Invalid 400, NotAllowed 409).
/// <para>Commands (own transaction, audited under <see cref="Actor"/>, whose Via says web, api or cli):</para>
/// <list type="bullet">
/// <item><see cref="ConfirmTriageAsync"/>: confirm or change what a case is; opens it (or closes not-FOI and
/// duplicates) and queues the acknowledgement once, through <see cref="ICaseOutbox"/>.</item>
/// <item><see cref="AssignAsync"/>: give a question to a team, and optionally one person in it.</item>
/// <item><see cref="RecordClockEventAsync"/>: a clock event (clarification, fee, extension ...); stops,
/// restarts or completes the case as the event means.</item>
/// <item><see cref="ReturnAnswerAsync"/> and <see cref="ApproveAsync"/>: the approver's side.</item>
/// </list>
/// <para>Steps in another capability's transaction (static: intake, the outbox and the question services
/// hold only a connection): <see cref="LetterSentInAsync"/> (the outbox sent a letter),
/// <see cref="ClarificationArrivedInAsync"/> (intake matched the requester's clarification),
/// <see cref="ClockEventInAsync"/> (a validated clock event), <see cref="AssignInAsync"/>,
/// <see cref="AnswerSubmittedInAsync"/> (the last answer in), and the primitive <see cref="MoveInAsync"/>.</para>
/// Features that change a case's status call one of these, or add a command here and a row to the table.
/// </summary>
public sealed class CaseWorkflow(NpgsqlDataSource db, CaseStore cases, CaseClock clock, AuditLog audit, ICaseOutbox outbox, TimeProvider time)
{
    /// <summary>The timeline's name for the outbox, which records a letter as sent (a system actor).</summary>
    private const string OutboxActor = "outbox";

    /// <summary>
    /// Confirms (or changes) what a case is and the clock it runs on, as triage does. Not FOI and duplicates
    /// close at once with that outcome; a new request opens, its statutory clock running from receipt, and its
    /// acknowledgement is queued once in the same transaction. A letter that cannot be sent leaves the
    /// classification confirmed and comes back as <see cref="CaseResult.Warning"/>.
    /// </summary>
    /// <param name="regime">The clock for <paramref name="classification"/> (intake's rule: IntakeProcessor.RegimeFor).</param>
    /// <param name="officerName">The name signing the acknowledgement.</param>
    public async Task<CaseResult> ConfirmTriageAsync(string reference, string classification, string? regime, Actor by, string? officerName, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (await LockAsync(conn, tx, reference, ct) is not { } c)
        {
            return CaseResult.Refused(CaseProblem.NoCase(reference));
        }

        if (!Classifications.All.Contains(classification, StringComparer.Ordinal))
        {
            return CaseResult.Refused(CaseProblem.Invalid("classification",
                string.IsNullOrWhiteSpace(classification) ? "classification is required" : $"unknown classification '{classification}'"));
        }

        var closes = classification is Classifications.NotFoi or Classifications.Duplicate;
        regime = closes ? null : regime;
        var outcome = closes ? classification : c.Outcome;
        await conn.ExecuteAsync(new CommandDefinition("""
            update foi_case set classification = @classification, regime = @regime, classification_confirmed = true, outcome = @outcome
            where id = @Id
            """, new { classification, regime, outcome, c.Id }, tx, cancellationToken: ct));
        var to = (await MoveInAsync(conn, tx, c.Id, closes ? CaseCommand.CloseAtTriage : CaseCommand.ConfirmTriage, ct))!.Status;
        var now = time.GetUtcNow();
        await AddEventAsync(conn, tx, c.Id, now, by.Name, "classification-confirmed", new { from = c.Classification, to = classification, regime, status = to.Text() }, ct);
        await audit.RecordAsync(by.AccountId, by.Name, "case-changed", c.Reference, new { handler = "confirm", via = by.Via }, ct, conn, tx);

        // Confirming a request acknowledges it (once): the letter goes to the outbox with the decision.
        var confirmed = c with { Classification = classification, Regime = regime, Outcome = outcome, Status = to.Text(), ClassificationConfirmed = true };
        var (outboxId, problem) = await outbox.QueueAcknowledgementAsync(conn, tx, confirmed, by, officerName, ct);
        await tx.CommitAsync(ct);
        return CaseResult.Moved(to, outboxId) with { Warning = problem is null ? null : CaseProblem.NotAllowed(problem) };
    }

    /// <summary>Gives a question to a team, and optionally to one named person in it (again, if it was handed back).</summary>
    public async Task<CaseResult> AssignAsync(string reference, long questionId, long teamId, long? assigneeId, Actor by, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (await LockAsync(conn, tx, reference, ct) is not { } c)
        {
            return CaseResult.Refused(CaseProblem.NoCase(reference));
        }

        if (await AssignInAsync(conn, tx, c.Id, questionId, teamId, assigneeId, by.Name, time.GetUtcNow(), ct) is { } problem)
        {
            return CaseResult.Refused(problem);
        }

        await audit.RecordAsync(by.AccountId, by.Name, "case-changed", c.Reference, new { handler = "assign", via = by.Via }, ct, conn, tx);
        await tx.CommitAsync(ct);
        return CaseResult.Moved(CaseStatuses.Parse(c.Status));
    }

    /// <summary>
    /// Records a clock event (validated by the deadline engine against the events already recorded) and moves
    /// the case as it means: a clarification or fees notice stops the clock, its answer restarts it, a
    /// response sent completes the case. Returns the dates with the event, or the engine's objection (Invalid).
    /// </summary>
    public async Task<(CaseResult Result, DeadlineResult? Dates)> RecordClockEventAsync(string reference, string name, DateOnly date, string note, Actor by, CancellationToken ct)
    {
        if (await cases.FindAsync(reference, ct) is not { } c)
        {
            return (CaseResult.Refused(CaseProblem.NoCase(reference)), null);
        }

        DeadlineResult? dates;
        try
        {
            dates = await clock.PreviewAsync(c, name, date, ct);
        }
        catch (DeadlineInputException e)
        {
            return (CaseResult.Refused(CaseProblem.Invalid("name", e.Message)), null);
        }

        if (dates is null)
        {
            return (CaseResult.Refused(CaseProblem.Invalid("name", $"case {c.Reference} has no statutory clock ({c.Classification})")), null);
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var status = await ClockEventInAsync(conn, tx, c.Id, name, date, note, by.Name, dates, time.GetUtcNow(), ct);
        await audit.RecordAsync(by.AccountId, by.Name, "clock-event-recorded", c.Reference,
            new { name, date = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), via = by.Via }, ct, conn, tx);
        await tx.CommitAsync(ct);
        return (CaseResult.Moved(status), dates);
    }

    /// <summary>The approver sends one question back with comments; a reply waiting for approval goes back to being answered.</summary>
    public async Task<CaseResult> ReturnAnswerAsync(string reference, long questionId, string reason, Actor by, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return CaseResult.Refused(CaseProblem.Invalid("reason", "a return needs a comment for the commissioner"));
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (await LockAsync(conn, tx, reference, ct) is not { } c)
        {
            return CaseResult.Refused(CaseProblem.NoCase(reference));
        }

        const string Sql = """
            update question set status = @returned, returned_reason = @reason, updated_at = @now
            where id = @questionId and case_id = @Id and status = any(@from)
            returning number
            """;
        var number = await conn.ExecuteScalarAsync<string?>(new CommandDefinition(Sql, new
        {
            returned = QuestionStatuses.Returned,
            reason,
            questionId,
            c.Id,
            from = CaseTransitions.QuestionFrom(CaseCommand.ReturnAnswer),
            now = time.GetUtcNow(),
        }, tx, cancellationToken: ct));
        if (number is null)
        {
            return CaseResult.Refused(CaseProblem.NotAllowed($"question {questionId} is not waiting for approval on {c.Reference}"));
        }

        var to = (await MoveInAsync(conn, tx, c.Id, CaseCommand.ReturnAnswer, ct))!.Status;
        await AddEventAsync(conn, tx, c.Id, time.GetUtcNow(), by.Name, "question-returned", new { questionId, number, reason }, ct);
        await audit.RecordAsync(by.AccountId, by.Name, "question-returned", c.Reference, new { questionId, number, reason }, ct, conn, tx);
        await tx.CommitAsync(ct);
        return CaseResult.Moved(to);
    }

    /// <summary>Approves every question and marks the reply ready to send (the case waits as approved for the sender).</summary>
    public async Task<CaseResult> ApproveAsync(string reference, Actor by, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (await LockAsync(conn, tx, reference, ct) is not { } c)
        {
            return CaseResult.Refused(CaseProblem.NoCase(reference));
        }

        const string Pending = """
            select count(*) filter (where status <> all(@approvable)) as pending, count(*) as total
            from question where case_id = @Id and status <> @merged
            """;
        var (pending, total) = await conn.QuerySingleAsync<(long Pending, long Total)>(new CommandDefinition(Pending,
            new { c.Id, approvable = QuestionStatuses.ApprovableText, merged = QuestionStatuses.Merged }, tx, cancellationToken: ct));
        if (pending > 0 || total == 0)
        {
            return CaseResult.Refused(CaseProblem.NotAllowed("Every question needs a submitted answer before the reply can be approved"));
        }

        if (await MoveInAsync(conn, tx, c.Id, CaseCommand.Approve, ct) is not { After: { } to })
        {
            return CaseResult.Refused(CaseProblem.NotAllowed($"Every question needs a submitted answer before the reply can be approved ({c.Reference} is {c.Status})"));
        }

        await conn.ExecuteAsync(new CommandDefinition(
            "update question set status = @approved, returned_reason = null, updated_at = @now where case_id = @Id and status <> @merged",
            new { approved = QuestionStatuses.Approved, merged = QuestionStatuses.Merged, c.Id, now = time.GetUtcNow() }, tx, cancellationToken: ct));
        await AddEventAsync(conn, tx, c.Id, time.GetUtcNow(), by.Name, "approved", new { approver = by.Name, questions = total }, ct);
        await audit.RecordAsync(by.AccountId, by.Name, "reply-approved", c.Reference, new { questions = total }, ct, conn, tx);
        await tx.CommitAsync(ct);
        return CaseResult.Moved(to);
    }

    /// <summary>
    /// THE status change: locks the case, looks <paramref name="command"/> up in <see cref="CaseTransitions"/> and
    /// stores the new status when the table has a row. Returns the status before and after (After null: no row,
    /// status unchanged), or null when there is no such case. Runs in the caller's transaction.
    /// </summary>
    public static async Task<CaseMove?> MoveInAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long caseId, CaseCommand command, CancellationToken ct)
    {
        var text = await conn.ExecuteScalarAsync<string?>(new CommandDefinition("select status from foi_case where id = @caseId for update", new { caseId }, tx, cancellationToken: ct));
        if (text is null)
        {
            return null;
        }

        var before = CaseStatuses.Parse(text);
        var after = CaseTransitions.Next(before, command);
        if (after is { } to && to != before)
        {
            await conn.ExecuteAsync(new CommandDefinition("update foi_case set status = @status where id = @caseId", new { status = to.Text(), caseId }, tx, cancellationToken: ct));
        }

        return new CaseMove(before, after);
    }

    /// <summary>
    /// The outbox has handed a letter on this case to the mail server: it goes on the timeline, and a response
    /// (or refusal, or not-held notice) is compliance (FOIA s10): response_sent is recorded, which starts the
    /// requester's 40-working-day window to ask for an internal review, and the case is responded to.
    /// </summary>
    public static async Task LetterSentInAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long caseId, string letter, string messageId, int attempts, DateTimeOffset now, CancellationToken ct)
    {
        await AddEventAsync(conn, tx, caseId, now, OutboxActor, "letter-sent", new { letter, messageId, attempts }, ct);
        if (letter is not ("response" or "refusal" or "not-held"))
        {
            return;
        }

        await conn.ExecuteAsync(new CommandDefinition("""
            insert into clock_event (case_id, name, occurred_on, recorded_at, recorded_by, note)
            select @caseId, @name, @day, @now, 'outbox', 'recorded when the letter was sent'
            where not exists (select 1 from clock_event where case_id = @caseId and name = @name)
            """, new { caseId, name = ClockEventNames.ResponseSent, day = LondonTime.DateOf(now), now }, tx, cancellationToken: ct));
        await MoveInAsync(conn, tx, caseId, CaseCommand.Send, ct);
    }

    /// <summary>
    /// FOIA s10(6)(b): the clarification we asked for has arrived (intake matched the requester's reply), so its
    /// date becomes the date of receipt and a case on hold opens again.
    /// </summary>
    public static async Task ClarificationArrivedInAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long caseId, DateOnly received, string actor, string note, DateTimeOffset now, CancellationToken ct)
    {
        await conn.ExecuteAsync(new CommandDefinition(
            "insert into clock_event (case_id, name, occurred_on, recorded_at, recorded_by, note) values (@caseId, @name, @received, @now, @actor, @note)",
            new { caseId, name = ClockEventNames.ClarificationReceived, received, now, actor, note }, tx, cancellationToken: ct));
        await MoveInAsync(conn, tx, caseId, CaseCommand.RestartClock, ct);
        await AddEventAsync(conn, tx, caseId, now, actor, "clock-event", new { name = ClockEventNames.ClarificationReceived, date = received.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), note = "clock restarted from the clarification" }, ct);
    }

    /// <summary>
    /// Stores a clock event the engine has already accepted (<paramref name="dates"/> is its result) and moves the
    /// case as the event means. Returns the case's status afterwards.
    /// </summary>
    public static async Task<CaseStatus> ClockEventInAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long caseId, string name, DateOnly date, string note, string actor, DeadlineResult dates, DateTimeOffset now, CancellationToken ct)
    {
        const string Insert = """
            insert into clock_event (case_id, name, occurred_on, recorded_at, recorded_by, note)
            values (@caseId, @name, @date, @now, @actor, @note)
            """;
        await conn.ExecuteAsync(new CommandDefinition(Insert, new { caseId, name, date, now, actor, note }, tx, cancellationToken: ct));
        var command = name switch
        {
            // FOIA s1(3) and s9: the clock stops until the clarification or fee arrives.
            ClockEventNames.ClarificationSent or ClockEventNames.FeesNoticeSent => CaseCommand.StopClock,
            ClockEventNames.ClarificationReceived or ClockEventNames.FeeReceived or ClockEventNames.IdReceived => CaseCommand.RestartClock,
            ClockEventNames.ResponseSent => CaseCommand.Send,
            _ => (CaseCommand?)null,
        };
        var move = await MoveInAsync(conn, tx, caseId, command ?? CaseCommand.RecordClockEvent, ct) ?? throw new InvalidOperationException($"no case {caseId}");
        await AddEventAsync(conn, tx, caseId, now, actor, "clock-event", new { name, date = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), note, dates = dates.Dates }, ct);
        return move.Status;
    }

    /// <summary>Assigns a question of a case (see <see cref="AssignAsync"/>) in the caller's transaction; a problem when it cannot be.</summary>
    public static async Task<CaseProblem?> AssignInAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long caseId, long questionId, long teamId, long? assigneeId, string actor, DateTimeOffset now, CancellationToken ct)
    {
        var question = await conn.QuerySingleOrDefaultAsync<(string Number, string Status)?>(new CommandDefinition(
            "select number, status from question where id = @questionId and case_id = @caseId for update", new { questionId, caseId }, tx, cancellationToken: ct));
        if (question is not { } q || q.Status == QuestionStatuses.Merged)
        {
            return CaseProblem.NoQuestion($"no question {questionId} on this case");
        }

        if (CaseTransitions.Next(QuestionStatuses.Parse(q.Status), CaseCommand.Assign) is not { } to)
        {
            return CaseProblem.NotAllowed("that question cannot be assigned now (it is merged, submitted or approved)");
        }

        var team = await conn.QuerySingleOrDefaultAsync<string>(new CommandDefinition("select name from team where id = @teamId", new { teamId }, tx, cancellationToken: ct));
        if (team is null)
        {
            return CaseProblem.Invalid("teamId", "choose a team that exists");
        }

        const string Member = "select exists (select 1 from team_member where team_id = @teamId and account_id = @assigneeId)";
        if (assigneeId is not null && !await conn.ExecuteScalarAsync<bool>(new CommandDefinition(Member, new { teamId, assigneeId }, tx, cancellationToken: ct)))
        {
            return CaseProblem.Invalid("assigneeId", $"that person is not in {team}");
        }

        const string Sql = """
            update question set team_id = @teamId, assignee_id = @assigneeId, assigned_at = @now, status = @to, returned_reason = null, updated_at = @now
            where id = @questionId
            """;
        await conn.ExecuteAsync(new CommandDefinition(Sql, new { teamId, assigneeId, now, to = to.Text(), questionId }, tx, cancellationToken: ct));
        await AddEventAsync(conn, tx, caseId, now, actor, "question-assigned", new { question = q.Number, team, assigneeId }, ct);
        return null;
    }

    /// <summary>A question's answer was submitted: when it was the last one in, the whole reply waits for an approver.</summary>
    public static async Task AnswerSubmittedInAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long caseId, CancellationToken ct)
    {
        const string Unanswered = "select exists (select 1 from question where case_id = @caseId and status <> all(@done))";
        var done = new[] { QuestionStatuses.Submitted, QuestionStatuses.Approved, QuestionStatuses.Merged };
        if (!await conn.ExecuteScalarAsync<bool>(new CommandDefinition(Unanswered, new { caseId, done }, tx, cancellationToken: ct)))
        {
            await MoveInAsync(conn, tx, caseId, CaseCommand.SubmitAnswer, ct);
        }
    }

    private static async Task<CaseRow?> LockAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string reference, CancellationToken ct)
    {
        var id = await conn.ExecuteScalarAsync<long?>(new CommandDefinition(
            "select id from foi_case where reference = @reference for update", new { reference }, tx, cancellationToken: ct));
        return id is null ? null : await CaseStore.FindAsync(conn, tx, id.Value, ct);
    }

    private static async Task AddEventAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long caseId, DateTimeOffset at, string actor, string kind, object detail, CancellationToken ct)
    {
        const string Sql = "insert into case_event (case_id, at, actor, kind, detail) values (@caseId, @at, @actor, @kind, @detail::jsonb)";
        await conn.ExecuteAsync(new CommandDefinition(Sql, new { caseId, at, actor, kind, detail = JsonSerializer.Serialize(detail) }, tx, cancellationToken: ct));
    }
}
