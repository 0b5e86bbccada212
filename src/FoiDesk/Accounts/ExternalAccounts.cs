using Dapper;
using FoiDesk.Audit;
using Npgsql;

namespace FoiDesk.Accounts;

/// <summary>
/// Accounts of people who sign in through the council's OpenID Connect provider (issue 16, single sign-on).
/// The provider decides who they are and which roles they hold: the account is found by issuer and subject
/// (made on first sign-in, or linked to an existing account with the same email), and its roles, name and
/// (when a team claim is configured) teams are set from the claims at EVERY sign-in, so a role taken away at
/// the provider is gone here at the next sign-in. A change of roles gives the account a new security stamp,
/// which ends the sessions it has open (issue 16, H1). FoiDesk's own decision to disable an account
/// outranks the provider. Every sign-in and every refusal is audited, in the same transaction as the change.
/// </summary>
public sealed class ExternalAccounts(NpgsqlDataSource db, AccountService accounts, AuditLog audit, TimeProvider time)
{
    /// <param name="breakGlassEmails">Local break-glass accounts: never linked to a provider identity.</param>
    public async Task<ExternalSignInResult> SignInAsync(ExternalIdentity identity, IReadOnlyCollection<string> breakGlassEmails, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var email = identity.Email.Trim();
        var roles = identity.Roles.Where(Roles.IsKnown).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var accountId = await conn.ExecuteScalarAsync<long?>(new CommandDefinition(
            "select account_id from account_external_login where issuer = @Issuer and subject = @Subject for update", identity, tx, cancellationToken: ct));
        var created = false;
        if (accountId is null)
        {
            if (!IsEmail(email))
            {
                return await RefuseAsync(conn, tx, null, identity, ExternalSignInOutcome.NoEmail, ct);
            }

            if (breakGlassEmails.Contains(email, StringComparer.OrdinalIgnoreCase))
            {
                return await RefuseAsync(conn, tx, null, identity, ExternalSignInOutcome.BreakGlassEmail, ct);
            }

            accountId = await conn.ExecuteScalarAsync<long?>(new CommandDefinition("select id from account where email = @email", new { email }, tx, cancellationToken: ct));
            if (accountId is null)
            {
                if (roles.Length == 0)
                {
                    // No account is made for someone FoiDesk would not let in.
                    return await RefuseAsync(conn, tx, null, identity, ExternalSignInOutcome.NoRole, ct);
                }

                // No password: the empty hash never verifies, so the account signs in only through the provider
                // (until an administrator issues it a one-time password).
                const string Create = """
                    insert into account (email, display_name, password_hash, roles, created_at)
                    values (@email, @DisplayName, '', @roles, @now)
                    returning id
                    """;
                accountId = await conn.ExecuteScalarAsync<long>(new CommandDefinition(Create, new { email, identity.DisplayName, roles, now }, tx, cancellationToken: ct));
                created = true;
            }

            await conn.ExecuteAsync(new CommandDefinition(
                "insert into account_external_login (issuer, subject, account_id, created_at, last_sign_in_at) values (@Issuer, @Subject, @accountId, @now, @now)",
                new { identity.Issuer, identity.Subject, accountId, now }, tx, cancellationToken: ct));
        }

        var id = accountId.Value;
        var current = await conn.QuerySingleAsync<(bool Disabled, string[] Roles)>(new CommandDefinition(
            "select disabled, roles from account where id = @id for update", new { id }, tx, cancellationToken: ct));
        if (current.Disabled)
        {
            return await RefuseAsync(conn, tx, id, identity, ExternalSignInOutcome.Disabled, ct);
        }

        if (roles.Length == 0)
        {
            // Every role was taken away at the provider. An account must keep at least one role, so its roles stay
            // as they were, but a new stamp ends the sessions it still has open.
            await conn.ExecuteAsync(new CommandDefinition($"update account set security_stamp = {AccountSessions.NewStamp} where id = @id", new { id }, tx, cancellationToken: ct));
            return await RefuseAsync(conn, tx, id, identity, ExternalSignInOutcome.NoRole, ct);
        }

        const string Update = $"""
            update account set
                security_stamp = case when @rolesChanged then {AccountSessions.NewStamp} else security_stamp end,
                roles = @roles,
                display_name = case when @DisplayName <> '' then @DisplayName else display_name end,
                last_sign_in_at = @now,
                failed_sign_ins = 0, locked_until = null
            where id = @id;
            update account_external_login set last_sign_in_at = @now where issuer = @Issuer and subject = @Subject;
            """;
        var rolesChanged = !created && !current.Roles.Order(StringComparer.Ordinal).SequenceEqual(roles, StringComparer.Ordinal);
        await conn.ExecuteAsync(new CommandDefinition(Update, new { id, roles, rolesChanged, identity.DisplayName, identity.Issuer, identity.Subject, now }, tx, cancellationToken: ct));
        var teams = identity.Teams is { } names ? await SetTeamsAsync(conn, tx, id, names, ct) : null;
        await audit.RecordAsync(id, email, "sso-sign-in", $"account:{id}", new { identity.Issuer, identity.Subject, roles, created, rolesChanged, teams }, ct, conn, tx);
        await tx.CommitAsync(ct);
        var account = await accounts.FindAsync(id, ct) ?? throw new InvalidOperationException($"account {id} vanished");
        return new ExternalSignInResult(ExternalSignInOutcome.Success, account, created, rolesChanged);
    }

    /// <summary>The account's teams become exactly the existing teams named in the claim (names compared without case); unknown names are ignored.</summary>
    private static async Task<string[]> SetTeamsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long id, IReadOnlyList<string> names, CancellationToken ct)
    {
        const string Sql = """
            with wanted as (select id, name from team where lower(name) = any(@names)),
            gone as (delete from team_member where account_id = @id and team_id not in (select id from wanted)),
            added as (insert into team_member (team_id, account_id) select id, @id from wanted on conflict do nothing)
            select name from wanted order by name
            """;
        var lowered = names.Select(n => n.Trim().ToLowerInvariant()).ToArray();
        return [.. await conn.QueryAsync<string>(new CommandDefinition(Sql, new { id, names = lowered }, tx, cancellationToken: ct))];
    }

    private async Task<ExternalSignInResult> RefuseAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long? accountId, ExternalIdentity identity, ExternalSignInOutcome outcome, CancellationToken ct)
    {
        var actor = identity.Email.Trim().Length > 0 ? identity.Email.Trim() : $"{identity.Issuer} {identity.Subject}";
        await audit.RecordAsync(accountId, actor, "sso-sign-in-refused", accountId is { } id ? $"account:{id}" : null,
            new { identity.Issuer, identity.Subject, outcome = outcome.ToString(), claimedRoles = identity.Roles }, ct, conn, tx);
        await tx.CommitAsync(ct);
        return new ExternalSignInResult(outcome, null);
    }

    private static bool IsEmail(string email) => email.Length is > 2 and <= 320 && email.IndexOf('@', StringComparison.Ordinal) is > 0 && !email.Any(char.IsWhiteSpace);
}
