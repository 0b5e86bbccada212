using Dapper;
using FoiDesk.Replies.Safety;
using Npgsql;

namespace FoiDesk.Replies;

/// <summary>The files a reply carries: those attached to the case's answers (moved from Cases.Answers so Cases needs nothing from Replies).</summary>
public sealed class ReplyAttachments(NpgsqlDataSource db)
{
    /// <summary>Every file attached to the case's answered questions, for the reply and its safety check.</summary>
    public async Task<IReadOnlyList<AttachmentToCheck>> ForCaseAsync(long caseId, CancellationToken ct)
    {
        const string Sql = """
            select a.file_name, a.bytes from question_attachment a join question q on q.id = a.question_id
            where q.case_id = @caseId and q.status <> 'merged' order by q.position, a.uploaded_at, a.id
            """;
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<(string FileName, byte[] Bytes)>(new CommandDefinition(Sql, new { caseId }, cancellationToken: ct));
        return [.. rows.Select(r => new AttachmentToCheck(r.FileName, r.Bytes))];
    }
}
