using System.Security.Cryptography;
using Dapper;
using FoiDesk.Accounts;
using FoiDesk.Audit;
using Npgsql;
using OtpNet;

namespace FoiDesk.TwoStep;

/// <summary>
/// Two-step verification for local accounts (issue 16) with a TOTP app (RFC 6238: HMAC-SHA1, 6 digits, 30-second
/// steps, one step of drift either way for clocks and typing) and ten one-time recovery codes. The secret is
/// 160 bits (RFC 4226 4's recommended length) and stored only as Data Protection output. Switching it on, off
/// or resetting it gives the account a new security stamp, which ends its other sessions. Everything is audited.
/// </summary>
public sealed class TwoStepVerification(NpgsqlDataSource db, TotpSecretProtection protection, AccountService accounts, AuditLog audit, TimeProvider time)
{
    /// <summary>The issuer shown beside the account in authenticator apps.</summary>
    public const string Issuer = "FoiDesk";

    public const int SecretBytes = 20;

    private static readonly VerificationWindow Drift = new(previous: 1, future: 1);

    public async Task<TwoStepStatus> StatusAsync(long accountId, CancellationToken ct)
    {
        const string Sql = """
            select
                exists (select 1 from account_two_step where account_id = @accountId and enabled_at is not null) as Enabled,
                exists (select 1 from account_two_step where account_id = @accountId and enabled_at is null) as Pending,
                (select count(*)::int from account_recovery_code where account_id = @accountId and used_at is null) as RecoveryCodesLeft
            """;
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.QuerySingleAsync<TwoStepStatus>(new CommandDefinition(Sql, new { accountId }, cancellationToken: ct));
    }

    /// <summary>A new secret for an account not yet enrolled, replacing any earlier unconfirmed one.</summary>
    public async Task<TotpEnrolment> StartEnrolmentAsync(long accountId, string email, CancellationToken ct)
    {
        var secret = RandomNumberGenerator.GetBytes(SecretBytes);
        const string Sql = """
            insert into account_two_step (account_id, protected_secret, created_at) values (@accountId, @protectedSecret, @now)
            on conflict (account_id) do update set protected_secret = excluded.protected_secret, created_at = excluded.created_at, last_used_step = null
                where account_two_step.enabled_at is null
            """;
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.ExecuteAsync(new CommandDefinition(Sql, new { accountId, protectedSecret = protection.Protect(secret), now = time.GetUtcNow() }, cancellationToken: ct));
        return rows == 1 ? Enrolment(secret, email) : throw new InvalidOperationException("two-step verification is already on; turn it off first");
    }

    /// <summary>The enrolment waiting for its first code, to show again; null when there is none.</summary>
    public async Task<TotpEnrolment?> PendingEnrolmentAsync(long accountId, string email, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var protectedSecret = await conn.ExecuteScalarAsync<byte[]?>(new CommandDefinition(
            "select protected_secret from account_two_step where account_id = @accountId and enabled_at is null", new { accountId }, cancellationToken: ct));
        return protectedSecret is null ? null : Enrolment(protection.Unprotect(protectedSecret), email);
    }

    /// <summary>
    /// Switches two-step verification on once the person's app gives a current code for the new secret.
    /// Returns the recovery codes (shown once, stored hashed) and the account's new security stamp; null for a wrong code.
    /// </summary>
    public async Task<(IReadOnlyList<string> RecoveryCodes, string SecurityStamp)?> ConfirmEnrolmentAsync(long accountId, string actor, string code, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (!await TryTotpAsync(conn, tx, accountId, enabled: false, code, ct))
        {
            await tx.RollbackAsync(ct);
            await audit.RecordAsync(accountId, actor, "two-step-enrol-failed", $"account:{accountId}", null, ct);
            return null;
        }

        var codes = RecoveryCodes.Generate();
        const string Sql = $"""
            update account_two_step set enabled_at = @now where account_id = @accountId;
            delete from account_recovery_code where account_id = @accountId;
            insert into account_recovery_code (account_id, code_hash) select @accountId, unnest(@hashes);
            update account set security_stamp = {AccountSessions.NewStamp} where id = @accountId returning security_stamp;
            """;
        var stamp = await conn.ExecuteScalarAsync<string>(new CommandDefinition(Sql, new
        {
            accountId,
            now = time.GetUtcNow(),
            hashes = codes.Select(RecoveryCodes.Hash).ToArray(),
        }, tx, cancellationToken: ct)) ?? throw new InvalidOperationException($"no account {accountId}");
        await audit.RecordAsync(accountId, actor, "two-step-enabled", $"account:{accountId}", null, ct, conn, tx);
        await tx.CommitAsync(ct);
        return (codes, stamp);
    }

    /// <summary>
    /// The second sign-in step: a current code (not one already used) or an unused recovery code, which is
    /// then used up. A wrong one counts towards the account's lock like a wrong password, and a locked or
    /// disabled account is refused whatever is typed.
    /// </summary>
    public async Task<SecondStepOutcome> VerifySignInAsync(long accountId, string code, CancellationToken ct)
    {
        var account = await accounts.FindAsync(accountId, ct);
        if (account is null || account.Disabled || account.LockedUntil > time.GetUtcNow())
        {
            await audit.RecordAsync(accountId, account?.Email ?? "", "sign-in-failed", $"account:{accountId}", new { outcome = "SecondStepRefused" }, ct);
            return SecondStepOutcome.Refused;
        }

        var outcome = await CheckAsync(accountId, code, ct);
        if (outcome == SecondStepOutcome.Refused)
        {
            await accounts.CountFailedSignInAsync(account, ct);
            await audit.RecordAsync(accountId, account.Email, "sign-in-failed", $"account:{accountId}", new { outcome = "WrongSecondStepCode" }, ct);
            return outcome;
        }

        await accounts.ClearFailedSignInsAsync(accountId, ct);
        if (outcome == SecondStepOutcome.RecoveryCode)
        {
            await audit.RecordAsync(accountId, account.Email, "recovery-code-used", $"account:{accountId}", null, ct);
        }

        return outcome;
    }

    /// <summary>Turns two-step verification off, on a current code or a recovery code. Returns the new security stamp; null for a wrong code.</summary>
    public async Task<string?> DisableAsync(long accountId, string actor, string code, CancellationToken ct)
    {
        if (await CheckAsync(accountId, code, ct) == SecondStepOutcome.Refused)
        {
            await audit.RecordAsync(accountId, actor, "two-step-disable-failed", $"account:{accountId}", null, ct);
            return null;
        }

        return await RemoveAsync(accountId, accountId, actor, "two-step-disabled", ct);
    }

    /// <summary>
    /// An administrator turns someone's two-step verification off (a lost phone and lost codes). Their sessions
    /// end; at the next sign-in they enrol again if it is required.
    /// </summary>
    public async Task ResetAsync(long accountId, long adminId, string admin, CancellationToken ct) =>
        await RemoveAsync(accountId, adminId, admin, "two-step-reset", ct);

    private async Task<string> RemoveAsync(long accountId, long actorId, string actor, string action, CancellationToken ct)
    {
        const string Sql = $"""
            delete from account_two_step where account_id = @accountId;
            delete from account_recovery_code where account_id = @accountId;
            update account set security_stamp = {AccountSessions.NewStamp} where id = @accountId returning security_stamp;
            """;
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var stamp = await conn.ExecuteScalarAsync<string>(new CommandDefinition(Sql, new { accountId }, tx, cancellationToken: ct))
            ?? throw new InvalidOperationException($"no account {accountId}");
        await audit.RecordAsync(actorId, actor, action, $"account:{accountId}", null, ct, conn, tx);
        await tx.CommitAsync(ct);
        return stamp;
    }

    /// <summary>A code from the app (six digits) or else a recovery code, checked against the account's switched-on enrolment.</summary>
    private async Task<SecondStepOutcome> CheckAsync(long accountId, string code, CancellationToken ct)
    {
        var typed = code.Replace(" ", "", StringComparison.Ordinal).Trim();
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        SecondStepOutcome outcome;
        if (typed.Length == 6 && typed.All(char.IsAsciiDigit))
        {
            outcome = await TryTotpAsync(conn, tx, accountId, enabled: true, typed, ct) ? SecondStepOutcome.Code : SecondStepOutcome.Refused;
        }
        else
        {
            const string UseRecoveryCode = """
                update account_recovery_code set used_at = @now
                where account_id = @accountId and code_hash = @hash and used_at is null
                  and exists (select 1 from account_two_step where account_id = @accountId and enabled_at is not null)
                """;
            var used = await conn.ExecuteAsync(new CommandDefinition(UseRecoveryCode, new { accountId, hash = RecoveryCodes.Hash(typed), now = time.GetUtcNow() }, tx, cancellationToken: ct));
            outcome = used == 1 ? SecondStepOutcome.RecoveryCode : SecondStepOutcome.Refused;
        }

        await tx.CommitAsync(ct);
        return outcome;
    }

    /// <summary>
    /// Checks a 6-digit code against the stored secret and, when it matches a time step later than the last
    /// one accepted, records that step (the row is locked meanwhile, so two requests cannot both use a code).
    /// </summary>
    private async Task<bool> TryTotpAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long accountId, bool enabled, string code, CancellationToken ct)
    {
        var row = await conn.QuerySingleOrDefaultAsync<(byte[] ProtectedSecret, long? LastUsedStep)>(new CommandDefinition(
            "select protected_secret, last_used_step from account_two_step where account_id = @accountId and (enabled_at is not null) = @enabled for update",
            new { accountId, enabled }, tx, cancellationToken: ct));
        if (row.ProtectedSecret is null || code.Length != 6 || !code.All(char.IsAsciiDigit))
        {
            return false;
        }

        var totp = new Totp(protection.Unprotect(row.ProtectedSecret));
        if (!totp.VerifyTotp(time.GetUtcNow().UtcDateTime, code, out var step, Drift) || step <= row.LastUsedStep)
        {
            return false;
        }

        await conn.ExecuteAsync(new CommandDefinition("update account_two_step set last_used_step = @step where account_id = @accountId", new { accountId, step }, tx, cancellationToken: ct));
        return true;
    }

    private static TotpEnrolment Enrolment(byte[] secret, string email)
    {
        var key = Base32Encoding.ToString(secret);
        // https://github.com/google/google-authenticator/wiki/Key-Uri-Format: label "issuer:account", issuer repeated as a parameter.
        var label = Uri.EscapeDataString($"{Issuer}:{email}");
        return new TotpEnrolment(key, $"otpauth://totp/{label}?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&algorithm=SHA1&digits=6&period=30");
    }
}
