using Dapper;
using Npgsql;

namespace FoiDesk.Intake;

/// <summary>What the database knows about a message, read in the round trip that stores it.</summary>
public sealed partial class IntakeProcessor
{
    /// <summary>How a follow-up reached its case, which decides how far it is trusted.</summary>
    private enum MatchKind
    {
        /// <summary>It replies to a Message-ID we generated and sent: unguessable, so evidence by itself.</summary>
        Thread,

        /// <summary>It comes from the case's requester address (or its WhatDoTheyKnow request address): only as
        /// good as the sender authentication recorded by our own server.</summary>
        Requester,

        /// <summary>Only our reference in the subject: references are sequential and public in the disclosure
        /// log, so this proves nothing about who sent it.</summary>
        Stranger,
    }

    private sealed record CaseMatch(long CaseId, string Reference, string How, MatchKind Kind, bool AnswersClarificationLetter = false);

    /// <summary>
    /// A reply to a letter we sent, else a message from the requester's address naming the case (by our reference in
    /// the subject, or by its WhatDoTheyKnow request address), else a stranger quoting our reference.
    /// </summary>
    private static CaseMatch? Match(MessageAnalysis analysis, KnownFacts known)
    {
        if (known.ThreadCaseId is { } byThread)
        {
            return new CaseMatch(byThread, known.ThreadReference!, $"a reply to our {known.ThreadLetter} letter (In-Reply-To/References)", MatchKind.Thread,
                known.ThreadLetter == Replies.LetterIds.Clarification);
        }

        var from = analysis.Parsed is null ? null : First(analysis.Parsed.From)?.Address;
        if (known.AddressCaseId is { } byAddress && string.Equals(from, analysis.HeaderRequestAddress!.Address, StringComparison.OrdinalIgnoreCase))
        {
            return new CaseMatch(byAddress, known.AddressReference!, $"from the requester's request address {analysis.HeaderRequestAddress.Address}", MatchKind.Requester);
        }

        if (analysis.SubjectReference is { } reference && known.ReferenceCaseId is { } byReference)
        {
            return known.ReferenceFromRequester == true
                ? new CaseMatch(byReference, reference, $"case reference {reference} in the subject, from the requester's address {from}", MatchKind.Requester)
                : new CaseMatch(byReference, reference, $"case reference {reference} in the subject, but {from ?? "the sender"} is not the case's requester and it replies to no letter we sent", MatchKind.Stranger);
        }

        return known.AddressCaseId is { } replyTo
            ? new CaseMatch(replyTo, known.AddressReference!, $"Reply-To names the request address {analysis.HeaderRequestAddress!.Address}, but it was sent by {from ?? "no one"}", MatchKind.Stranger)
            : null;
    }

    /// <summary>
    /// What the database knows about a message, read in the same round trip that stores it: the case named by
    /// the subject's reference, the case of a letter it replies to, the case of its request address, and the
    /// requester's last 50 requests (for duplicates). Parameters are <see cref="LookUpKeys"/>.
    /// </summary>
    private const string LookUps = """
            (select id from foi_case where reference = @SubjectReference) as ReferenceCaseId,
            (select lower(requester_email) = lower(@FromAddress) or lower(reply_to_address) = lower(@FromAddress)
                from foi_case where reference = @SubjectReference) as ReferenceFromRequester,
            thread.case_id as ThreadCaseId, thread.reference as ThreadReference, thread.letter as ThreadLetter,
            address.id as AddressCaseId, address.reference as AddressReference,
            (select array_agg(request_text order by id desc) from (
                select id, request_text from foi_case where lower(requester_email) = lower(@RequesterAddress)
                order by id desc limit 50) earlier) as EarlierTexts
        from (select) one
        left join lateral (
            select c.id as case_id, c.reference, o.letter from outgoing_message o join foi_case c on c.id = o.case_id
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
        public string? ThreadLetter { get; init; }
        public bool? ReferenceFromRequester { get; init; }
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
            FromAddress = analysis.Parsed is null ? null : First(analysis.Parsed.From)?.Address,
            // Earlier requests matter only to a message that may open a case.
            RequesterAddress = analysis.Request is null || analysis.Parsed is null ? null : First(analysis.Parsed.From)?.Address,
        };

        public string? SubjectReference { get; init; }
        public string[] ThreadIds { get; init; } = [];
        public long? RequestId { get; init; }
        public string? RequestAddress { get; init; }
        public string? RequesterAddress { get; init; }
        public string? FromAddress { get; init; }
        public string Source { get; init; } = "";
        public string SourceKey { get; init; } = "";
        public string Sha256 { get; init; } = "";
        public string? MessageId { get; init; }
        public DateTimeOffset ArrivedAt { get; init; }
        public string ArrivedEvidence { get; init; } = "";
        public DateTimeOffset Now { get; init; }
        public int Size { get; init; }
        public byte[] Bytes { get; init; } = [];
    }
}
