using Dapper;
using Npgsql;

namespace FoiDesk.Cases;

public sealed record TeamRow(long Id, string Name, int Members);

public sealed record TeamMemberRow(long TeamId, long AccountId, string Email, string DisplayName);

/// <summary>Teams own questions; anyone in a team can claim a question from the team's queue.</summary>
public sealed class Teams(NpgsqlDataSource db)
{
    public async Task<IReadOnlyList<TeamRow>> ListAsync(CancellationToken ct)
    {
        const string Sql = """
            select t.id, t.name, (select count(*) from team_member m where m.team_id = t.id)::int as members
            from team t order by t.name
            """;
        await using var conn = await db.OpenConnectionAsync(ct);
        return [.. await conn.QueryAsync<TeamRow>(new CommandDefinition(Sql, cancellationToken: ct))];
    }

    public async Task<IReadOnlyList<TeamMemberRow>> MembersAsync(CancellationToken ct)
    {
        const string Sql = """
            select m.team_id as TeamId, a.id as AccountId, a.email, a.display_name as DisplayName
            from team_member m join account a on a.id = m.account_id order by a.display_name, a.email
            """;
        await using var conn = await db.OpenConnectionAsync(ct);
        return [.. await conn.QueryAsync<TeamMemberRow>(new CommandDefinition(Sql, cancellationToken: ct))];
    }

    public async Task<long> CreateAsync(string name, CancellationToken ct)
    {
        const string Sql = "insert into team (name) values (@name) on conflict (name) do update set name = excluded.name returning id";
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.ExecuteScalarAsync<long>(new CommandDefinition(Sql, new { name = name.Trim() }, cancellationToken: ct));
    }

    /// <summary>Adds the account with that email to the team; false when no such account exists.</summary>
    public async Task<bool> AddMemberAsync(long teamId, string email, CancellationToken ct)
    {
        const string Sql = """
            insert into team_member (team_id, account_id)
            select @teamId, id from account where lower(email) = lower(@email)
            on conflict do nothing
            returning account_id
            """;
        const string Exists = "select exists (select 1 from account where lower(email) = lower(@email))";
        await using var conn = await db.OpenConnectionAsync(ct);
        await conn.ExecuteScalarAsync<long?>(new CommandDefinition(Sql, new { teamId, email = email.Trim() }, cancellationToken: ct));
        return await conn.ExecuteScalarAsync<bool>(new CommandDefinition(Exists, new { email = email.Trim() }, cancellationToken: ct));
    }

    public async Task RemoveMemberAsync(long teamId, long accountId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("delete from team_member where team_id = @teamId and account_id = @accountId", new { teamId, accountId }, cancellationToken: ct));
    }
}
