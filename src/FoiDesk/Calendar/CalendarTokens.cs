using System.Security.Cryptography;
using System.Text;
using Dapper;
using Npgsql;

namespace FoiDesk.Calendar;

/// <summary>
/// The secret in a user's calendar feed URL: 32 random bytes, base64url. Only its SHA-256 is stored, so the
/// feed URL cannot be rebuilt from a database copy; creating a new one replaces (and so revokes) the old,
/// revoking deletes it, and it expires after <see cref="Lifetime"/> (security review, Low).
/// </summary>
public sealed class CalendarTokens(NpgsqlDataSource db, TimeProvider time)
{
    /// <summary>Long enough not to nag (calendar apps cannot be told the URL changed), short enough that a forgotten one dies.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(365);

    public async Task<string> CreateAsync(long accountId, CancellationToken ct)
    {
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        const string Sql = """
            insert into calendar_token (account_id, token_sha256, created_at, expires_at) values (@accountId, @hash, @now, @expires)
            on conflict (account_id) do update set token_sha256 = excluded.token_sha256, created_at = excluded.created_at, expires_at = excluded.expires_at
            """;
        var now = time.GetUtcNow();
        await using var conn = await db.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(Sql, new { accountId, hash = Hash(token), now, expires = now + Lifetime }, cancellationToken: ct));
        return token;
    }

    public async Task<bool> RevokeAsync(long accountId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.ExecuteAsync(new CommandDefinition("delete from calendar_token where account_id = @accountId", new { accountId }, cancellationToken: ct)) > 0;
    }

    public async Task<DateTimeOffset?> CreatedAtAsync(long accountId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.ExecuteScalarAsync<DateTimeOffset?>(new CommandDefinition("select created_at from calendar_token where account_id = @accountId", new { accountId }, cancellationToken: ct));
    }

    /// <summary>The enabled account the unexpired token belongs to, or null.</summary>
    public async Task<long?> AccountForAsync(string token, CancellationToken ct)
    {
        if (token.Length is < 40 or > 64)
        {
            return null;
        }

        const string Sql = """
            select t.account_id from calendar_token t join account a on a.id = t.account_id
            where t.token_sha256 = @hash and not a.disabled and t.expires_at > @now
            """;
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.ExecuteScalarAsync<long?>(new CommandDefinition(Sql, new { hash = Hash(token), now = time.GetUtcNow() }, cancellationToken: ct));
    }

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
