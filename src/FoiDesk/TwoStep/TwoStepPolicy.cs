using Dapper;
using FoiDesk.Accounts;
using FoiDesk.Audit;
using Npgsql;

namespace FoiDesk.TwoStep;

/// <summary>The administrator's requirement for two-step verification (issue 16): kept in the database, changed audited.</summary>
public sealed class TwoStepPolicy(NpgsqlDataSource db, AuditLog audit)
{
    public async Task<TwoStepRequirement> GetAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<TwoStepRequirement>(new CommandDefinition("select everyone, roles from two_step_policy", cancellationToken: ct))
            ?? new TwoStepRequirement { Everyone = false, Roles = [] };
    }

    /// <summary>
    /// Takes effect at each person's next sign-in: someone required to and not enrolled is then sent to
    /// enrol and can do nothing else until they have.
    /// </summary>
    public async Task SetAsync(bool everyone, IReadOnlyList<string> roles, long adminId, string admin, CancellationToken ct)
    {
        if (roles.Any(r => !Roles.IsKnown(r)))
        {
            throw new ArgumentException($"roles must be some of: {string.Join(", ", Roles.All)}", nameof(roles));
        }

        var chosen = roles.Distinct(StringComparer.Ordinal).ToArray();
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("update two_step_policy set everyone = @everyone, roles = @chosen", new { everyone, chosen }, tx, cancellationToken: ct));
        await audit.RecordAsync(adminId, admin, "two-step-policy-changed", null, new { everyone, roles = chosen }, ct, conn, tx);
        await tx.CommitAsync(ct);
    }
}
