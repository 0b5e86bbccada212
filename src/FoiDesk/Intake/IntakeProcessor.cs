using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dapper;
using FoiDesk.Cases;
using FoiDesk.Deadlines;
using FoiDesk.Mail;
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
        using var analysis = Analyse(message, ct);
        return await StoreAsync(analysis, ct);
    }

    /// <summary>
    /// Everything that needs no database: hash, parse, reply classification, and the text read as a request.
    /// Never throws for the message's content: what cannot be parsed or read is recorded, and stored as such.
    /// </summary>
    public MessageAnalysis Analyse(SourceMessage message, CancellationToken ct)
    {
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(message.Bytes));
        var (parsed, parseError) = Parse(message.Bytes, ct);
        if (parsed is null)
        {
            return new MessageAnalysis { Message = message, Sha256 = sha256, ParseError = parseError };
        }

        MessageTraits traits;
        ReplyClassification reply;
        try
        {
            traits = MessageFacts.Traits(parsed);
            reply = ReplyClassifier.Classify(traits);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A text rule gave up (a match timeout on a pathological body, say). The message must still be
            // stored and shown to an officer, not retried for ever at the head of the mailbox.
            logger.LogWarning(e, "Could not classify {Source} {Key}; it will be held for an officer", message.Source, message.SourceKey);
            return new MessageAnalysis { Message = message, Sha256 = sha256, Parsed = parsed, ReadError = $"could not be classified ({e.GetType().Name}: {e.Message})" };
        }

        var subjectReference = _reference.Match(parsed.Subject ?? "");
        DraftRequest? request = null;
        string? readError = null;
        try
        {
            request = ReadRequest(parsed);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Could not read {Source} {Key} as a request", message.Source, message.SourceKey);
            readError = $"could not be read as a request ({e.GetType().Name}: {e.Message})";
        }

        return new MessageAnalysis
        {
            Message = message,
            Sha256 = sha256,
            Parsed = parsed,
            Traits = traits,
            Reply = reply,
            SubjectReference = subjectReference.Success ? subjectReference.Value.ToUpperInvariant() : null,
            ThreadIds = parsed.References.Append(parsed.InReplyTo).OfType<string>().Select(id => Storable(id)).Distinct(StringComparer.Ordinal).ToArray(),
            HeaderRequestAddress = FindRequestAddress(parsed, null),
            Request = request,
            ReadError = readError,
        };
    }

    /// <summary>
    /// Stores the raw message and what it causes, in one transaction: the raw bytes (unchanged, with their
    /// SHA-256), the parse, and the case opened or followed up.
    /// </summary>
    public async Task<IntakeOutcome> StoreAsync(MessageAnalysis analysis, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var outcome = await StoreAsync(conn, tx, analysis, ct);
        await tx.CommitAsync(ct);
        return outcome;
    }

    /// <summary>
    /// Stores the message in the caller's transaction, which may hold other messages too: nothing here is
    /// final until the caller commits, and the mailbox must not forget the message before then.
    /// </summary>
    public async Task<IntakeOutcome> StoreAsync(NpgsqlConnection conn, NpgsqlTransaction tx, MessageAnalysis analysis, CancellationToken ct)
    {
        var message = analysis.Message;
        var parsed = analysis.Parsed;
        var now = time.GetUtcNow();
        var receipt = ReceiptEvidence.Decide(parsed, message.ArrivedAt, _options.OwnMailHosts, now);
        const string StoreRaw = """
            with raw as (
                insert into raw_email (source, source_key, sha256, message_id, arrived_at, arrived_evidence, stored_at, size, bytes)
                values (@Source, @SourceKey, @Sha256, @MessageId, @ArrivedAt, @ArrivedEvidence, @Now, @Size, @Bytes)
                on conflict do nothing
                returning id
            )
            select (select id from raw) as RawId,
            """ + LookUps;
        var known = await conn.QuerySingleAsync<KnownFacts>(new CommandDefinition(StoreRaw, LookUpKeys.For(analysis) with
        {
            Source = message.Source,
            SourceKey = message.SourceKey,
            Sha256 = analysis.Sha256,
            MessageId = Identifier(parsed?.MessageId),
            ArrivedAt = receipt.At,
            ArrivedEvidence = receipt.Source,
            Now = now,
            Size = message.Bytes.Length,
            Bytes = message.Bytes,
        }, tx, cancellationToken: ct));
        if (known.RawId is not { } rawId)
        {
            // Nothing was written (the insert did nothing), so the caller's transaction is unharmed.
            return new IntakeOutcome(IntakeRoute.Duplicate, null, null, "already stored (same source key, or same Message-ID and bytes)");
        }

        var outcome = parsed is null
            ? new IntakeOutcome(IntakeRoute.Failed, rawId, null, $"could not be parsed: {analysis.ParseError}")
            : await RouteAsync(conn, tx, rawId, analysis, known, receipt, ct);
        await SaveIncomingAsync(conn, tx, rawId, parsed, analysis.ParseError, outcome, ct);
        return outcome;
    }

    private DraftRequest ReadRequest(ReadMail message)
    {
        var (body, stripped) = MessageFacts.RequestBody(message, _options.AlaveteliDomains);
        body = Storable(body);
        var split = QuestionSplitter.Split(body);
        return new DraftRequest
        {
            Body = body,
            RequestAddress = FindRequestAddress(message, stripped),
            Split = split,
            Proposal = RouteProposer.ProposeFromText(new TriageInput { Text = body, Subject = message.Subject ?? "", FromAddress = First(message.From)?.Address, Split = split }),
            NormalisedBody = RouteProposer.NormaliseForDuplicate(body),
            Fingerprints = [.. split.Questions.Select(q => QuestionSimilarity.Normalise(q.Text))],
        };
    }

    private async Task<IntakeOutcome> RouteAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long rawId, MessageAnalysis analysis, KnownFacts known, ReceiptEvidence receipt, CancellationToken ct)
    {
        var message = analysis.Parsed ?? throw new ArgumentException("only a parsed message can be routed", nameof(analysis));
        if (analysis.Traits is not { } traits || analysis.Reply is not { } reply)
        {
            return new IntakeOutcome(IntakeRoute.Held, rawId, null, analysis.ReadError ?? "could not be classified");
        }

        var match = Match(analysis, known);
        switch (reply.Kind)
        {
            case ReplyKind.Bounce:
            {
                var undelivered = await MarkUndeliveredAsync(conn, tx, message, reply.FailedRecipients, ct);
                var caseRef = undelivered?.Reference ?? match?.Reference;
                if (undelivered is not null)
                {
                    await cases.AddEventAsync(conn, tx, undelivered.Value.CaseId, Actor, "reply-undelivered", new { letter = undelivered.Value.Letter, failed = reply.FailedRecipients.Select(r => Storable(r)), rawEmailId = rawId }, ct);
                }

                return new IntakeOutcome(IntakeRoute.Bounce, rawId, caseRef, $"delivery failure ({string.Join("; ", reply.Cues)})");
            }

            case ReplyKind.AutoReply or ReplyKind.DeliveryDelay:
                return new IntakeOutcome(IntakeRoute.AutoReply, rawId, match?.Reference, $"automatic reply ({string.Join("; ", reply.Cues)})");
        }

        if (match is { } found)
        {
            return await FollowUpOrHoldAsync(conn, tx, found, message, traits, receipt.At, rawId, ct);
        }

        if (analysis.Request is not { } request)
        {
            return new IntakeOutcome(IntakeRoute.Held, rawId, null, analysis.ReadError ?? "could not be read as a request");
        }

        if (request.Body.Length == 0)
        {
            return new IntakeOutcome(IntakeRoute.Held, rawId, null, "no text to read as a request");
        }

        var wdtk = request.RequestAddress;
        if (LooksLikeReply(message) && (wdtk is not null || message.References.Count > 0 || message.InReplyTo is not null))
        {
            return new IntakeOutcome(IntakeRoute.Held, rawId, null,
                wdtk is not null
                    ? $"a reply from request address {wdtk.Address}, which matches no case"
                    : "a reply (Re:, In-Reply-To) to a message we did not send");
        }

        var reference = await OpenCaseAsync(conn, tx, message, request, known.EarlierTexts ?? [], receipt, ct);
        return new IntakeOutcome(IntakeRoute.Request, rawId, reference, wdtk is not null ? $"new request from {wdtk.Domain}" : "new request");
    }

    private async Task<string> OpenCaseAsync(NpgsqlConnection conn, NpgsqlTransaction tx, ReadMail message, DraftRequest request, IReadOnlyList<string> earlierTexts, ReceiptEvidence receipt, CancellationToken ct)
    {
        var from = First(message.From);
        var proposal = request.NormalisedBody.Length > 0 && earlierTexts.Any(t => string.Equals(RouteProposer.NormaliseForDuplicate(t), request.NormalisedBody, StringComparison.Ordinal))
            ? RouteProposer.AsDuplicate(request.Proposal)
            : request.Proposal;
        var classification = Classify(proposal.Route);
        var split = request.Split;
        var newCase = new NewCase
        {
            Classification = classification,
            ProposedClassification = classification,
            ProposalReasons = proposal.Reasons,
            Regime = RegimeFor(classification),
            Subject = Storable(message.Subject ?? ""),
            ReceivedAt = receipt.At,
            ReceivedEvidence = NullIfEmpty(receipt.Source),
            // Shown at triage: a date far from when we read it is checked by an officer before the clock is trusted.
            ReceivedFlag = await receipt.FlagAsync(async () => (await HolidayStore.CurrentAsync(conn, tx, ct)).Calendar(_options.Scottish ? CalendarId.Scotland : CalendarId.Uk)),
            RequesterName = Storable(NullIfEmpty(from?.Name)),
            RequesterEmail = Storable(from?.Address),
            ReplyToAddress = Storable(request.RequestAddress?.Address ?? First(message.ReplyTo)?.Address ?? from?.Address),
            WdtkRequestId = request.RequestAddress?.RequestId,
            PublishedByPlatform = request.RequestAddress is not null,
            RequestText = request.Body,
            Preamble = split.Preamble,
            Closing = split.Closing,
            Notes = split.Notes,
            Questions = [.. split.Questions.Select((q, i) => new NewQuestion(q.Number, q.Text, [.. q.Parts.Select(p => p.Text)], request.Fingerprints[i]))],
            LetterLanguage = WelshText.LooksWelsh(request.Body) ? LetterLanguages.Welsh : LetterLanguages.English,
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

    /// <summary>
    /// A follow-up is attached automatically only when earned: it replies to a letter we sent, or it comes from the
    /// requester's address and (when trusted servers are configured) our server recorded that its sender
    /// authenticated. Anything else is held for an officer with the reason. Only a reply to our clarification
    /// letter, or an authenticated message from the requester, restarts the clock by itself (FOIA s10(6)(b)):
    /// otherwise the officer records "clarification received" on the case's clock page.
    /// </summary>
    private async Task<IntakeOutcome> FollowUpOrHoldAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CaseMatch found, ReadMail message, MessageTraits traits, DateTimeOffset arrivedAt, long rawId, CancellationToken ct)
    {
        if (found.Kind == MatchKind.Stranger)
        {
            return new IntakeOutcome(IntakeRoute.Held, rawId, null, $"not attached to {found.Reference}: {found.How}");
        }

        var sender = found.Kind == MatchKind.Requester
            ? SenderAuthentication.Check(message.Headers, First(message.From)?.Address, _options.TrustedAuthServIds)
            : new SenderVerdict(SenderCheck.Unchecked, "not needed for a reply to our letter");
        if (sender.Check == SenderCheck.Failed)
        {
            return new IntakeOutcome(IntakeRoute.Held, rawId, null, $"not attached to {found.Reference}: {found.How}, but the sender did not authenticate ({sender.Why})");
        }

        var restartsClock = found.AnswersClarificationLetter || sender.Check == SenderCheck.Passed;
        var clockRestarted = await FollowUpAsync(conn, tx, found.CaseId, message, traits, arrivedAt, rawId, restartsClock, ct);
        var how = found.Kind == MatchKind.Requester ? $"{found.How}; sender {(sender.Check == SenderCheck.Passed ? "authenticated: " : "not checked: ")}{sender.Why}" : found.How;
        return new IntakeOutcome(IntakeRoute.FollowUp, rawId, found.Reference,
            clockRestarted is false ? $"{how}; clarification is outstanding: an officer confirms whether this answers it" : how);
    }

    /// <summary>Attaches the follow-up; returns whether clarification was outstanding and, if so, whether the clock restarted (null: none outstanding).</summary>
    private async Task<bool?> FollowUpAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long caseId, ReadMail message, MessageTraits traits, DateTimeOffset arrivedAt, long rawId, bool restartsClock, CancellationToken ct)
    {
        var folded = QuoteFolder.Fold(WdtkFooter.Strip(Storable(traits.TextBody), _options.AlaveteliDomains).Text);
        await cases.AddEventAsync(conn, tx, caseId, Actor, "follow-up", new
        {
            rawEmailId = rawId,
            from = Storable(First(message.From)?.ToString()),
            subject = Storable(message.Subject),
            text = folded.NewText.Length > 4000 ? folded.NewText[..4000] : folded.NewText,
        }, ct);

        // FOIA s10(6)(b): once clarification we asked for arrives, its date becomes the date of receipt.
        var events = await CaseStore.ClockEventsAsync(conn, tx, caseId, ct);
        var lastSent = events.LastOrDefault(e => e.Name == ClockEventNames.ClarificationSent);
        var answered = lastSent is not null && events.Any(e => e.Name == ClockEventNames.ClarificationReceived && e.Id > lastSent.Id);
        if (lastSent is null || answered)
        {
            return null;
        }

        if (!restartsClock)
        {
            return false;
        }

        var received = LondonTime.DateOf(arrivedAt);
        await CaseWorkflow.ClarificationArrivedInAsync(conn, tx, caseId, received, Actor,
            "the requester replied while clarification was outstanding; check it answers the question", time.GetUtcNow(), ct);
        return true;
    }

    private RequestAddressMatch? FindRequestAddress(ReadMail message, FooterStripResult? footer)
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

    /// <summary>
    /// PostgreSQL text (and jsonb) cannot hold U+0000, which broken mailers do send; it is stored as U+FFFD so the
    /// message is kept and readable. The raw bytes, stored as bytea, keep the original.
    /// </summary>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(text))]
    private static string? Storable(string? text) => text is not null && text.Contains('\0', StringComparison.Ordinal) ? text.Replace('\0', '\uFFFD') : text;

    /// <summary>
    /// A Message-ID as stored and indexed, or null for one no conforming message can carry: RFC 5322 2.1.1 caps
    /// a line at 998 octets, and a longer id would not fit PostgreSQL's index on message ids anyway.
    /// </summary>
    private static string? Identifier(string? messageId) =>
        messageId is null || System.Text.Encoding.UTF8.GetByteCount(messageId) > 998 ? null : Storable(messageId);

    private static T? First<T>(IReadOnlyList<T> list) where T : class => list.Count > 0 ? list[0] : null;

    /// <summary>MimeKit gives an address without a display name the name ""; we store no name as null.</summary>
    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;

    private static bool LooksLikeReply(ReadMail message) =>
        (message.Subject ?? "").TrimStart().StartsWith("re:", StringComparison.OrdinalIgnoreCase);

    /// <summary>A bounce of one of our letters marks it undelivered: matched by thread headers, else by recipient.</summary>
    private static async Task<(long CaseId, string Reference, string Letter)?> MarkUndeliveredAsync(NpgsqlConnection conn, NpgsqlTransaction tx, ReadMail message, IReadOnlyList<string> failedRecipients, CancellationToken ct)
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
            new { ids = ids.Select(id => Storable(id)).ToArray(), failed = failedRecipients.Select(r => Storable(r.ToLowerInvariant())).ToArray() }, tx, cancellationToken: ct));
        var first = rows.FirstOrDefault();
        return first == default ? null : first;
    }

    private static async Task SaveIncomingAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long rawId, ReadMail? message, string? parseError, IntakeOutcome outcome, CancellationToken ct)
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
            warnings = JsonSerializer.Serialize(message?.Warnings ?? []),
            subject = Storable(message?.Subject ?? ""),
            fromName = Storable(NullIfEmpty(from?.Name)),
            fromAddress = Storable(from?.Address),
            messageId = Identifier(message?.MessageId),
            inReplyTo = Storable(message?.InReplyTo),
            references = message?.References.Select(r => Storable(r)).ToArray() ?? [],
            sentAt = message?.Date,
            text = Storable(message?.TextBody ?? ""),
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
