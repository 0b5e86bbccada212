using Dapper;
using Npgsql;

namespace FoiDesk.Intake;

/// <summary>What the database knows about a message, read in the round trip that stores it.</summary>
public sealed partial class IntakeProcessor
{
    private sealed record CaseMatch(long CaseId, string Reference, string How);

    /// <summary>Our reference in the subject, a reply to a message we sent, or the requester's WhatDoTheyKnow address.</summary>
    private static CaseMatch? Match(MessageAnalysis analysis, KnownFacts known) =>
        analysis.SubjectReference is { } reference && known.ReferenceCaseId is { } byReference
            ? new CaseMatch(byReference, reference, $"case reference {reference} in the subject")
            : known.ThreadCaseId is { } byThread
                ? new CaseMatch(byThread, known.ThreadReference!, "a reply to a letter we sent (In-Reply-To/References)")
                : known.AddressCaseId is { } byAddress
                    ? new CaseMatch(byAddress, known.AddressReference!, $"the requester's request address {analysis.HeaderRequestAddress!.Address}")
                    : null;

    /// <summary>
    /// What the database knows about a message, read in the same round trip that stores it: the case named by
    /// the subject's reference, the case of a letter it replies to, the case of its request address, and the
    /// requester's last 50 requests (for duplicates). Parameters are <see cref="LookUpKeys"/>.
    /// </summary>
    private const string LookUps = """
            (select id from foi_case where reference = @SubjectReference) as ReferenceCaseId,
            thread.case_id as ThreadCaseId, thread.reference as ThreadReference,
            address.id as AddressCaseId, address.reference as AddressReference,
            (select array_agg(request_text order by id desc) from (
                select id, request_text from foi_case where lower(requester_email) = lower(@RequesterAddress)
                order by id desc limit 50) earlier) as EarlierTexts
        from (select) one
        left join lateral (
            select c.id as case_id, c.reference from outgoing_message o join foi_case c on c.id = o.case_id
            where o.message_id = any(@ThreadIds) order by o.id desc limit 1) thread on true
        left join lateral (
            select id, reference from foi_case where wdtk_request_id = @RequestId and lower(reply_to_address) = lower(@RequestAddress)
            order by id desc limit 1) address on true
        """;

    private static Task<KnownFacts> LookUpAsync(NpgsqlConnection conn, NpgsqlTransaction tx, LookUpKeys keys, CancellationToken ct) =>
        conn.QuerySingleAsync<KnownFacts>(new CommandDefinition("select null::bigint as RawId, " + LookUps, keys, tx, cancellationToken: ct));

    private sealed record KnownFacts
    {
        public long? RawId { get; init; }
        public long? ReferenceCaseId { get; init; }
        public long? ThreadCaseId { get; init; }
        public string? ThreadReference { get; init; }
        public long? AddressCaseId { get; init; }
        public string? AddressReference { get; init; }
        public string[]? EarlierTexts { get; init; }
    }

    /// <summary>The parameters of <see cref="LookUps"/>; storing adds the raw message's own.</summary>
    private sealed record LookUpKeys
    {
        public static LookUpKeys For(MessageAnalysis analysis) => new()
        {
            SubjectReference = analysis.SubjectReference,
            ThreadIds = [.. analysis.ThreadIds],
            RequestId = analysis.HeaderRequestAddress?.RequestId,
            RequestAddress = analysis.HeaderRequestAddress?.Address,
            // Earlier requests matter only to a message that may open a case.
            RequesterAddress = analysis.Request is null || analysis.Parsed is null ? null : First(analysis.Parsed.From)?.Address,
        };

        public string? SubjectReference { get; init; }
        public string[] ThreadIds { get; init; } = [];
        public long? RequestId { get; init; }
        public string? RequestAddress { get; init; }
        public string? RequesterAddress { get; init; }
        public string Source { get; init; } = "";
        public string SourceKey { get; init; } = "";
        public string Sha256 { get; init; } = "";
        public string? MessageId { get; init; }
        public DateTimeOffset ArrivedAt { get; init; }
        public DateTimeOffset Now { get; init; }
        public int Size { get; init; }
        public byte[] Bytes { get; init; } = [];
    }
}
