using System.Security.Cryptography;
using System.Text;
using Dapper;
using Npgsql;

namespace FoiDesk.Accounts;

public sealed record ApiTokenRow
{
    public required long Id { get; init; }
    public required long AccountId { get; init; }
    public required string Name { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? LastUsedAt { get; init; }
    public DateTimeOffset? RevokedAt { get; init; }
}

/// <summary>A new token: <see cref="Secret"/> is shown to its owner once and never stored.</summary>
public sealed record CreatedApiToken(ApiTokenRow Token, string Secret);

/// <summary>
/// Per-account bearer tokens for the API. Tokens are 256 random bits; only their SHA-256 is kept (a
/// slow hash buys nothing against a random secret of that size, and lookups stay one index probe).
/// </summary>
public sealed class ApiTokenStore(NpgsqlDataSource db, TimeProvider time)
{
    /// <summary>Marks a string as a FoiDesk token, so secret scanners and people recognise one that leaked.</summary>
    public const string Prefix = "fdk_";

    private const string Columns = """
        id, account_id as AccountId, name, created_at as CreatedAt, last_used_at as LastUsedAt, revoked_at as RevokedAt
        """;

    public async Task<CreatedApiToken> CreateAsync(long accountId, string name, CancellationToken ct)
    {
        name = name.Trim();
        if (name.Length is 0 or > 100)
        {
            throw new ArgumentException("a token needs a name of 1 to 100 characters", nameof(name));
        }

        var secret = Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        const string Sql = $"""
            insert into api_token (account_id, name, token_hash, created_at)
            values (@accountId, @name, @hash, @now)
            returning {Columns}
            """;
        await using var conn = await db.OpenConnectionAsync(ct);
        var row = await conn.QuerySingleAsync<ApiTokenRow>(new CommandDefinition(Sql, new { accountId, name, hash = Hash(secret), now = time.GetUtcNow() }, cancellationToken: ct));
        return new CreatedApiToken(row, secret);
    }

    public async Task<IReadOnlyList<ApiTokenRow>> ListAsync(long accountId, CancellationToken ct)
    {
        const string Sql = $"select {Columns} from api_token where account_id = @accountId order by created_at desc, id desc";
        await using var conn = await db.OpenConnectionAsync(ct);
        return [.. await conn.QueryAsync<ApiTokenRow>(new CommandDefinition(Sql, new { accountId }, cancellationToken: ct))];
    }

    /// <summary>Revokes one of the account's own tokens; false when it has no such live token.</summary>
    public async Task<bool> RevokeAsync(long accountId, long tokenId, CancellationToken ct)
    {
        const string Sql = "update api_token set revoked_at = @now where id = @tokenId and account_id = @accountId and revoked_at is null";
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.ExecuteAsync(new CommandDefinition(Sql, new { accountId, tokenId, now = time.GetUtcNow() }, cancellationToken: ct)) == 1;
    }

    /// <summary>
    /// The account a presented token acts for, or null when the token is unknown, revoked, or its account is
    /// disabled or still holds a one-time password. Records the use.
    /// </summary>
    public async Task<Account?> AuthenticateAsync(string secret, CancellationToken ct)
    {
        if (!secret.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        const string Sql = """
            update api_token t set last_used_at = @now
            from account a
            where t.token_hash = @hash and t.revoked_at is null and a.id = t.account_id
              and not a.disabled and not a.must_change_password
            returning a.id, a.email, a.display_name as DisplayName, a.password_hash as PasswordHash, a.roles,
                a.must_change_password as MustChangePassword, a.disabled, a.failed_sign_ins as FailedSignIns,
                a.locked_until as LockedUntil, a.created_at as CreatedAt, a.last_sign_in_at as LastSignInAt
            """;
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<Account>(new CommandDefinition(Sql, new { hash = Hash(secret), now = time.GetUtcNow() }, cancellationToken: ct));
    }

    private static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
