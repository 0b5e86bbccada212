using Dapper;
using Npgsql;

namespace FoiDesk.Audit;

public sealed record AuditEntry
{
    public required long Id { get; init; }
    public required DateTimeOffset At { get; init; }
    public required string Actor { get; init; }
    public required string Action { get; init; }
    public string? Subject { get; init; }
    public required string Detail { get; init; }
}

/// <summary>Reads the audit log for administrators: newest first, paged, filtered by subject and actor. There is no write path here.</summary>
public sealed class AuditReader(NpgsqlDataSource db)
{
    public const int PageSize = 50;

    /// <returns>One page of entries, and whether an older page exists.</returns>
    public async Task<(IReadOnlyList<AuditEntry> Entries, bool More)> PageAsync(string? subject, string? actor, int page, CancellationToken ct)
    {
        const string Sql = """
            select id, at, actor, action, subject, detail::text as Detail from audit_event
            where (@subject::text is null or subject = @subject) and (@actor::text is null or actor = @actor)
            order by at desc, id desc
            limit @take offset @skip
            """;
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = (await conn.QueryAsync<AuditEntry>(new CommandDefinition(Sql, new
        {
            subject = string.IsNullOrWhiteSpace(subject) ? null : subject.Trim(),
            actor = string.IsNullOrWhiteSpace(actor) ? null : actor.Trim(),
            take = PageSize + 1,
            skip = (Math.Max(page, 1) - 1) * PageSize,
        }, cancellationToken: ct))).ToList();
        return (rows.Take(PageSize).ToList(), rows.Count > PageSize);
    }
}
