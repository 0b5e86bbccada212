using System.Text.Encodings.Web;
using System.Text.Json;
using Dapper;
using Npgsql;

namespace FoiDesk.SocialValue.Answers;

/// <summary>
/// Answers the standard social value questions from the stored monitoring data, and keeps a snapshot of a
/// draft a commissioner inserted into an answer (so the case can show which data produced its figures).
/// </summary>
public sealed class SocialValueAnswers(NpgsqlDataSource dataSource, TimeProvider clock)
{
    // Relaxed escaping: the JSON goes to a terminal, a jsonb column or a script, never into HTML unencoded,
    // and "children's" reads better than "children\u0027s" in a stored draft.
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonSerializerOptions IndentedJson = new(Json) { WriteIndented = true };

    /// <param name="question">One of <see cref="SocialValueQuestions.All"/>.</param>
    /// <param name="group">A foi_service_group value, or "all" (the four groups together).</param>
    /// <param name="from">Returns whose period starts on or after this date.</param>
    /// <param name="to">Returns whose period ends on or before this date.</param>
    /// <param name="asAt">Defaults to today.</param>
    public async Task<SocialValueAnswer> BuildAsync(string question, string group, DateOnly? from, DateOnly? to, DateOnly? asAt, CancellationToken ct)
    {
        Check([question], group);
        var data = await AnswerData.LoadAsync(dataSource, group, asAt ?? Today(), from, to, ct);
        return AnswerBuilders.Build(question, data);
    }

    /// <summary>Every question for every group given, loading each group's data once (the whole request in one go).</summary>
    public async Task<IReadOnlyList<SocialValueAnswer>> BuildManyAsync(IReadOnlyList<string> questions, IReadOnlyList<string> groups, DateOnly? from, DateOnly? to, DateOnly? asAt, CancellationToken ct)
    {
        var answers = new List<SocialValueAnswer>();
        foreach (var group in groups)
        {
            Check(questions, group);
            var data = await AnswerData.LoadAsync(dataSource, group, asAt ?? Today(), from, to, ct);
            answers.AddRange(questions.Select(q => AnswerBuilders.Build(q, data)));
        }

        return answers;
    }

    /// <summary>Stores the draft as inserted; returns the snapshot id for the answer/case layer to reference.</summary>
    public async Task<long> SaveSnapshotAsync(SocialValueAnswer answer, string createdBy, string? caseReference, long? questionId, CancellationToken ct)
    {
        const string Sql = """
            insert into sv_answer_snapshot (question_type, service_group, period_from, period_to, as_at, data, markdown, import_ids,
                                            case_reference, question_id, created_at, created_by)
            values (@Question, @Group, @From, @To, @AsAt, @data::jsonb, @Markdown, @importIds, @caseReference, @questionId, @createdAt, @createdBy)
            returning id
            """;
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return await conn.ExecuteScalarAsync<long>(new CommandDefinition(Sql, new
        {
            answer.Question,
            answer.Group,
            answer.Sources.From,
            answer.Sources.To,
            answer.Sources.AsAt,
            data = ToJson(answer),
            answer.Markdown,
            importIds = answer.Sources.ImportIds.ToArray(),
            caseReference,
            questionId,
            createdAt = clock.GetUtcNow(),
            createdBy,
        }, cancellationToken: ct));
    }

    public async Task<AnswerSnapshot?> GetSnapshotAsync(long id, CancellationToken ct)
    {
        const string Sql = """
            select id, question_type as QuestionType, service_group as ServiceGroup, period_from as PeriodFrom, period_to as PeriodTo,
                   as_at as AsAt, data::text as DataJson, markdown, import_ids as ImportIds, case_reference as CaseReference,
                   question_id as QuestionId, created_at as CreatedAt, created_by as CreatedBy
            from sv_answer_snapshot where id = @id
            """;
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<AnswerSnapshot>(new CommandDefinition(Sql, new { id }, cancellationToken: ct));
    }

    /// <summary>{ markdown, data, sources, flags }: what the CLI prints and a snapshot keeps. Data is serialised as its runtime type.</summary>
    public static string ToJson(SocialValueAnswer answer, bool indented = false) =>
        JsonSerializer.Serialize(new { markdown = answer.Markdown, data = answer.Data, sources = answer.Sources, flags = answer.Flags },
            indented ? IndentedJson : Json);

    private DateOnly Today() => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    private static void Check(IEnumerable<string> questions, string group)
    {
        var unknown = questions.FirstOrDefault(q => !SocialValueQuestions.All.Contains(q, StringComparer.Ordinal));
        if (unknown is not null)
        {
            throw new ArgumentException($"unknown question '{unknown}'; questions are {string.Join(", ", SocialValueQuestions.All)}", nameof(questions));
        }

        if (!SocialValueVocabulary.IsGroup(group))
        {
            throw new ArgumentException($"unknown group '{group}'; groups are {string.Join(", ", SocialValueVocabulary.ServiceGroups)} or all", nameof(group));
        }
    }
}

/// <summary>A stored draft: DataJson holds { data, sources, flags } as the builder produced them.</summary>
public sealed record AnswerSnapshot
{
    public required long Id { get; init; }
    public required string QuestionType { get; init; }
    public required string ServiceGroup { get; init; }
    public DateOnly? PeriodFrom { get; init; }
    public DateOnly? PeriodTo { get; init; }
    public required DateOnly AsAt { get; init; }
    public required string DataJson { get; init; }
    public required string Markdown { get; init; }
    public required long[] ImportIds { get; init; }
    public string? CaseReference { get; init; }
    public long? QuestionId { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required string CreatedBy { get; init; }
}
