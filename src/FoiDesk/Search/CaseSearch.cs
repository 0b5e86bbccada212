using Dapper;
using FoiDesk.Questions;
using Npgsql;

namespace FoiDesk.Search;

/// <summary>A piece of a snippet; Hit marks the words that matched.</summary>
public sealed record SnippetPart(string Text, bool Hit);

public sealed record SearchHit
{
    public required string Reference { get; init; }
    public required string Subject { get; init; }
    public required string Status { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }
    public required IReadOnlyList<SnippetPart> CaseSnippet { get; init; }
    public required IReadOnlyList<SnippetPart> QuestionSnippet { get; init; }

    /// <summary>For a commissioner: the question of theirs that matched, which is what they may open (not the case).</summary>
    public long? QuestionId { get; init; }
}

/// <summary>
/// Full-text search over cases (reference, subject, requester, request text) and their questions and answers,
/// with PostgreSQL's websearch syntax ("quoted phrases", -excluded, or). Commissioners search only the
/// questions they can see (assigned to them or to one of their teams) and case references: never the case's
/// subject, requester or request text, and the requester's name and address are blanked out of what a
/// question says, because a commissioner must never learn who asked (security review M1; FOI is applicant-blind).
/// </summary>
public sealed class CaseSearch(NpgsqlDataSource db)
{
    public const int Limit = 50;

    // Marks chosen so they cannot collide with HTML: the snippet is split on them and each part encoded by the page.
    private const string Start = "\u0002";
    private const string Stop = "\u0003";

    private sealed record Row
    {
        public required string Reference { get; init; }
        public required string Subject { get; init; }
        public required string Status { get; init; }
        public required DateTimeOffset ReceivedAt { get; init; }
        public string? CaseSnippet { get; init; }
        public string? QuestionSnippet { get; init; }
        public long? QuestionId { get; init; }
    }

    /// <summary>
    /// A question's text and answer for a commissioner's snippet, with each word of the case's requester name
    /// (three letters or more) and the requester's email address replaced, whole words and any case. Every
    /// character that is not a letter or digit is escaped, so a name cannot inject regular-expression syntax.
    /// </summary>
    private const string ScrubbedQuestion = """
        case when rx.pattern is null then qq.text || ' ' || qq.answer
             else regexp_replace(qq.text || ' ' || qq.answer, rx.pattern, '[requester]', 'gi') end
        """;

    private const string RequesterPattern = """
        left join lateral (
            select '\m(' || string_agg(regexp_replace(w, '([^[:alnum:]])', '\\\1', 'g'), '|') || ')\M' as pattern
            from unnest(regexp_split_to_array(coalesce(c.requester_name, ''), '\s+') || coalesce(c.requester_email, '')) w
            where length(w) >= 3
        ) rx on true
        """;

    /// <param name="scopeAccountId">A commissioner's account id to limit results to their questions; null for officers and managers.</param>
    public async Task<IReadOnlyList<SearchHit>> FindAsync(string text, long? scopeAccountId, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var sql = scopeAccountId is null ? AllCases : CommissionerQuestions;
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<Row>(new CommandDefinition(sql, new
        {
            text = text.Trim(),
            scope = scopeAccountId,
            options = $"StartSel={Start}, StopSel={Stop}, MaxWords=25, MinWords=8, MaxFragments=2",
            Limit,
        }, cancellationToken: ct));
        return [.. rows.Select(r => new SearchHit
        {
            Reference = r.Reference,
            Subject = r.Subject,
            Status = r.Status,
            ReceivedAt = r.ReceivedAt,
            CaseSnippet = Parts(r.CaseSnippet),
            QuestionSnippet = Parts(r.QuestionSnippet),
            QuestionId = r.QuestionId,
        })];
    }

    // Officers and managers: everything, the requester included.
    private const string AllCases = """
            with q as (select websearch_to_tsquery('english', @text) as query),
            hits as (
                select c.id from foi_case c, q where c.search @@ q.query or c.reference = upper(@text)
                union
                select qu.case_id from question qu, q where qu.search @@ q.query and qu.status <> 'merged'
            )
            select c.reference, c.subject, c.status, c.received_at as ReceivedAt,
                case when c.search @@ q.query then ts_headline('english',
                    coalesce(c.requester_name, '') || ' – ' || c.subject || ' – ' || c.request_text, q.query, @options) end as CaseSnippet,
                (select ts_headline('english', 'Q' || qq.number || ' ' || qq.text || ' ' || qq.answer, q.query, @options)
                 from question qq where qq.case_id = c.id and qq.search @@ q.query and qq.status <> 'merged'
                 order by qq.position limit 1) as QuestionSnippet
            from foi_case c join hits h on h.id = c.id cross join q
            order by c.received_at desc, c.id desc
            limit @Limit
            """;

    // Commissioners: the questions they see in "my questions" (one rule, QuestionVisibility), matched on their
    // own text and answer or on the case reference. No subject (an email subject can name the sender), no case
    // snippet, and the requester scrubbed from the question snippet.
    private static readonly string CommissionerQuestions = $$"""
            with q as (select websearch_to_tsquery('english', @text) as query),
            hits as (
                select distinct on (v.case_id) v.case_id, v.id as question_id
                from {{QuestionVisibility.VisibleTo("@scope")}} v
                join question qu on qu.id = v.id
                join foi_case rc on rc.id = v.case_id
                cross join q
                where qu.search @@ q.query or rc.reference = upper(@text)
                order by v.case_id, qu.position
            )
            select c.reference, '' as subject, c.status, c.received_at as ReceivedAt, null as CaseSnippet,
                h.question_id as QuestionId,
                case when qq.search @@ q.query then ts_headline('english', 'Q' || qq.number || ' ' || {{ScrubbedQuestion}}, q.query, @options) end as QuestionSnippet
            from hits h
            join foi_case c on c.id = h.case_id
            join question qq on qq.id = h.question_id
            cross join q
            {{RequesterPattern}}
            order by c.received_at desc, c.id desc
            limit @Limit
            """;

    public static IReadOnlyList<SnippetPart> Parts(string? snippet)
    {
        if (string.IsNullOrEmpty(snippet))
        {
            return [];
        }

        var parts = new List<SnippetPart>();
        foreach (var (piece, i) in snippet.Split(Start).Select((p, i) => (p, i)))
        {
            var stop = piece.IndexOf(Stop, StringComparison.Ordinal);
            if (i == 0 || stop < 0)
            {
                parts.Add(new SnippetPart(piece.Replace(Stop, "", StringComparison.Ordinal), false));
                continue;
            }

            parts.Add(new SnippetPart(piece[..stop], true));
            parts.Add(new SnippetPart(piece[(stop + 1)..], false));
        }

        return [.. parts.Where(p => p.Text.Length > 0)];
    }
}
