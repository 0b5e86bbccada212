using Dapper;
using FoiDesk.Audit;
using Npgsql;

namespace FoiDesk.Accounts;

public sealed record Team(long Id, string Name);

public sealed record Membership(long TeamId, long AccountId);

/// <summary>
/// What an administrator changes on accounts: create with a one-time password, disable or enable, roles, and
/// team membership. Every change is audited with the administrator as actor.
/// </summary>
public sealed class AccountAdmin(NpgsqlDataSource db, AccountService accounts, AuditLog audit)
{
    /// <returns>The new account id and its one-time password (shown once; the user must change it at first sign-in).</returns>
    public async Task<(long Id, string Password)> CreateAsync(string email, string displayName, IReadOnlyList<string> roles, long adminId, string admin, CancellationToken ct)
    {
        var password = AccountService.GeneratePassword();
        var id = await accounts.CreateAsync(email.Trim(), displayName.Trim(), password, roles, mustChangePassword: true, ct);
        await audit.RecordAsync(adminId, admin, "account-created", $"account:{id}", new { email, roles }, ct);
        return (id, password);
    }

    /// <summary>Replaces the password with a new one-time one (72 hours), ending the account's sessions; audited, the password not.</summary>
    public async Task<string> IssueOneTimePasswordAsync(long id, long adminId, string admin, CancellationToken ct)
    {
        var password = await accounts.IssueOneTimePasswordAsync(id, ct);
        await audit.RecordAsync(adminId, admin, "one-time-password-issued", $"account:{id}", null, ct);
        return password;
    }

    public async Task SetDisabledAsync(long id, bool disabled, long adminId, string admin, CancellationToken ct)
    {
        if (id == adminId && disabled)
        {
            throw new InvalidOperationException("you cannot disable your own account");
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition($"update account set disabled = @disabled, security_stamp = {AccountSessions.NewStamp} where id = @id", new { id, disabled }, cancellationToken: ct));
        await audit.RecordAsync(adminId, admin, disabled ? "account-disabled" : "account-enabled", $"account:{id}", null, ct, conn);
    }

    public async Task SetRolesAsync(long id, IReadOnlyList<string> roles, long adminId, string admin, CancellationToken ct)
    {
        if (roles.Count == 0 || roles.Any(r => !Roles.IsKnown(r)))
        {
            throw new ArgumentException($"choose at least one of: {string.Join(", ", Roles.All)}", nameof(roles));
        }

        if (id == adminId && !roles.Contains(Roles.Admin, StringComparer.Ordinal))
        {
            throw new InvalidOperationException("you cannot remove your own admin role");
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        // A new stamp ends the sessions the account has open: their cookies carry the old roles (issue 16, H1).
        const string Sql = $"""
            update account set roles = @roles,
                security_stamp = case when roles is distinct from @roles then {AccountSessions.NewStamp} else security_stamp end
            where id = @id
            """;
        await conn.ExecuteAsync(new CommandDefinition(Sql, new { id, roles = roles.Distinct(StringComparer.Ordinal).ToArray() }, cancellationToken: ct));
        await audit.RecordAsync(adminId, admin, "account-roles-changed", $"account:{id}", new { roles }, ct, conn);
    }

    public async Task<IReadOnlyList<Team>> TeamsAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return [.. await conn.QueryAsync<Team>(new CommandDefinition("select id, name from team order by name", cancellationToken: ct))];
    }

    public async Task<IReadOnlyList<Membership>> MembershipsAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return [.. await conn.QueryAsync<Membership>(new CommandDefinition("select team_id as TeamId, account_id as AccountId from team_member", cancellationToken: ct))];
    }

    public async Task<long> CreateTeamAsync(string name, long adminId, string admin, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var id = await conn.ExecuteScalarAsync<long>(new CommandDefinition(
            "insert into team (name) values (@name) on conflict (name) do update set name = excluded.name returning id", new { name = name.Trim() }, cancellationToken: ct));
        await audit.RecordAsync(adminId, admin, "team-created", $"team:{id}", new { name }, ct, conn);
        return id;
    }

    /// <summary>Replaces the account's team memberships with exactly these teams.</summary>
    public async Task SetTeamsAsync(long id, IReadOnlyList<long> teamIds, long adminId, string admin, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("delete from team_member where account_id = @id and team_id <> all(@teamIds)", new { id, teamIds = teamIds.ToArray() }, tx, cancellationToken: ct));
        await conn.ExecuteAsync(new CommandDefinition(
            "insert into team_member (team_id, account_id) select unnest(@teamIds), @id on conflict do nothing", new { id, teamIds = teamIds.ToArray() }, tx, cancellationToken: ct));
        await audit.RecordAsync(adminId, admin, "account-teams-changed", $"account:{id}", new { teams = teamIds }, ct, conn, tx);
        await tx.CommitAsync(ct);
    }
}
