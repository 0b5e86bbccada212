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
}

/// <summary>
/// Full-text search over cases (reference, subject, requester, request text) and their questions and answers,
/// with PostgreSQL's websearch syntax ("quoted phrases", -excluded, or). Commissioners are scoped to cases with
/// a question assigned to them or to one of their teams.
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
    }

    /// <param name="scopeAccountId">A commissioner's account id to limit results to their cases; null for officers and managers.</param>
    public async Task<IReadOnlyList<SearchHit>> FindAsync(string text, long? scopeAccountId, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        // A commissioner's search reaches the cases of the questions they see in "my questions" (one rule).
        var sql = $$"""
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
            where @scope::bigint is null or c.id in (select v.case_id from {{QuestionVisibility.VisibleTo("@scope")}} v)
            order by c.received_at desc, c.id desc
            limit @Limit
            """;
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
        })];
    }

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
