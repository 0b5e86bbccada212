using System.Text.Json;
using Dapper;
using FoiDesk.Deadlines;
using FoiDesk.Questions;
using Npgsql;

namespace FoiDesk.Cases;

/// <summary>
/// A question as a commissioner sees it. Deliberately without the requester: the queries below never select
/// requester_name, requester_email or reply_to_address, so a commissioner page cannot show them.
/// </summary>
public sealed record CommissionerQuestion
{
    public required long Id { get; init; }
    public required long CaseId { get; init; }
    public required string Reference { get; init; }
    public required string Number { get; init; }
    public required string Text { get; init; }
    public required string Status { get; init; }
    public long? TeamId { get; init; }
    public string? TeamName { get; init; }
    public long? AssigneeId { get; init; }
    public DateTimeOffset? AssignedAt { get; init; }
    public required string Answer { get; init; }
    public string? AnswerKind { get; init; }
    public string? Exemption { get; init; }
    public string? ReturnedReason { get; init; }
    public required string Classification { get; init; }
    public string? Regime { get; init; }
    public required string SarCalendar { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }
    public required string CaseStatus { get; init; }
}

/// <summary>A question with its internal draft target and the statutory date beside it.</summary>
public sealed record QueuedQuestion(CommissionerQuestion Question, DateOnly? DraftDue, DateOnly? StatutoryDue);

/// <summary>The exemption a commissioner proposes, with their reasons (stored as question.exemption jsonb).</summary>
public sealed record ProposedExemption(string Code, string Title, bool Qualified, string Reasons);

public sealed record AnswerDraft(string Answer, string Kind, ProposedExemption? Exemption);

public sealed record AttachmentInfo
{
    public required long Id { get; init; }
    public required string FileName { get; init; }
    public required string ContentType { get; init; }
    public required int Size { get; init; }
    public required DateTimeOffset UploadedAt { get; init; }
}

public sealed record AttachmentFile(string FileName, string ContentType, byte[] Bytes);

/// <summary>Commissioners' side: their queue, their drafts, attachments and submission for approval.</summary>
public sealed class Answers(NpgsqlDataSource db, CaseStore cases, HolidayStore holidays, TimeProvider time)
{
    /// <summary>20 MB: large enough for a spreadsheet, small enough to hold in the database and the reply.</summary>
    public const int MaxAttachmentBytes = 20 * 1024 * 1024;

    // A question is "mine" when it is assigned to me, or to a team I am in (its queue), and not merged.
    private static readonly string Mine = $"q.id in (select v.id from {QuestionVisibility.VisibleTo("@accountId")} v)";

    private const string Columns = """
        q.id, q.case_id as CaseId, c.reference, q.number, q.text, q.status, q.team_id as TeamId, t.name as TeamName,
        q.assignee_id as AssigneeId, q.assigned_at as AssignedAt, q.answer, q.answer_kind as AnswerKind,
        q.exemption::text as Exemption, q.returned_reason as ReturnedReason, c.classification, c.regime,
        c.sar_calendar as SarCalendar, c.received_at as ReceivedAt, c.status as CaseStatus
        """;

    public async Task<IReadOnlyList<QueuedQuestion>> QueueAsync(long accountId, CancellationToken ct)
    {
        // One statement for the questions with their cases' clock events, one for the holiday additions, in one
        // round trip. The open statuses are pushed into both index-ordered branches of the visibility rule.
        var sql = $"""
            set local plan_cache_mode = force_generic_plan;

            select {Columns},
                coalesce((select jsonb_agg(jsonb_build_object('name', e.name, 'date', e.occurred_on) order by e.occurred_on, e.id)
                          from clock_event e where e.case_id = q.case_id), '[]')::text as Events
            from {QuestionVisibility.VisibleTo("@accountId")} v
            join question q on q.id = v.id join foi_case c on c.id = q.case_id left join team t on t.id = q.team_id
            where v.status in ({QuestionStatuses.SqlList([.. QuestionStatuses.WithCommissioner, QuestionStatus.Submitted])});

            {HolidayStore.AdditionsSql};
            """;
        var rows = new List<(CommissionerQuestion Question, string Events)>();
        HolidayTable table;
        await using (var conn = await db.OpenConnectionAsync(ct))
        await using (var tx = await conn.BeginTransactionAsync(ct))
        {
            // The generic plan, prepared once per connection (Npgsql's automatic preparation). PostgreSQL would
            // otherwise plan this afresh on every call, costing more than running it (1-3 ms against 0.6 ms at
            // 1M cases): for one person's id the custom plan looks far cheaper than the generic plan costed for
            // an average commissioner, though both are the same index-driven nested loops (docs/web-performance.md).
            await using (var command = new NpgsqlCommand(sql, conn, tx) { Parameters = { new("accountId", accountId) } })
            await using (var reader = await command.ExecuteReaderAsync(ct))
            {
                var question = reader.GetRowParser<CommissionerQuestion>();
                var events = reader.GetOrdinal("events");
                while (await reader.ReadAsync(ct))
                {
                    rows.Add((question(reader), reader.GetString(events)));
                }

                await reader.NextResultAsync(ct);
                var addition = reader.GetRowParser<HolidayStore.AdditionRow>();
                var additions = new List<HolidayStore.AdditionRow>();
                while (await reader.ReadAsync(ct))
                {
                    additions.Add(addition(reader));
                }

                table = HolidayStore.TableWith(HolidayStore.Additions(additions));
            }

            await tx.CommitAsync(ct);
        }

        var byCase = new Dictionary<long, DeadlineResult?>();
        var queued = new List<QueuedQuestion>();
        foreach (var (q, events) in rows)
        {
            if (!byCase.TryGetValue(q.CaseId, out var result))
            {
                var clockEvents = JsonSerializer.Deserialize<ClockEvent[]>(events, JsonSerializerOptions.Web) ?? [];
                result = CaseClock.Compute(ClockCase(q), clockEvents, table);
                byCase[q.CaseId] = result;
            }

            queued.Add(Targets(q, result, table));
        }

        return [.. queued.OrderBy(q => q.DraftDue ?? DateOnly.MaxValue).ThenBy(q => q.Question.Reference, StringComparer.Ordinal).ThenBy(q => q.Question.Id)];
    }

    public async Task<QueuedQuestion?> FindAsync(long questionId, long accountId, CancellationToken ct)
    {
        var sql = $"""
            select {Columns}
            from question q join foi_case c on c.id = q.case_id left join team t on t.id = q.team_id
            where q.id = @questionId and {Mine}
            """;
        CommissionerQuestion? q;
        await using (var conn = await db.OpenConnectionAsync(ct))
        {
            q = await conn.QuerySingleOrDefaultAsync<CommissionerQuestion>(new CommandDefinition(sql, new { questionId, accountId }, cancellationToken: ct));
        }

        if (q is null)
        {
            return null;
        }

        var table = await holidays.CurrentAsync(ct);
        return Targets(q, CaseClock.Compute(ClockCase(q), await cases.ClockEventsAsync(q.CaseId, ct), table), table);
    }

    /// <summary>Saves a draft (status 'drafting'); an exemption is kept only when the answer kind is 'exempt'.</summary>
    public async Task SaveAsync(long questionId, long accountId, AnswerDraft draft, string actor, CancellationToken ct) =>
        await ChangeAsync(questionId, accountId, "drafting", draft, "answer-drafted", actor, ct);

    /// <summary>Sends the answer for approval (status 'submitted'); the officers and approvers take it from there.</summary>
    public async Task SubmitAsync(long questionId, long accountId, AnswerDraft draft, string actor, CancellationToken ct)
    {
        if (draft.Kind == "answer" && string.IsNullOrWhiteSpace(draft.Answer))
        {
            throw new QuestionWorkException("Enter the answer, or mark the information as not held");
        }

        if (draft.Kind == "exempt" && (draft.Exemption is null || string.IsNullOrWhiteSpace(draft.Exemption.Reasons)))
        {
            throw new QuestionWorkException("Choose the exemption and give your reasons for it");
        }

        await ChangeAsync(questionId, accountId, "submitted", draft, "answer-submitted", actor, ct);
    }

    public async Task<long> AttachAsync(long questionId, long accountId, string fileName, string contentType, byte[] bytes, string actor, CancellationToken ct)
    {
        if (bytes.Length > MaxAttachmentBytes)
        {
            throw new QuestionWorkException("The file must be smaller than 20 MB");
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var target = await MineAsync(conn, tx, questionId, accountId, ct);
        const string Sql = """
            insert into question_attachment (question_id, file_name, content_type, size, bytes, uploaded_by, uploaded_at)
            values (@questionId, @fileName, @contentType, @size, @bytes, @accountId, @now) returning id
            """;
        var id = await conn.ExecuteScalarAsync<long>(new CommandDefinition(Sql, new
        {
            questionId,
            fileName = Path.GetFileName(fileName),
            contentType,
            size = bytes.Length,
            bytes,
            accountId,
            now = time.GetUtcNow(),
        }, tx, cancellationToken: ct));
        await cases.AddEventAsync(conn, tx, target.CaseId, actor, "answer-attachment", new { question = target.Number, file = Path.GetFileName(fileName), size = bytes.Length }, ct);
        await tx.CommitAsync(ct);
        return id;
    }

    public async Task<IReadOnlyList<AttachmentInfo>> AttachmentsAsync(long questionId, CancellationToken ct)
    {
        const string Sql = """
            select id, file_name as FileName, content_type as ContentType, size, uploaded_at as UploadedAt
            from question_attachment where question_id = @questionId order by uploaded_at, id
            """;
        await using var conn = await db.OpenConnectionAsync(ct);
        return [.. await conn.QueryAsync<AttachmentInfo>(new CommandDefinition(Sql, new { questionId }, cancellationToken: ct))];
    }

    public async Task<AttachmentFile?> AttachmentAsync(long questionId, long attachmentId, CancellationToken ct)
    {
        const string Sql = """
            select file_name as FileName, content_type as ContentType, bytes from question_attachment
            where id = @attachmentId and question_id = @questionId
            """;
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<AttachmentFile>(new CommandDefinition(Sql, new { questionId, attachmentId }, cancellationToken: ct));
    }

    /// <summary>Records that a social value snapshot's Markdown was appended to the draft.</summary>
    public async Task InsertSocialValueAsync(long questionId, long accountId, string markdown, long snapshotId, string actor, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var target = await MineAsync(conn, tx, questionId, accountId, ct);
        const string Sql = """
            update question set answer = case when answer = '' then @markdown else answer || E'\n\n' || @markdown end,
                answer_kind = coalesce(answer_kind, 'answer'), social_value_snapshot_id = @snapshotId,
                status = case when status in ('assigned', 'returned') then 'drafting' else status end, updated_at = @now
            where id = @questionId
            """;
        await conn.ExecuteAsync(new CommandDefinition(Sql, new { markdown, snapshotId, now = time.GetUtcNow(), questionId }, tx, cancellationToken: ct));
        await cases.AddEventAsync(conn, tx, target.CaseId, actor, "social-value-inserted", new { question = target.Number, snapshotId }, ct);
        await tx.CommitAsync(ct);
    }

    private async Task ChangeAsync(long questionId, long accountId, string status, AnswerDraft draft, string kind, string actor, CancellationToken ct)
    {
        if (draft.Kind is not ("answer" or "not-held" or "exempt"))
        {
            throw new QuestionWorkException("Choose whether you are answering, the information is not held, or an exemption applies");
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var target = await MineAsync(conn, tx, questionId, accountId, ct);
        if (!QuestionStatuses.IsWithCommissioner(target.Status))
        {
            throw new QuestionWorkException($"question {target.Number} is {target.Status}; it cannot be changed now");
        }

        const string Sql = """
            update question set answer = @Answer, answer_kind = @Kind, exemption = @exemption::jsonb, status = @status,
                assignee_id = coalesce(assignee_id, @accountId), updated_at = @now
            where id = @questionId
            """;
        var exemption = draft.Kind == "exempt" && draft.Exemption is not null ? JsonSerializer.Serialize(draft.Exemption, JsonSerializerOptions.Web) : null;
        await conn.ExecuteAsync(new CommandDefinition(Sql, new { draft.Answer, draft.Kind, exemption, status, accountId, now = time.GetUtcNow(), questionId }, tx, cancellationToken: ct));
        await cases.AddEventAsync(conn, tx, target.CaseId, actor, kind, new { question = target.Number, answerKind = draft.Kind, exemption = draft.Exemption?.Code }, ct);
        if (status == QuestionStatuses.Submitted)
        {
            // The last answer in: the whole reply now waits for an approver (an approver's return reopens it).
            await CaseWorkflow.AnswerSubmittedInAsync(conn, tx, target.CaseId, ct);
        }

        await tx.CommitAsync(ct);
    }

    private sealed record Target(long CaseId, string Number, string Status);

    private static async Task<Target> MineAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long questionId, long accountId, CancellationToken ct)
    {
        var sql = $"select q.case_id as CaseId, q.number, q.status from question q where q.id = @questionId and {Mine} for update";
        return await conn.QuerySingleOrDefaultAsync<Target>(new CommandDefinition(sql, new { questionId, accountId }, tx, cancellationToken: ct))
            ?? throw new QuestionWorkException("that question is not assigned to you or your teams");
    }

    /// <summary>Just enough of the case to run its clock; requester fields stay empty.</summary>
    private static CaseRow ClockCase(CommissionerQuestion q) => new()
    {
        Id = q.CaseId,
        Reference = q.Reference,
        Classification = q.Classification,
        ClassificationConfirmed = true,
        ProposalReasons = "[]",
        Regime = q.Regime,
        SarCalendar = q.SarCalendar,
        Status = q.CaseStatus,
        Subject = "",
        ReceivedAt = q.ReceivedAt,
        PublishedByPlatform = false,
        RequestText = "",
        Preamble = "",
        Closing = "",
        CreatedAt = q.ReceivedAt,
    };

    /// <summary>Draft due 10 working days after assignment (never after escalation), on the case's own calendar.</summary>
    private static QueuedQuestion Targets(CommissionerQuestion q, DeadlineResult? result, HolidayTable table)
    {
        var statutory = result?.Statutory.CurrentDue?.Date;
        if (statutory is null || q.AssignedAt is null || result is null)
        {
            return new QueuedQuestion(q, null, statutory);
        }

        var target = InternalTargets.For(LondonTime.DateOf(q.AssignedAt.Value), statutory.Value, table.Calendar(result.Calendar));
        return new QueuedQuestion(q, target.DraftDue, statutory);
    }
}
