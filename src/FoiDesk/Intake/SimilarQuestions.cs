using Dapper;
using Npgsql;

namespace FoiDesk.Intake;

/// <summary>An earlier question like one of this case's, with its case and answer (if it has one yet).</summary>
public sealed record SimilarQuestion
{
    public required long QuestionId { get; init; }
    public required string Number { get; init; }
    public required string Text { get; init; }
    public required long EarlierQuestionId { get; init; }
    public required string EarlierReference { get; init; }
    public required string EarlierNumber { get; init; }
    public required string EarlierText { get; init; }
    public required string EarlierAnswer { get; init; }
    public string? EarlierAnswerKind { get; init; }
    public required string EarlierCaseStatus { get; init; }
    public required float Similarity { get; init; }
}

/// <summary>Another case whose whole request text is nearly the same: a round-robin sent to many authorities, or a campaign.</summary>
public sealed record RoundRobinMatch
{
    public required string Reference { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }
    public string? RequesterName { get; init; }
    public required string Status { get; init; }
    public required float Similarity { get; init; }
}

public sealed record SimilarityReport(IReadOnlyList<SimilarQuestion> Questions, IReadOnlyList<RoundRobinMatch> RoundRobin);

/// <summary>
/// Earlier questions like this case's (officers reuse or stay consistent with earlier answers, and the ICO
/// expects consistency), found with pg_trgm on question.fingerprint (the normalised text, gin_trgm_ops index);
/// and near-identical whole requests in other cases (round-robin requests).
/// </summary>
public sealed class SimilarQuestions(NpgsqlDataSource db)
{
    /// <summary>pg_trgm similarity above which two questions are "the same question" in other words.</summary>
    public const double QuestionThreshold = 0.5;

    /// <summary>Round-robin texts differ only in the authority's name and the greeting.</summary>
    public const double RequestThreshold = 0.8;

    public const int PerQuestion = 5;

    public async Task<SimilarityReport> FindAsync(long caseId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        // '%' uses the index with this threshold; similarity() ranks.
        await conn.ExecuteAsync(new CommandDefinition(
            $"select set_config('pg_trgm.similarity_threshold', '{QuestionThreshold.ToString(System.Globalization.CultureInfo.InvariantCulture)}', true)", transaction: tx, cancellationToken: ct));
        const string QuestionSql = """
            select q.id as QuestionId, q.number, q.text,
                   e.id as EarlierQuestionId, ec.reference as EarlierReference, e.number as EarlierNumber, e.text as EarlierText,
                   e.answer as EarlierAnswer, e.answer_kind as EarlierAnswerKind, ec.status as EarlierCaseStatus,
                   e.similarity
            from question q
            join foi_case c on c.id = q.case_id
            cross join lateral (
                select e.*, similarity(e.fingerprint, q.fingerprint) as similarity
                from question e
                where e.fingerprint % q.fingerprint and e.case_id <> q.case_id and q.fingerprint <> ''
                order by similarity(e.fingerprint, q.fingerprint) desc, e.id
                limit @perQuestion
            ) e
            join foi_case ec on ec.id = e.case_id
            where q.case_id = @caseId and ec.received_at <= c.received_at
            order by q.position, e.similarity desc, e.id
            """;
        var questions = (await conn.QueryAsync<SimilarQuestion>(new CommandDefinition(QuestionSql, new { caseId, perQuestion = PerQuestion }, tx, cancellationToken: ct))).ToList();

        const string RequestSql = """
            select o.reference, o.received_at as ReceivedAt, o.requester_name as RequesterName, o.status, similarity(lower(o.request_text), lower(c.request_text)) as similarity
            from foi_case c join foi_case o on o.id <> c.id
            where c.id = @caseId and c.request_text <> ''
              and similarity(lower(o.request_text), lower(c.request_text)) >= @threshold
            order by similarity desc, o.received_at, o.id
            limit 50
            """;
        var roundRobin = (await conn.QueryAsync<RoundRobinMatch>(new CommandDefinition(RequestSql, new { caseId, threshold = RequestThreshold }, tx, cancellationToken: ct))).ToList();
        await tx.CommitAsync(ct);
        return new SimilarityReport(questions, roundRobin);
    }
}
