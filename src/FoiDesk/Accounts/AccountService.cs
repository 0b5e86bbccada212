using System.Security.Cryptography;
using Dapper;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Npgsql;

namespace FoiDesk.Accounts;

/// <summary>
/// Local accounts with passwords hashed by ASP.NET Core's PasswordHasher (Identity v3: PBKDF2 with
/// HMAC-SHA512, <see cref="DefaultIterations"/> iterations unless configured). Repeated failures lock the
/// account for a while, so a guesser gains little even past the per-address and per-account rate limits.
/// </summary>
public sealed class AccountService(NpgsqlDataSource db, TimeProvider time, int passwordIterations = AccountService.DefaultIterations)
{
    public const int MaxFailedSignIns = 5;
    public static readonly TimeSpan LockoutPeriod = TimeSpan.FromMinutes(15);

    /// <summary>
    /// OWASP's 2023 password storage figure for PBKDF2-HMAC-SHA256 (issue 16, Low), which is over twice its
    /// figure for the HMAC-SHA512 the v3 hasher uses. A hash made with fewer is replaced at the next sign-in.
    /// </summary>
    public const int DefaultIterations = 600_000;

    /// <summary>How long a one-time password works (issue 16, M9).</summary>
    public static readonly TimeSpan OneTimePasswordLifetime = TimeSpan.FromHours(72);

    /// <summary>
    /// Every failed sign-in takes at least this long, whatever the reason, so time does not tell an unknown
    /// address from a disabled, locked or merely mistyped one (issue 16, M7).
    /// </summary>
    public static readonly TimeSpan FailureFloor = TimeSpan.FromMilliseconds(400);

    private readonly PasswordHasher<Account> _hasher = new(Options.Create(new PasswordHasherOptions
    {
        CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3,
        IterationCount = passwordIterations,
    }));

    private PasswordHasher<Account> Hasher => _hasher;

    private const string Columns = """
        id, email, display_name as DisplayName, password_hash as PasswordHash, roles, must_change_password as MustChangePassword,
        disabled, failed_sign_ins as FailedSignIns, locked_until as LockedUntil, created_at as CreatedAt, last_sign_in_at as LastSignInAt,
        one_time_password_expires_at as OneTimePasswordExpiresAt
        """;

    public async Task<long> CreateAsync(string email, string displayName, string password, IReadOnlyList<string> roles, bool mustChangePassword, CancellationToken ct)
    {
        ValidateEmail(email);
        ValidatePassword(password);
        if (roles.Count == 0 || roles.Any(r => !Roles.IsKnown(r)))
        {
            throw new ArgumentException($"roles must be some of: {string.Join(", ", Roles.All)}", nameof(roles));
        }

        const string Sql = """
            insert into account (email, display_name, password_hash, roles, must_change_password, one_time_password_expires_at, created_at)
            values (@email, @displayName, @hash, @roles, @mustChangePassword, case when @mustChangePassword then @expires end, @now)
            on conflict (email) do nothing
            returning id
            """;
        await using var conn = await db.OpenConnectionAsync(ct);
        var id = await conn.ExecuteScalarAsync<long?>(new CommandDefinition(Sql, new
        {
            email,
            displayName,
            hash = Hasher.HashPassword(null!, password),
            roles = roles.Distinct(StringComparer.Ordinal).ToArray(),
            mustChangePassword,
            now = time.GetUtcNow(),
            expires = time.GetUtcNow() + OneTimePasswordLifetime,
        }, cancellationToken: ct));
        return id ?? throw new InvalidOperationException($"an account with email {email} already exists");
    }

    /// <summary>
    /// Creates the first administrator if the database has no accounts. Several instances may start at once
    /// against a new database: a transaction-scoped advisory lock makes exactly one of them do it.
    /// </summary>
    public async Task<bool> TryCreateFirstAdminAsync(string email, string password, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("select pg_advisory_xact_lock(@key)", new { key = FirstAdminLockKey }, tx, cancellationToken: ct));
        if (await conn.ExecuteScalarAsync<bool>(new CommandDefinition("select exists (select 1 from account)", transaction: tx, cancellationToken: ct)))
        {
            return false;
        }

        const string Sql = """
            insert into account (email, display_name, password_hash, roles, must_change_password, one_time_password_expires_at, created_at)
            values (@email, 'Administrator', @hash, array['admin'], true, @expires, @now)
            """;
        var now = time.GetUtcNow();
        await conn.ExecuteAsync(new CommandDefinition(Sql, new { email, hash = Hasher.HashPassword(null!, password), now, expires = now + OneTimePasswordLifetime }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>Names the first-admin lock among advisory locks ("FoiDeskA").</summary>
    private const long FirstAdminLockKey = 0x466F694465736B41;

    public async Task<Account?> FindAsync(long id, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<Account>(new CommandDefinition($"select {Columns} from account where id = @id", new { id }, cancellationToken: ct));
    }

    public async Task<IReadOnlyList<Account>> ListAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return [.. await conn.QueryAsync<Account>(new CommandDefinition($"select {Columns} from account order by email", cancellationToken: ct))];
    }

    /// <summary>
    /// One path for every outcome (issue 16, M7): the password is always verified (against a dummy hash for an
    /// unknown address), failures all take at least <see cref="FailureFloor"/>, and the caller shows one message
    /// for all of them. A lock that has run out starts a fresh count. Only after the right password does the
    /// result say that a one-time password has expired, which tells a guesser nothing.
    /// </summary>
    public async Task<SignInResult> SignInAsync(string email, string password, CancellationToken ct)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var result = await AttemptAsync(email, password, ct);
        if (result.Outcome != SignInOutcome.Success)
        {
            var left = FailureFloor - System.Diagnostics.Stopwatch.GetElapsedTime(started);
            if (left > TimeSpan.Zero)
            {
                // Real time, not the injected clock: this evens out what an observer measures.
                await Task.Delay(left, ct);
            }
        }

        return result;
    }

    private async Task<SignInResult> AttemptAsync(string email, string password, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var account = await conn.QuerySingleOrDefaultAsync<Account>(new CommandDefinition($"select {Columns} from account where email = @email", new { email }, cancellationToken: ct));
        var now = time.GetUtcNow();
        var verdict = Hasher.VerifyHashedPassword(account!, account?.PasswordHash ?? DummyHash, password);
        if (account is null)
        {
            return new SignInResult(SignInOutcome.WrongEmailOrPassword, null);
        }

        if (account.Disabled)
        {
            return new SignInResult(SignInOutcome.Disabled, null);
        }

        if (account.LockedUntil > now)
        {
            return new SignInResult(SignInOutcome.LockedOut, null);
        }

        if (verdict == PasswordVerificationResult.Failed)
        {
            await CountFailureAsync(conn, account, now, ct);
            return new SignInResult(SignInOutcome.WrongEmailOrPassword, null);
        }

        if (account.MustChangePassword && account.OneTimePasswordExpiresAt <= now)
        {
            return new SignInResult(SignInOutcome.OneTimePasswordExpired, null);
        }

        // With two-step verification on, the password alone is half a sign-in: the failure count stays until
        // the code is right too (TwoStepVerification), or a guesser holding the password could clear it
        // between wrong codes for ever. A lock that has run out still starts a fresh count (M7).
        const string Ok = """
            update account
            set failed_sign_ins = case
                    when exists (select 1 from account_two_step t where t.account_id = account.id and t.enabled_at is not null)
                        and locked_until is null then failed_sign_ins
                    else 0 end,
                locked_until = null, last_sign_in_at = @now,
                password_hash = coalesce(@rehash, password_hash)
            where id = @id
            """;
        // A hash made with fewer iterations (or an older format) is replaced now that the password is known.
        var rehash = verdict == PasswordVerificationResult.SuccessRehashNeeded ? Hasher.HashPassword(account, password) : null;
        await conn.ExecuteAsync(new CommandDefinition(Ok, new { account.Id, now, rehash }, cancellationToken: ct));
        return new SignInResult(SignInOutcome.Success, account);
    }

    /// <summary>A new one-time password for an account (issue 16, M9): works for 72 hours, must be changed at sign-in, ends the account's sessions.</summary>
    public async Task<string> IssueOneTimePasswordAsync(long id, CancellationToken ct)
    {
        var password = GeneratePassword();
        const string Sql = $"""
            update account
            set password_hash = @hash, must_change_password = true, one_time_password_expires_at = @expires,
                failed_sign_ins = 0, locked_until = null, security_stamp = {AccountSessions.NewStamp}
            where id = @id
            """;
        await using var conn = await db.OpenConnectionAsync(ct);
        var updated = await conn.ExecuteAsync(new CommandDefinition(Sql, new { id, hash = Hasher.HashPassword(null!, password), expires = time.GetUtcNow() + OneTimePasswordLifetime }, cancellationToken: ct));
        return updated == 1 ? password : throw new InvalidOperationException($"no account {id}");
    }

    /// <summary>Sets a new password and gives the account a new security stamp, which ends its other sessions (issue 16, H1).</summary>
    /// <returns>The new stamp, for re-issuing the caller's own session.</returns>
    public async Task<string> ChangePasswordAsync(long id, string newPassword, CancellationToken ct)
    {
        ValidatePassword(newPassword);
        const string Sql = $"""
            update account set password_hash = @hash, must_change_password = false, one_time_password_expires_at = null, security_stamp = {AccountSessions.NewStamp}
            where id = @id
            returning security_stamp
            """;
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.ExecuteScalarAsync<string>(new CommandDefinition(Sql, new { id, hash = Hasher.HashPassword(null!, newPassword) }, cancellationToken: ct))
            ?? throw new InvalidOperationException($"no account {id}");
    }

    /// <summary>
    /// Whether this is the account's current password: asked before a password change (issue 16, H2). A wrong
    /// one counts towards the lockout like a failed sign-in, so a borrowed session cannot guess at speed.
    /// </summary>
    public async Task<bool> VerifyPasswordAsync(long id, string password, CancellationToken ct)
    {
        var account = await FindAsync(id, ct);
        var now = time.GetUtcNow();
        if (account is null || account.LockedUntil > now)
        {
            return false;
        }

        if (Hasher.VerifyHashedPassword(account, account.PasswordHash, password) != PasswordVerificationResult.Failed)
        {
            return true;
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        await CountFailureAsync(conn, account, now, ct);
        return false;
    }

    /// <summary>A failed second sign-in step (a wrong code) counts towards the same lock as a wrong password.</summary>
    public async Task CountFailedSignInAsync(Account account, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await CountFailureAsync(conn, account, time.GetUtcNow(), ct);
    }

    /// <summary>The whole sign-in succeeded (both steps): the failure count starts again.</summary>
    public async Task ClearFailedSignInsAsync(long id, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("update account set failed_sign_ins = 0, locked_until = null where id = @id", new { id }, cancellationToken: ct));
    }

    private static Task<int> CountFailureAsync(NpgsqlConnection conn, Account account, DateTimeOffset now, CancellationToken ct)
    {
        const string Fail = """
            update account
            set failed_sign_ins = @failures,
                locked_until = case when @failures >= @max then @lockUntil end
            where id = @id
            """;
        // A lock that has run out starts a fresh count (issue 16, M7).
        var lockRanOut = account.LockedUntil is { } until && until <= now;
        var failures = (lockRanOut ? 0 : account.FailedSignIns) + 1;
        return conn.ExecuteAsync(new CommandDefinition(Fail, new { account.Id, failures, max = MaxFailedSignIns, lockUntil = now + LockoutPeriod }, cancellationToken: ct));
    }

    /// <summary>A random password from an unambiguous alphabet, for one-time and demo passwords.</summary>
    public static string GeneratePassword(int length = 20)
    {
        const string Alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        return RandomNumberGenerator.GetString(Alphabet, length);
    }

    private static void ValidateEmail(string email)
    {
        var at = email.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at != email.LastIndexOf('@') || at == email.Length - 1 || email.Any(char.IsWhiteSpace))
        {
            throw new ArgumentException($"not an email address: {email}", nameof(email));
        }
    }

    private static void ValidatePassword(string password)
    {
        // NCSC guidance: length over complexity rules; 12 characters minimum.
        if (password.Length < 12)
        {
            throw new ArgumentException("passwords must be at least 12 characters", nameof(password));
        }
    }

    private string DummyHash => _dummyHash ??= Hasher.HashPassword(null!, "not-a-real-password-just-timing");

    private string? _dummyHash;
}
