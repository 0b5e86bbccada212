using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dapper;
using FoiDesk.Cases;
using FoiDesk.Deadlines;
using FoiDesk.Mail.Mime;
using FoiDesk.Questions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace FoiDesk.Intake;

/// <summary>Where one message went.</summary>
public enum IntakeRoute
{
    Request,
    FollowUp,
    AutoReply,
    Bounce,
    Held,
    Failed,

    /// <summary>Seen before (same source key, or same Message-ID and bytes): nothing new was stored.</summary>
    Duplicate,
}

public sealed record IntakeOutcome(IntakeRoute Route, long? RawEmailId, string? CaseReference, string Reason);

/// <summary>
/// Turns one raw message into stored mail and the case change it causes, in one transaction: the raw bytes
/// (unchanged, with their SHA-256), the parse, and the case opened or followed up. A message that cannot be
/// parsed is kept raw and flagged. The caller acknowledges the message at its source only after this commits.
/// </summary>
public sealed partial class IntakeProcessor(NpgsqlDataSource db, CaseStore cases, TimeProvider time, IOptions<IntakeOptions> options, ILogger<IntakeProcessor> logger)
{
    private const string Actor = "intake";
    private readonly IntakeOptions _options = options.Value;
    private readonly Regex _reference = new(options.Value.ReferencePattern, RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));

    public async Task<IntakeOutcome> ProcessAsync(SourceMessage message, CancellationToken ct)
    {
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(message.Bytes));
        var (parsed, parseError) = Parse(message.Bytes, ct);
        using (parsed)
        {
            var now = time.GetUtcNow();
            var arrivedAt = parsed is null ? message.ArrivedAt ?? now : MessageFacts.ArrivedAt(parsed, message.ArrivedAt, now);
            await using var conn = await db.OpenConnectionAsync(ct);
            await using var tx = await conn.BeginTransactionAsync(ct);
            const string StoreRaw = """
                insert into raw_email (source, source_key, sha256, message_id, arrived_at, stored_at, size, bytes)
                values (@Source, @SourceKey, @sha256, @messageId, @arrivedAt, @now, @size, @Bytes)
                on conflict do nothing
                returning id
                """;
            var rawId = await conn.ExecuteScalarAsync<long?>(new CommandDefinition(StoreRaw, new
            {
                message.Source,
                message.SourceKey,
                sha256,
                messageId = parsed?.MessageId,
                arrivedAt,
                now,
                size = message.Bytes.Length,
                message.Bytes,
            }, tx, cancellationToken: ct));
            if (rawId is null)
            {
                await tx.RollbackAsync(ct);
                return new IntakeOutcome(IntakeRoute.Duplicate, null, null, "already stored (same source key, or same Message-ID and bytes)");
            }

            var outcome = parsed is null
                ? new IntakeOutcome(IntakeRoute.Failed, rawId, null, $"could not be parsed: {parseError}")
                : await RouteAsync(conn, tx, rawId.Value, parsed, arrivedAt, ct);
            await SaveIncomingAsync(conn, tx, rawId.Value, parsed, parseError, outcome, ct);
            await tx.CommitAsync(ct);
            return outcome;
        }
    }

    private async Task<IntakeOutcome> RouteAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long rawId, MimeMessage message, DateTimeOffset arrivedAt, CancellationToken ct)
    {
        var traits = MessageFacts.Traits(message);
        var reply = ReplyClassifier.Classify(traits);
        var match = await MatchCaseAsync(conn, tx, message, ct);
        switch (reply.Kind)
        {
            case ReplyKind.Bounce:
            {
                var undelivered = await MarkUndeliveredAsync(conn, tx, message, reply.FailedRecipients, ct);
                var caseRef = undelivered?.Reference ?? match?.Reference;
                if (undelivered is not null)
                {
                    await cases.AddEventAsync(conn, tx, undelivered.Value.CaseId, Actor, "reply-undelivered", new { letter = undelivered.Value.Letter, failed = reply.FailedRecipients, rawEmailId = rawId }, ct);
                }

                return new IntakeOutcome(IntakeRoute.Bounce, rawId, caseRef, $"delivery failure ({string.Join("; ", reply.Cues)})");
            }

            case ReplyKind.AutoReply or ReplyKind.DeliveryDelay:
                return new IntakeOutcome(IntakeRoute.AutoReply, rawId, match?.Reference, $"automatic reply ({string.Join("; ", reply.Cues)})");
        }

        if (match is { } found)
        {
            await FollowUpAsync(conn, tx, found.CaseId, message, traits, arrivedAt, rawId, ct);
            return new IntakeOutcome(IntakeRoute.FollowUp, rawId, found.Reference, found.How);
        }

        var (body, stripped) = MessageFacts.RequestBody(message, _options.AlaveteliDomains);
        var wdtk = FindRequestAddress(message, stripped);
        if (body.Length == 0)
        {
            return new IntakeOutcome(IntakeRoute.Held, rawId, null, "no text to read as a request");
        }

        if (LooksLikeReply(message) && (wdtk is not null || message.References.Count > 0 || message.InReplyTo is not null))
        {
            return new IntakeOutcome(IntakeRoute.Held, rawId, null,
                wdtk is not null
                    ? $"a reply from request address {wdtk.Address}, which matches no case"
                    : "a reply (Re:, In-Reply-To) to a message we did not send");
        }

        var reference = await OpenCaseAsync(conn, tx, message, body, stripped, wdtk, arrivedAt, ct);
        return new IntakeOutcome(IntakeRoute.Request, rawId, reference, wdtk is not null ? $"new request from {wdtk.Domain}" : "new request");
    }

    private async Task<string> OpenCaseAsync(NpgsqlConnection conn, NpgsqlTransaction tx, MimeMessage message, string body, FooterStripResult stripped, RequestAddressMatch? wdtk, DateTimeOffset arrivedAt, CancellationToken ct)
    {
        var from = First(message.From);
        var earlier = from?.Address is null ? [] : (await conn.QueryAsync<string>(new CommandDefinition(
            "select request_text from foi_case where lower(requester_email) = lower(@address) order by id desc limit 50",
            new { address = from.Address }, tx, cancellationToken: ct))).Select(Triage.NormaliseForDuplicate).ToList();
        var split = QuestionSplitter.Split(body);
        var proposal = Triage.Propose(new TriageInput { Text = body, Subject = message.Subject ?? "", FromAddress = from?.Address, EarlierNormalisedTexts = earlier, Split = split });
        var classification = Classify(proposal.Route);
        var newCase = new NewCase
        {
            Classification = classification,
            ProposedClassification = classification,
            ProposalReasons = proposal.Reasons,
            Regime = RegimeFor(classification),
            Subject = message.Subject ?? "",
            ReceivedAt = arrivedAt,
            RequesterName = from?.Name,
            RequesterEmail = from?.Address,
            ReplyToAddress = wdtk?.Address ?? First(message.ReplyTo)?.Address ?? from?.Address,
            WdtkRequestId = wdtk?.RequestId,
            PublishedByPlatform = wdtk is not null,
            RequestText = body,
            Preamble = split.Preamble,
            Closing = split.Closing,
            Notes = split.Notes,
            Questions = [.. split.Questions.Select(q => new NewQuestion(q.Number, q.Text, [.. q.Parts.Select(p => p.Text)], QuestionSimilarity.Normalise(q.Text)))],
        };
        var (_, reference) = await cases.OpenAsync(conn, tx, newCase, Actor, ct);
        return reference;
    }

    /// <summary>The proposal names the law; Scottish authorities answer FOI requests under FOISA.</summary>
    private string Classify(RequestRoute route) => route switch
    {
        RequestRoute.Foi => _options.Scottish ? Classifications.Foisa : Classifications.Foi,
        RequestRoute.Eir => Classifications.Eir,
        RequestRoute.SubjectAccess => Classifications.Sar,
        RequestRoute.InternalReview => Classifications.Review,
        RequestRoute.NotFoi => Classifications.NotFoi,
        _ => Classifications.Duplicate,
    };

    public string? RegimeFor(string classification) => classification switch
    {
        Classifications.Foi => "foia",
        Classifications.Foisa => "foisa",
        Classifications.Eir => "eir",
        Classifications.Sar => "sar",
        Classifications.Review => _options.Scottish ? "foisa-review" : "foia-review",
        _ => null,
    };

    private async Task FollowUpAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long caseId, MimeMessage message, MessageTraits traits, DateTimeOffset arrivedAt, long rawId, CancellationToken ct)
    {
        var folded = QuoteFolder.Fold(WdtkFooter.Strip(traits.TextBody, _options.AlaveteliDomains).Text);
        await cases.AddEventAsync(conn, tx, caseId, Actor, "follow-up", new
        {
            rawEmailId = rawId,
            from = First(message.From)?.ToString(),
            subject = message.Subject,
            text = folded.NewText.Length > 4000 ? folded.NewText[..4000] : folded.NewText,
        }, ct);

        // FOIA s10(6)(b): once clarification we asked for arrives, its date becomes the date of receipt.
        var events = await CaseStore.ClockEventsAsync(conn, tx, caseId, ct);
        var lastSent = events.LastOrDefault(e => e.Name == ClockEventNames.ClarificationSent);
        var answered = lastSent is not null && events.Any(e => e.Name == ClockEventNames.ClarificationReceived && e.Id > lastSent.Id);
        if (lastSent is not null && !answered)
        {
            var received = LondonTime.DateOf(arrivedAt);
            await conn.ExecuteAsync(new CommandDefinition(
                "insert into clock_event (case_id, name, occurred_on, recorded_at, recorded_by, note) values (@caseId, @name, @received, @now, @actor, @note)",
                new { caseId, name = ClockEventNames.ClarificationReceived, received, now = time.GetUtcNow(), actor = Actor, note = "the requester replied while clarification was outstanding; check it answers the question" },
                tx, cancellationToken: ct));
            await conn.ExecuteAsync(new CommandDefinition("update foi_case set status = 'open' where id = @caseId and status = 'on-hold'", new { caseId }, tx, cancellationToken: ct));
            await cases.AddEventAsync(conn, tx, caseId, Actor, "clock-event", new { name = ClockEventNames.ClarificationReceived, date = received.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), note = "clock restarted from the clarification" }, ct);
        }
    }

    private sealed record CaseMatch(long CaseId, string Reference, string How);

    /// <summary>Our reference in the subject, a reply to a message we sent, or the requester's WhatDoTheyKnow address.</summary>
    private async Task<CaseMatch?> MatchCaseAsync(NpgsqlConnection conn, NpgsqlTransaction tx, MimeMessage message, CancellationToken ct)
    {
        var subjectRef = _reference.Match(message.Subject ?? "");
        if (subjectRef.Success)
        {
            var byRef = await conn.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(
                "select id from foi_case where reference = upper(@reference)", new { reference = subjectRef.Value }, tx, cancellationToken: ct));
            if (byRef is { } id)
            {
                return new CaseMatch(id, subjectRef.Value.ToUpperInvariant(), $"case reference {subjectRef.Value.ToUpperInvariant()} in the subject");
            }
        }

        var threadIds = message.References.Append(message.InReplyTo).OfType<string>().Distinct(StringComparer.Ordinal).ToArray();
        if (threadIds.Length > 0)
        {
            var byThread = await conn.QueryFirstOrDefaultAsync<(long CaseId, string Reference)?>(new CommandDefinition("""
                select c.id, c.reference from outgoing_message o join foi_case c on c.id = o.case_id
                where o.message_id = any(@threadIds) order by o.id desc limit 1
                """, new { threadIds }, tx, cancellationToken: ct));
            if (byThread is { } t)
            {
                return new CaseMatch(t.CaseId, t.Reference, "a reply to a letter we sent (In-Reply-To/References)");
            }
        }

        var wdtk = FindRequestAddress(message, null);
        if (wdtk is not null)
        {
            var byAddress = await conn.QueryFirstOrDefaultAsync<(long CaseId, string Reference)?>(new CommandDefinition("""
                select id, reference from foi_case where wdtk_request_id = @RequestId and lower(reply_to_address) = lower(@Address)
                order by id desc limit 1
                """, new { wdtk.RequestId, wdtk.Address }, tx, cancellationToken: ct));
            if (byAddress is { } a)
            {
                return new CaseMatch(a.CaseId, a.Reference, $"the requester's request address {wdtk.Address}");
            }
        }

        return null;
    }

    private RequestAddressMatch? FindRequestAddress(MimeMessage message, FooterStripResult? footer)
    {
        foreach (var address in message.ReplyTo.Concat(message.From).Select(a => a.Address).OfType<string>())
        {
            if (RequestAddress.Match(address, _options.AlaveteliDomains) is { } m)
            {
                return m;
            }
        }

        return footer?.ReplyToRequest;
    }

    private static T? First<T>(IReadOnlyList<T> list) where T : class => list.Count > 0 ? list[0] : null;

    private static bool LooksLikeReply(MimeMessage message) =>
        (message.Subject ?? "").TrimStart().StartsWith("re:", StringComparison.OrdinalIgnoreCase);

    /// <summary>A bounce of one of our letters marks it undelivered: matched by thread headers, else by recipient.</summary>
    private static async Task<(long CaseId, string Reference, string Letter)?> MarkUndeliveredAsync(NpgsqlConnection conn, NpgsqlTransaction tx, MimeMessage message, IReadOnlyList<string> failedRecipients, CancellationToken ct)
    {
        var ids = new List<string>(message.References);
        if (message.InReplyTo is not null)
        {
            ids.Add(message.InReplyTo);
        }

        foreach (var embedded in message.EmbeddedMessages)
        {
            if (embedded.MessageId is not null)
            {
                ids.Add(embedded.MessageId);
            }
        }

        const string Sql = """
            update outgoing_message o set status = 'undelivered'
            from foi_case c
            where c.id = o.case_id and o.status = 'sent'
              and (o.message_id = any(@ids) or lower(o.to_address) = any(@failed))
            returning o.case_id, c.reference, o.letter
            """;
        var rows = await conn.QueryAsync<(long CaseId, string Reference, string Letter)>(new CommandDefinition(Sql,
            new { ids = ids.ToArray(), failed = failedRecipients.Select(r => r.ToLowerInvariant()).ToArray() }, tx, cancellationToken: ct));
        var first = rows.FirstOrDefault();
        return first == default ? null : first;
    }

    private static async Task SaveIncomingAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long rawId, MimeMessage? message, string? parseError, IntakeOutcome outcome, CancellationToken ct)
    {
        const string Sql = """
            insert into incoming_message (raw_email_id, parsed_at, parse_ok, parse_error, warnings, subject, from_name, from_address,
                message_id, in_reply_to, "references", sent_at, text_body, route, route_reason, case_id)
            values (@rawId, now(), @ok, @parseError, @warnings::jsonb, @subject, @fromName, @fromAddress,
                @messageId, @inReplyTo, @references, @sentAt, @text, @route, @reason,
                (select id from foi_case where reference = @reference))
            on conflict (raw_email_id) do update set
                parsed_at = excluded.parsed_at, parse_ok = excluded.parse_ok, parse_error = excluded.parse_error, warnings = excluded.warnings,
                subject = excluded.subject, from_name = excluded.from_name, from_address = excluded.from_address, message_id = excluded.message_id,
                in_reply_to = excluded.in_reply_to, "references" = excluded."references", sent_at = excluded.sent_at, text_body = excluded.text_body,
                route = excluded.route, route_reason = excluded.route_reason, case_id = excluded.case_id
            """;
        var from = (message is null ? null : First(message.From));
        await conn.ExecuteAsync(new CommandDefinition(Sql, new
        {
            rawId,
            ok = message is not null,
            parseError,
            warnings = JsonSerializer.Serialize(message?.Warnings.Select(w => w.ToString()) ?? []),
            subject = message?.Subject ?? "",
            fromName = from?.Name,
            fromAddress = from?.Address,
            messageId = message?.MessageId,
            inReplyTo = message?.InReplyTo,
            references = message?.References.ToArray() ?? [],
            sentAt = message?.Date,
            text = message?.TextBody ?? "",
            route = RouteName(outcome.Route),
            reason = outcome.Reason,
            reference = outcome.CaseReference,
        }, tx, cancellationToken: ct));
    }

    public static string RouteName(IntakeRoute route) => route switch
    {
        IntakeRoute.Request => "request",
        IntakeRoute.FollowUp => "follow-up",
        IntakeRoute.AutoReply => "auto-reply",
        IntakeRoute.Bounce => "bounce",
        IntakeRoute.Held => "held",
        IntakeRoute.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(route)),
    };
}
