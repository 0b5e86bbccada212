using System.Globalization;
using System.Text.Json;
using Dapper;
using Npgsql;

namespace FoiDesk.Cases;

/// <summary>Reads and writes cases, their questions, clock events and timeline.</summary>
public sealed class CaseStore(NpgsqlDataSource db, TimeProvider time)
{
    private const string CaseColumns = """
        id, reference, classification, classification_confirmed as ClassificationConfirmed,
        proposed_classification as ProposedClassification, proposal_reasons::text as ProposalReasons, regime,
        sar_calendar as SarCalendar, status, outcome, subject, received_at as ReceivedAt,
        received_evidence as ReceivedEvidence, received_flag as ReceivedFlag,
        requester_name as RequesterName, requester_email as RequesterEmail, reply_to_address as ReplyToAddress,
        wdtk_request_id as WdtkRequestId, published_by_platform as PublishedByPlatform, request_text as RequestText,
        preamble, closing, parent_case_id as ParentCaseId, duplicate_of_case_id as DuplicateOfCaseId,
        letter_language as LetterLanguage, created_at as CreatedAt
        """;

    private const string QuestionColumns = """
        id, case_id as CaseId, position, number, text, original_text as OriginalText, parts::text as Parts, status,
        team_id as TeamId, assignee_id as AssigneeId, assigned_at as AssignedAt, answer, answer_kind as AnswerKind,
        exemption::text as Exemption, returned_reason as ReturnedReason, merged_into_id as MergedIntoId
        """;

    public NpgsqlDataSource DataSource => db;

    /// <summary>Opens a case with its questions in the caller's transaction (intake stores the raw mail in the same one).</summary>
    public async Task<(long Id, string Reference)> OpenAsync(NpgsqlConnection conn, NpgsqlTransaction tx, NewCase c, string actor, CancellationToken ct)
    {
        // One round trip: the reference, the case, its questions and the first timeline event. References are
        // FOI-YYYY-NNNNN, gapless per year: the counter row stays locked by the upsert until the caller commits.
        const string Sql = """
            with counter as (
                insert into case_reference_counter (year, last) values (@year, 1)
                on conflict (year) do update set last = case_reference_counter.last + 1
                returning last
            ), opened as (
                insert into foi_case (reference, classification, proposed_classification, proposal_reasons, regime, subject,
                    received_at, received_evidence, received_flag, requester_name, requester_email, reply_to_address, wdtk_request_id, published_by_platform,
                    request_text, preamble, closing, notes, parent_case_id, letter_language, created_at)
                select format('FOI-%s-%s', lpad(@year::text, 4, '0'), lpad(last::text, greatest(5, length(last::text)), '0')),
                    @Classification, @ProposedClassification, @reasons::jsonb, @Regime, @Subject,
                    @ReceivedAt, @ReceivedEvidence, @ReceivedFlag, @RequesterName, @RequesterEmail, @ReplyToAddress, @WdtkRequestId, @PublishedByPlatform,
                    @RequestText, @Preamble, @Closing, @notes::jsonb, @ParentCaseId, @LetterLanguage, @now
                from counter
                returning id, reference
            ), questions as (
                insert into question (case_id, position, number, text, original_text, parts, fingerprint, updated_at)
                select opened.id, q.position, q.number, q.text, q.text, q.parts::jsonb, q.fingerprint, @now
                from opened, unnest(@numbers, @texts, @parts, @fingerprints) with ordinality as q (number, text, parts, fingerprint, position)
            ), event as (
                insert into case_event (case_id, at, actor, kind, detail)
                select id, @now, @actor, 'opened', jsonb_build_object('reference', reference, 'questions', @questionCount, 'proposed', @ProposedClassification::text)
                from opened
            )
            select id as Id, reference as Reference from opened
            """;
        var opened = await conn.QuerySingleAsync<(long Id, string Reference)>(new CommandDefinition(Sql, new
        {
            year = LondonTime.DateOf(c.ReceivedAt).Year,
            c.Classification,
            c.ProposedClassification,
            reasons = JsonSerializer.Serialize(c.ProposalReasons),
            c.Regime,
            c.Subject,
            c.ReceivedAt,
            c.ReceivedEvidence,
            c.ReceivedFlag,
            c.RequesterName,
            c.RequesterEmail,
            c.ReplyToAddress,
            c.WdtkRequestId,
            c.PublishedByPlatform,
            c.RequestText,
            c.Preamble,
            c.Closing,
            notes = JsonSerializer.Serialize(c.Notes),
            c.ParentCaseId,
            c.LetterLanguage,
            now = time.GetUtcNow(),
            numbers = c.Questions.Select(q => q.Number).ToArray(),
            texts = c.Questions.Select(q => q.Text).ToArray(),
            parts = c.Questions.Select(q => JsonSerializer.Serialize(q.Parts)).ToArray(),
            fingerprints = c.Questions.Select(q => q.Fingerprint).ToArray(),
            questionCount = c.Questions.Count,
            actor,
        }, tx, cancellationToken: ct));
        return opened;
    }

    public async Task AddEventAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, long caseId, string actor, string kind, object detail, CancellationToken ct)
    {
        const string Sql = "insert into case_event (case_id, at, actor, kind, detail) values (@caseId, @at, @actor, @kind, @detail::jsonb)";
        await conn.ExecuteAsync(new CommandDefinition(Sql, new { caseId, at = time.GetUtcNow(), actor, kind, detail = JsonSerializer.Serialize(detail) }, tx, cancellationToken: ct));
    }

    public async Task<CaseRow?> FindAsync(string reference, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<CaseRow>(new CommandDefinition($"select {CaseColumns} from foi_case where reference = @reference", new { reference }, cancellationToken: ct));
    }

    public async Task<CaseRow?> FindAsync(long id, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<CaseRow>(new CommandDefinition($"select {CaseColumns} from foi_case where id = @id", new { id }, cancellationToken: ct));
    }

    /// <summary>A case read in the caller's transaction (after locking it, say).</summary>
    public static async Task<CaseRow?> FindAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long id, CancellationToken ct) =>
        await conn.QuerySingleOrDefaultAsync<CaseRow>(new CommandDefinition($"select {CaseColumns} from foi_case where id = @id", new { id }, tx, cancellationToken: ct));

    public async Task<IReadOnlyList<CaseRow>> ListAsync(int limit, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return [.. await conn.QueryAsync<CaseRow>(new CommandDefinition($"select {CaseColumns} from foi_case order by received_at desc, id desc limit @limit", new { limit }, cancellationToken: ct))];
    }

    public async Task<IReadOnlyList<QuestionRow>> QuestionsAsync(long caseId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return [.. await conn.QueryAsync<QuestionRow>(new CommandDefinition($"select {QuestionColumns} from question where case_id = @caseId and status <> 'merged' order by position", new { caseId }, cancellationToken: ct))];
    }

    public async Task<IReadOnlyList<ClockEventRow>> ClockEventsAsync(long caseId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await ClockEventsAsync(conn, null, caseId, ct);
    }

    public static async Task<IReadOnlyList<ClockEventRow>> ClockEventsAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, long caseId, CancellationToken ct)
    {
        const string Sql = $"select {ClockEventRow.Columns} from clock_event where case_id = @caseId order by occurred_on, id";
        return [.. await conn.QueryAsync<ClockEventRow>(new CommandDefinition(Sql, new { caseId }, tx, cancellationToken: ct))];
    }

    /// <summary>The display names of the people on a case's timeline, by the email each change was recorded under.</summary>
    public async Task<IReadOnlyDictionary<string, string>> ActorNamesAsync(long caseId, CancellationToken ct)
    {
        const string Sql = """
            select distinct e.actor as Actor, a.display_name as Name
            from case_event e join account a on a.email = e.actor::citext
            where e.case_id = @caseId
            """;
        await using var conn = await DataSource.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<(string Actor, string Name)>(new CommandDefinition(Sql, new { caseId }, cancellationToken: ct));
        return rows.ToDictionary(r => r.Actor, r => r.Name, StringComparer.Ordinal);
    }

    public async Task<IReadOnlyList<CaseEventRow>> TimelineAsync(long caseId, CancellationToken ct)
    {
        const string Sql = "select id, case_id as CaseId, at, actor, kind, detail::text as Detail from case_event where case_id = @caseId order by at, id";
        await using var conn = await db.OpenConnectionAsync(ct);
        return [.. await conn.QueryAsync<CaseEventRow>(new CommandDefinition(Sql, new { caseId }, cancellationToken: ct))];
    }
}
