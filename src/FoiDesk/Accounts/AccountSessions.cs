using Dapper;
using Npgsql;

namespace FoiDesk.Accounts;

/// <summary>A session just started: its id and the account's security stamp at sign-in, both carried in the cookie.</summary>
public sealed record StartedSession(Guid Id, string SecurityStamp, DateTimeOffset SignedInAt);

/// <summary>What the server knows of a session now: whether it was ended, and the account's current stamp and state.</summary>
public sealed record SessionState(bool Ended, bool Disabled, string SecurityStamp);

/// <summary>
/// Server-side sessions, so a session can be ended (issue 16, H1): signing out ends one; a new security stamp
/// (disabled, roles or password changed, "sign out everywhere") ends all of an account's sessions, because
/// every request compares the stamp its cookie was issued with against the account's current one.
/// </summary>
public sealed class AccountSessions(NpgsqlDataSource db, TimeProvider time)
{
    /// <summary>The SQL fragment that gives an account a new stamp; used by every change that must end its sessions.</summary>
    public const string NewStamp = "gen_random_uuid()::text";

    public async Task<StartedSession> StartAsync(long accountId, CancellationToken ct)
    {
        // Sessions past the 8-hour limit are of no further use: each sign-in clears the account's old ones.
        const string Sql = """
            delete from account_session where account_id = @accountId and signed_in_at < @now - interval '8 hours';
            insert into account_session (id, account_id, signed_in_at) values (@id, @accountId, @now);
            select security_stamp from account where id = @accountId;
            """;
        var id = Guid.NewGuid();
        var now = time.GetUtcNow();
        await using var conn = await db.OpenConnectionAsync(ct);
        var stamp = await conn.ExecuteScalarAsync<string>(new CommandDefinition(Sql, new { id, accountId, now }, cancellationToken: ct))
            ?? throw new InvalidOperationException($"no account {accountId}");
        return new StartedSession(id, stamp, now);
    }

    /// <summary>Null when the session or its account does not exist (any more).</summary>
    public async Task<SessionState?> StateAsync(Guid sessionId, CancellationToken ct)
    {
        const string Sql = """
            select s.ended_at is not null as Ended, a.disabled as Disabled, a.security_stamp as SecurityStamp
            from account_session s join account a on a.id = s.account_id
            where s.id = @sessionId
            """;
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<SessionState>(new CommandDefinition(Sql, new { sessionId }, cancellationToken: ct));
    }

    public async Task EndAsync(Guid sessionId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(
            "update account_session set ended_at = @now where id = @sessionId and ended_at is null", new { sessionId, now = time.GetUtcNow() }, cancellationToken: ct));
    }

    /// <summary>"Sign out everywhere": a new stamp ends every session of the account, on every host.</summary>
    public async Task EndAllAsync(long accountId, CancellationToken ct)
    {
        const string Sql = $"""
            update account set security_stamp = {NewStamp} where id = @accountId;
            update account_session set ended_at = @now where account_id = @accountId and ended_at is null;
            """;
        await using var conn = await db.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(Sql, new { accountId, now = time.GetUtcNow() }, cancellationToken: ct));
    }
}
