using System.Text.Json;
using Dapper;
using Npgsql;

namespace FoiDesk.Cases;

/// <summary>A new case awaiting triage, with what intake proposed and why.</summary>
public sealed record TriageCase
{
    public required long Id { get; init; }
    public required string Reference { get; init; }
    public required string Subject { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>Which evidence dated the receipt (FoiDesk.Intake.ReceiptEvidence); null before migrations/0270.</summary>
    public string? ReceivedEvidence { get; init; }

    /// <summary>Why the received date needs checking, or null.</summary>
    public string? ReceivedFlag { get; init; }
    public required string Classification { get; init; }
    public string? ProposedClassification { get; init; }
    public required string ProposalReasons { get; init; }

    public IReadOnlyList<string> Reasons => JsonSerializer.Deserialize<List<string>>(ProposalReasons) ?? [];

    /// <summary>The request as received, re-split to judge the split's confidence.</summary>
    public string RequestText { get; init; } = "";

    /// <summary>An officer has already corrected the split (migrations/0170), so it needs no flag.</summary>
    public bool SplitCorrected { get; init; }

    /// <summary>Why the splitter is unsure of this request's split; empty when it is sure or an officer corrected it.</summary>
    public IReadOnlyList<string> SplitDoubts => SplitCorrected ? [] : FoiDesk.Questions.QuestionSplitter.Split(RequestText).Doubts;
}

/// <summary>Mail in the holding pen (matched nothing) or that could not be parsed, with the router's reason.</summary>
public sealed record PenMessage
{
    public required long RawEmailId { get; init; }
    public required string Route { get; init; }
    public required string RouteReason { get; init; }
    public required string Subject { get; init; }
    public string? FromAddress { get; init; }
    public required DateTimeOffset ParsedAt { get; init; }
    public string? ParseError { get; init; }
}

/// <summary>A message that belongs to a case, for the case page (text only: HTML bodies are never rendered).</summary>
public sealed record CaseMessage
{
    public required long RawEmailId { get; init; }
    public required string Route { get; init; }
    public required string Subject { get; init; }
    public string? FromAddress { get; init; }
    public DateTimeOffset? SentAt { get; init; }
    public required string TextBody { get; init; }
}

public sealed record SimilarCase(string Reference, string Subject, double Similarity);

public sealed record TriageQueue(IReadOnlyList<TriageCase> NewCases, IReadOnlyList<PenMessage> Held, IReadOnlyList<PenMessage> Failed);

/// <summary>Thrown for a triage action that cannot be applied (unknown classification, unknown duplicate ...).</summary>
public sealed class TriageException(string message) : Exception(message);

/// <summary>
/// What an information governance officer reads and fixes on a new case: the triage queue, the requester, a linked
/// duplicate. Confirming what it is changes its status, so that is <see cref="CaseWorkflow.ConfirmTriageAsync"/>.
/// </summary>
public sealed class Triage(CaseStore cases)
{
    public async Task<TriageQueue> QueueAsync(CancellationToken ct)
    {
        const string NewSql = """
            select id, reference, subject, received_at as ReceivedAt, received_evidence as ReceivedEvidence, received_flag as ReceivedFlag, classification,
                proposed_classification as ProposedClassification, proposal_reasons::text as ProposalReasons,
                request_text as RequestText, exists (select 1 from split_correction s where s.case_id = foi_case.id) as SplitCorrected
            from foi_case where status = 'new' order by received_at, id
            """;
        const string PenSql = """
            select raw_email_id as RawEmailId, route, route_reason as RouteReason, subject, from_address as FromAddress,
                parsed_at as ParsedAt, parse_error as ParseError
            from incoming_message where route in ('held', 'failed') and resolved_at is null order by parsed_at, raw_email_id
            """;
        await using var conn = await cases.DataSource.OpenConnectionAsync(ct);
        var fresh = (await conn.QueryAsync<TriageCase>(new CommandDefinition(NewSql, cancellationToken: ct))).ToList();
        var pen = (await conn.QueryAsync<PenMessage>(new CommandDefinition(PenSql, cancellationToken: ct))).ToList();
        return new TriageQueue(fresh, [.. pen.Where(p => p.Route == "held")], [.. pen.Where(p => p.Route == "failed")]);
    }

    /// <summary>Whether any new case waits for an officer's triage (an officer's start page is Triage when one does).</summary>
    public async Task<bool> AnyAwaitingAsync(CancellationToken ct)
    {
        const string Sql = "select exists (select 1 from foi_case where status = 'new')";
        await using var conn = await cases.DataSource.OpenConnectionAsync(ct);
        return await conn.ExecuteScalarAsync<bool>(new CommandDefinition(Sql, cancellationToken: ct));
    }

    public async Task FixRequesterAsync(CaseRow c, string? name, string? email, string? replyTo, string actor, CancellationToken ct)
    {
        const string Sql = "update foi_case set requester_name = @name, requester_email = @email, reply_to_address = @replyTo where id = @Id";
        await using var conn = await cases.DataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(Sql, new { name = Blank(name), email = Blank(email), replyTo = Blank(replyTo), c.Id }, tx, cancellationToken: ct));

        // The timeline says which fields changed, not their values: it is shown to more people than the requester's details.
        await cases.AddEventAsync(conn, tx, c.Id, actor, "requester-changed", new
        {
            name = !string.Equals(c.RequesterName, Blank(name), StringComparison.Ordinal),
            email = !string.Equals(c.RequesterEmail, Blank(email), StringComparison.Ordinal),
            replyTo = !string.Equals(c.ReplyToAddress, Blank(replyTo), StringComparison.Ordinal),
        }, ct);
        await tx.CommitAsync(ct);
    }

    public async Task LinkDuplicateAsync(CaseRow c, string duplicateOfReference, string actor, CancellationToken ct)
    {
        var original = await cases.FindAsync(duplicateOfReference.Trim(), ct)
            ?? throw new TriageException($"there is no case {duplicateOfReference.Trim()}");
        if (original.Id == c.Id)
        {
            throw new TriageException("a case cannot duplicate itself");
        }

        await using var conn = await cases.DataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("update foi_case set duplicate_of_case_id = @originalId where id = @Id", new { originalId = original.Id, c.Id }, tx, cancellationToken: ct));
        await cases.AddEventAsync(conn, tx, c.Id, actor, "duplicate-linked", new { of = original.Reference }, ct);
        await tx.CommitAsync(ct);
    }

    public async Task<IReadOnlyList<CaseMessage>> MessagesAsync(long caseId, CancellationToken ct)
    {
        const string Sql = """
            select raw_email_id as RawEmailId, route, subject, from_address as FromAddress, sent_at as SentAt, text_body as TextBody
            from incoming_message where case_id = @caseId order by parsed_at, raw_email_id
            """;
        await using var conn = await cases.DataSource.OpenConnectionAsync(ct);
        return [.. await conn.QueryAsync<CaseMessage>(new CommandDefinition(Sql, new { caseId }, cancellationToken: ct))];
    }

    /// <summary>The raw bytes of a message, only if it belongs to the case (or is in the pen, for triage).</summary>
    public async Task<byte[]?> RawAsync(long? caseId, long rawEmailId, CancellationToken ct)
    {
        const string Sql = """
            select r.bytes from raw_email r join incoming_message m on m.raw_email_id = r.id
            where r.id = @rawEmailId and (m.case_id = @caseId or (@caseId is null and m.route in ('held', 'failed')))
            """;
        await using var conn = await cases.DataSource.OpenConnectionAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<byte[]>(new CommandDefinition(Sql, new { caseId, rawEmailId }, cancellationToken: ct));
    }

    /// <summary>Other cases asking something close to one of this case's questions (pg_trgm similarity over the fingerprints).</summary>
    public async Task<IReadOnlyList<SimilarCase>> SimilarAsync(long caseId, CancellationToken ct)
    {
        const string Sql = """
            select c.reference, c.subject, max(similarity(o.fingerprint, q.fingerprint))::float8 as similarity
            from question q
            join question o on o.case_id <> q.case_id and o.fingerprint <> '' and o.fingerprint % q.fingerprint
            join foi_case c on c.id = o.case_id
            where q.case_id = @caseId and q.fingerprint <> '' and similarity(o.fingerprint, q.fingerprint) > 0.5
            group by c.reference, c.subject
            order by similarity desc, c.reference
            limit 10
            """;
        await using var conn = await cases.DataSource.OpenConnectionAsync(ct);
        return [.. await conn.QueryAsync<SimilarCase>(new CommandDefinition(Sql, new { caseId }, cancellationToken: ct))];
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
