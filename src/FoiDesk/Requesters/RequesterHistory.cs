using Dapper;
using FoiDesk.Approval;
using FoiDesk.Audit;
using Npgsql;

namespace FoiDesk.Requesters;

/// <summary>
/// A requester's other cases: same address, same WhatDoTheyKnow user, or same name and postcode. It is personal
/// data about who asks what, so only IG officers see it (never commissioners: docs/security.md M1) and every view
/// is audited with the cases shown. FoiDesk only links cases; what follows from the history is the officer's call.
/// </summary>
public sealed class RequesterHistory(NpgsqlDataSource db, AuditLog audit)
{
    /// <summary>The other cases, newest first, and an audit record of the view. Null when there is no such case.</summary>
    public async Task<IReadOnlyList<RequesterCase>?> ViewAsync(string reference, Actor viewer, string via, CancellationToken ct)
    {
        if (await OtherCasesAsync(reference, ct) is not { } others)
        {
            return null;
        }

        await audit.RecordAsync(viewer.AccountId, viewer.Name, "requester-history-viewed", reference,
            new { via, cases = others.Select(o => o.Reference) }, ct);
        return others;
    }

    /// <summary>
    /// The other cases without recording a view: for rules that use the history (repeated requests, aggregation),
    /// whose callers audit what they show. Null when there is no such case.
    /// </summary>
    public async Task<IReadOnlyList<RequesterCase>?> OtherCasesAsync(string reference, CancellationToken ct)
    {
        const string This = """
            select id, requester_name as RequesterName, requester_email as RequesterEmail, reply_to_address as ReplyToAddress, wdtk_request_id as WdtkRequestId, preamble || E'\n' || request_text || E'\n' || closing as text
            from foi_case where reference = @reference
            """;
        // Candidates share the address or the name (lower-cased, trimmed; both indexed, migration 0331); the rules
        // in RequesterIdentity then decide. The name is compared again there, normalised further.
        const string Candidates = """
            select c.id, c.reference, c.subject, c.received_at as ReceivedAt, c.status, c.outcome, c.regime,
                   c.requester_name as RequesterName, c.requester_email as RequesterEmail, c.reply_to_address as ReplyToAddress, c.wdtk_request_id as WdtkRequestId,
                   c.preamble || E'\n' || c.request_text || E'\n' || c.closing as text,
                   (select max(e.occurred_on) from clock_event e where e.case_id = c.id and e.name = 'response_sent') as RespondedOn
            from foi_case c
            where c.id <> @id
              and ((@email is not null and lower(c.requester_email) = lower(@email))
                   or (@name is not null and lower(btrim(c.requester_name)) = lower(btrim(@name))))
            order by c.received_at desc, c.id desc
            limit 500
            """;
        await using var conn = await db.OpenConnectionAsync(ct);
        var me = await conn.QuerySingleOrDefaultAsync<CaseIdentityRow>(new CommandDefinition(This, new { reference }, cancellationToken: ct));
        if (me is null)
        {
            return null;
        }

        var mine = me.Identity();
        var rows = await conn.QueryAsync<CandidateRow>(new CommandDefinition(Candidates,
            new { id = me.Id, email = me.RequesterEmail, name = string.IsNullOrWhiteSpace(me.RequesterName) ? null : me.RequesterName }, cancellationToken: ct));
        var result = new List<RequesterCase>();
        foreach (var r in rows)
        {
            var matches = mine.Compare(RequesterIdentity.Of(r.RequesterName, r.RequesterEmail, r.ReplyToAddress, r.WdtkRequestId, r.Text));
            if (matches.Count > 0)
            {
                result.Add(new RequesterCase
                {
                    Id = r.Id,
                    Reference = r.Reference,
                    Subject = r.Subject,
                    ReceivedAt = r.ReceivedAt,
                    Status = r.Status,
                    Outcome = r.Outcome,
                    Regime = r.Regime,
                    RespondedOn = r.RespondedOn,
                    Matches = matches,
                });
            }
        }

        return result;
    }

    private sealed record CaseIdentityRow
    {
        public required long Id { get; init; }
        public string? RequesterName { get; init; }
        public string? RequesterEmail { get; init; }
        public string? ReplyToAddress { get; init; }
        public long? WdtkRequestId { get; init; }
        public required string Text { get; init; }

        public RequesterIdentity Identity() => RequesterIdentity.Of(RequesterName, RequesterEmail, ReplyToAddress, WdtkRequestId, Text);
    }

    private sealed record CandidateRow
    {
        public required long Id { get; init; }
        public required string Reference { get; init; }
        public required string Subject { get; init; }
        public required DateTimeOffset ReceivedAt { get; init; }
        public required string Status { get; init; }
        public string? Outcome { get; init; }
        public string? Regime { get; init; }
        public string? RequesterName { get; init; }
        public string? RequesterEmail { get; init; }
        public string? ReplyToAddress { get; init; }
        public long? WdtkRequestId { get; init; }
        public required string Text { get; init; }
        public DateOnly? RespondedOn { get; init; }
    }
}
