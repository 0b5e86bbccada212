using System.Text.Json;
using Dapper;
using FoiDesk.Questions;
using Npgsql;

namespace FoiDesk.Cases;

/// <summary>Thrown for a question change that cannot be applied; the message is shown to the user.</summary>
public sealed class QuestionWorkException(string message) : Exception(message);

/// <summary>
/// Officers' changes to a case's questions (merge, split, renumber, edit, assign) and commissioners' claim and
/// hand-back. Edits go through the pure <see cref="QuestionEdits"/>; every row keeps its original_text, and a
/// merged question stays in the table (status 'merged', merged_into_id) so nothing received is lost.
/// </summary>
public sealed class QuestionWork(CaseStore cases, TimeProvider time)
{
    public Task MergeWithNextAsync(CaseRow c, long questionId, string actor, CancellationToken ct) =>
        EditAsync(c, questionId, actor, "questions-merged", (split, i) => QuestionEdits.Merge(split, i), async (conn, tx, rows, i, after) =>
        {
            if (i + 1 >= rows.Count)
            {
                throw new QuestionWorkException("the last question has no next question to merge with");
            }

            await UpdateAsync(conn, tx, rows[i].Id, after.Questions[i], ct);
            await conn.ExecuteAsync(new CommandDefinition(
                "update question set status = 'merged', merged_into_id = @into, updated_at = @now where id = @id",
                new { into = rows[i].Id, id = rows[i + 1].Id, now = time.GetUtcNow() }, tx, cancellationToken: ct));
            return new { question = rows[i].Number, with = rows[i + 1].Number };
        }, ct);

    public Task SplitAsync(CaseRow c, long questionId, int position, string actor, CancellationToken ct) =>
        EditAsync(c, questionId, actor, "question-split", (split, i) => QuestionEdits.SplitAt(split, i, position), async (conn, tx, rows, i, after) =>
        {
            await UpdateAsync(conn, tx, rows[i].Id, after.Questions[i], ct);
            var second = after.Questions[i + 1];
            const string Insert = """
                insert into question (case_id, position, number, text, original_text, parts, fingerprint, updated_at)
                values (@caseId, @position, @Number, @Text, @original, @parts::jsonb, @fingerprint, @now)
                """;
            await conn.ExecuteAsync(new CommandDefinition(Insert, new
            {
                caseId = c.Id,
                position = rows[i].Position,
                second.Number,
                second.Text,
                original = rows[i].OriginalText,
                parts = PartsJson(second),
                fingerprint = QuestionSimilarity.Normalise(second.Text),
                now = time.GetUtcNow(),
            }, tx, cancellationToken: ct));
            return new { question = rows[i].Number, into = new[] { after.Questions[i].Number, second.Number } };
        }, ct);

    public Task RenumberAsync(CaseRow c, string actor, CancellationToken ct) =>
        EditAsync(c, null, actor, "questions-renumbered", (split, _) => QuestionEdits.Renumber(split), async (conn, tx, rows, _, after) =>
        {
            for (var k = 0; k < rows.Count; k++)
            {
                await UpdateAsync(conn, tx, rows[k].Id, after.Questions[k], ct);
            }

            return new { count = rows.Count };
        }, ct);

    public Task EditTextAsync(CaseRow c, long questionId, string text, string actor, CancellationToken ct) =>
        EditAsync(c, questionId, actor, "question-edited", (split, i) => QuestionEdits.EditText(split, i, text), async (conn, tx, rows, i, after) =>
        {
            await UpdateAsync(conn, tx, rows[i].Id, after.Questions[i], ct);
            return new { question = rows[i].Number };
        }, ct);

    /// <summary>
    /// Gives a question to a team, and optionally to one named person in it, without an audit entry (fixtures,
    /// imports); people assign through <see cref="CaseWorkflow.AssignAsync"/>, which shares this step.
    /// </summary>
    public async Task AssignAsync(CaseRow c, long questionId, long teamId, long? assigneeId, string actor, CancellationToken ct)
    {
        await using var conn = await cases.DataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (await CaseWorkflow.AssignInAsync(conn, tx, c.Id, questionId, teamId, assigneeId, actor, time.GetUtcNow(), ct) is { } problem)
        {
            throw new QuestionWorkException(problem.Message);
        }

        await tx.CommitAsync(ct);
    }

    /// <summary>A team member takes a question from the team's queue.</summary>
    public async Task ClaimAsync(long questionId, long accountId, string actor, CancellationToken ct)
    {
        const string Sql = """
            update question q set assignee_id = @accountId, updated_at = @now
            where q.id = @questionId and q.assignee_id is null and q.status in ('assigned', 'returned')
              and exists (select 1 from team_member m where m.team_id = q.team_id and m.account_id = @accountId)
            returning case_id as CaseId, number
            """;
        await using var conn = await cases.DataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var row = await conn.QuerySingleOrDefaultAsync<Touched>(new CommandDefinition(Sql, new { accountId, now = time.GetUtcNow(), questionId }, tx, cancellationToken: ct))
            ?? throw new QuestionWorkException("that question is not in your team's queue any more");
        await cases.AddEventAsync(conn, tx, row.CaseId, actor, "question-claimed", new { question = row.Number }, ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>A commissioner hands a question back to the officers (wrong team, not ours); the reason is required.</summary>
    public async Task HandBackAsync(long questionId, long accountId, string reason, string actor, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new QuestionWorkException("Enter why you are handing the question back");
        }

        const string Sql = """
            update question q set status = @returned, returned_reason = @reason, assignee_id = null, team_id = null, updated_at = @now
            where q.id = @questionId and q.status = any(@from)
              and (q.assignee_id = @accountId or exists (select 1 from team_member m where m.team_id = q.team_id and m.account_id = @accountId))
            returning case_id as CaseId, number
            """;
        await using var conn = await cases.DataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var row = await conn.QuerySingleOrDefaultAsync<Touched>(new CommandDefinition(Sql, new { returned = QuestionStatuses.Returned, from = CaseTransitions.QuestionFrom(CaseCommand.HandBack), reason = reason.Trim(), accountId, now = time.GetUtcNow(), questionId }, tx, cancellationToken: ct))
            ?? throw new QuestionWorkException("that question is not assigned to you or your teams");
        await cases.AddEventAsync(conn, tx, row.CaseId, actor, "question-returned", new { question = row.Number, reason = reason.Trim() }, ct);
        await tx.CommitAsync(ct);
    }

    private sealed record Touched(long CaseId, string Number);

    private delegate Task<object> Persist(NpgsqlConnection conn, NpgsqlTransaction tx, IReadOnlyList<QuestionRow> rows, int index, SplitRequest after);

    private async Task EditAsync(CaseRow c, long? questionId, string actor, string kind, Func<SplitRequest, int, SplitRequest> edit, Persist persist, CancellationToken ct)
    {
        await using var conn = await cases.DataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        const string Sql = """
            select id, case_id as CaseId, position, number, text, original_text as OriginalText, parts::text as Parts, status,
                team_id as TeamId, assignee_id as AssigneeId, assigned_at as AssignedAt, answer, answer_kind as AnswerKind,
                exemption::text as Exemption, returned_reason as ReturnedReason, merged_into_id as MergedIntoId
            from question where case_id = @Id and status <> 'merged' order by position, id for update
            """;
        var rows = (await conn.QueryAsync<QuestionRow>(new CommandDefinition(Sql, new { c.Id }, tx, cancellationToken: ct))).ToList();
        var index = questionId is null ? 0 : rows.FindIndex(r => r.Id == questionId);
        if (index < 0 || rows.Count == 0)
        {
            throw new QuestionWorkException("that question is not on this case");
        }

        if (questionId is not null && rows[index].Status is "submitted" or "approved")
        {
            throw new QuestionWorkException($"question {rows[index].Number} has an answer submitted; return it before changing it");
        }

        SplitRequest after;
        try
        {
            after = edit(ToSplit(c, rows), index);
        }
        catch (ArgumentException e)
        {
            throw new QuestionWorkException(e.Message.Split(" (Parameter")[0]);
        }

        var detail = await persist(conn, tx, rows, index, after);
        await RepositionAsync(conn, tx, c.Id, ct);
        await SplitCorrections.RecordAsync(conn, tx, c, kind, actor, time.GetUtcNow(), ct);
        await cases.AddEventAsync(conn, tx, c.Id, actor, kind, detail, ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>The stored questions as the pure edit model sees them; offsets are not stored, so each source is its original text.</summary>
    private static SplitRequest ToSplit(CaseRow c, IReadOnlyList<QuestionRow> rows) => new()
    {
        Original = c.RequestText,
        Preamble = c.Preamble,
        Closing = c.Closing,
        Notes = [],
        Questions =
        [
            .. rows.Select(r => new Question
            {
                Number = r.Number,
                Text = r.Text,
                Parts = [.. (JsonSerializer.Deserialize<List<string>>(r.Parts) ?? []).Select(p => new QuestionPart { Label = "", Text = p })],
                SourceStart = 0,
                SourceEnd = 0,
                Source = r.OriginalText,
            }),
        ],
    };

    private static string PartsJson(Question q) => JsonSerializer.Serialize(q.Parts.Select(p => p.Text));

    private async Task UpdateAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long id, Question q, CancellationToken ct)
    {
        const string Sql = """
            update question set number = @Number, text = @Text, parts = @parts::jsonb, fingerprint = @fingerprint, updated_at = @now
            where id = @id
            """;
        await conn.ExecuteAsync(new CommandDefinition(Sql, new { id, q.Number, q.Text, parts = PartsJson(q), fingerprint = QuestionSimilarity.Normalise(q.Text), now = time.GetUtcNow() }, tx, cancellationToken: ct));
    }

    /// <summary>Positions 1..n in the current order (a split inserts beside its first half).</summary>
    private static async Task RepositionAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long caseId, CancellationToken ct)
    {
        const string Sql = """
            update question q set position = o.n
            from (select id, row_number() over (order by position, id) as n from question where case_id = @caseId and status <> 'merged') o
            where q.id = o.id
            """;
        await conn.ExecuteAsync(new CommandDefinition(Sql, new { caseId }, tx, cancellationToken: ct));
    }
}
