using System.Text.Json;
using Dapper;
using FoiDesk.Approval;
using FoiDesk.Audit;
using FoiDesk.Cases;
using FoiDesk.Deadlines;
using FoiDesk.Replies.Safety;
using Microsoft.Extensions.Options;
using Npgsql;

namespace FoiDesk.Replies;

/// <summary>A letter that cannot go: fields the case lacks, or legal elements the rendered letter misses.</summary>
public sealed class LetterNotReadyException(string reference, string letter, RenderedLetter rendered)
    : Exception($"{letter} for {reference} cannot be sent: " + string.Join("; ",
        rendered.MissingFields.Select(f => $"missing {f}").Concat(rendered.Problems.Select(p => p.ToString()))))
{
    public RenderedLetter Rendered { get; } = rendered;
}

/// <summary>The pre-send safety gate found something (hidden data, personal details); an officer must resolve or override it.</summary>
public sealed class SafetyGateBlockedException(string reference, SafetyReport report, string? why = null)
    : Exception($"the safety check stopped the letter for {reference}{why}: " + string.Join("; ", report.Findings.Select(f => $"{f.Attachment ?? "letter"}: {f.Kind} ({f.Detail})")))
{
    public SafetyReport Report { get; } = report;
}

/// <summary>Renders a case's letters from its data and queues them, threaded to the request they answer.</summary>
public sealed class CaseLetters(CaseStore cases, CaseClock clock, LetterWording wording, Outbox outbox, IOptions<AuthorityOptions> authority, AuditLog audit, TimeProvider time, CostLimit.CostEstimates costs) : ICaseOutbox
{
    /// <summary>
    /// The officer's choice of language for the case's letters (<see cref="LetterLanguages"/>), recorded on the
    /// timeline and in the audit log. False when there is no such case. Throws <see cref="FormatException"/> for
    /// an unknown language.
    /// </summary>
    public async Task<bool> ChooseLanguageAsync(string reference, string language, Actor actor, CancellationToken ct)
    {
        CaseLanguage.Parts(language);
        const string Sql = "update foi_case set letter_language = @language where reference = @reference returning id";
        await using var conn = await cases.DataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (await conn.ExecuteScalarAsync<long?>(new CommandDefinition(Sql, new { reference, language }, tx, cancellationToken: ct)) is not { } caseId)
        {
            return false;
        }

        await cases.AddEventAsync(conn, tx, caseId, actor.Name, "letter-language-chosen", new { language }, ct);
        await audit.RecordAsync(actor.AccountId, actor.Name, "letter-language-chosen", reference, new { language }, ct, conn, tx);
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>Renders a letter for preview in the case's letter language, or in <paramref name="language"/> (a <see cref="LetterLanguages"/> code).</summary>
    public async Task<RenderedLetter> RenderAsync(string reference, string letterId, string? officerName, CancellationToken ct, string? language = null)
    {
        var c = await cases.FindAsync(reference, ct) ?? throw new KeyNotFoundException($"no case {reference}");
        return (await RenderForCaseAsync(c, letterId, officerName, language ?? c.LetterLanguage, ct)).Rendered;
    }

    /// <summary>
    /// The letter in the case's language(s): the authority's own wording if it has edited the letter; the legal
    /// checks run on the result either way, on each language's version. A language without wording is a problem
    /// reported on the letter, never a fall back to English.
    /// </summary>
    private async Task<(LetterModel Model, RenderedLetter Rendered)> RenderForCaseAsync(CaseRow c, string letterId, string? officerName, string languageCode, CancellationToken ct)
    {
        var parts = new List<RenderedLetter>();
        LetterModel? first = null;
        foreach (var language in CaseLanguage.Parts(languageCode))
        {
            var model = await BuildModelAsync(c, letterId, officerName, ct, language);
            first ??= model;
            var template = await wording.FindCurrentAsync(letterId, language, ct);
            parts.Add(template is null ? CaseLanguage.NoWording(letterId, language) : LetterRenderer.Render(template, model));
        }

        return (first!, parts is [var welsh, var english] ? CaseLanguage.Combine(welsh, english) : parts[0]);
    }

    /// <summary>
    /// Renders and queues the letter in one transaction with its case event. Refuses (and sends nothing)
    /// when the template names a field the case lacks or a legal element is missing.
    /// </summary>
    /// <param name="safetyOverride">
    /// An IG officer's decision, with a reason, to send despite the safety gate's findings; recorded on the case
    /// and in the audit log with them. Anyone else's is refused.
    /// </param>
    public async Task<long> QueueAsync(string reference, string letterId, string actor, string? officerName, CancellationToken ct,
        IReadOnlyList<Safety.AttachmentToCheck>? attachments = null, SafetyOverride? safetyOverride = null)
    {
        var c = await cases.FindAsync(reference, ct) ?? throw new KeyNotFoundException($"no case {reference}");
        await using var conn = await cases.DataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var id = await QueueInAsync(conn, tx, c, letterId, actor, officerName, attachments, safetyOverride, ct);
        await tx.CommitAsync(ct);
        return id;
    }

    /// <summary>
    /// Queues a letter an officer chose to send, with its audit entry ("reply-queued", carrying
    /// <paramref name="detail"/>) in the same transaction: the letter is never queued unaudited, nor audited unqueued.
    /// </summary>
    public async Task<long> QueueAuditedAsync(string reference, string letterId, Approval.Actor by, string? officerName, object detail, CancellationToken ct)
    {
        var c = await cases.FindAsync(reference, ct) ?? throw new KeyNotFoundException($"no case {reference}");
        await using var conn = await cases.DataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var id = await QueueInAsync(conn, tx, c, letterId, by.Name, officerName, null, null, ct);
        await audit.RecordAsync(by.AccountId, by.Name, "reply-queued", c.Reference, detail, ct, conn, tx);
        await tx.CommitAsync(ct);
        return id;
    }

    /// <summary>Queues a letter in the caller's transaction (a case command's), rendered from <paramref name="c"/> as the caller sees it.</summary>
    private async Task<long> QueueInAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CaseRow c, string letterId, string actor, string? officerName,
        IReadOnlyList<Safety.AttachmentToCheck>? attachments, SafetyOverride? safetyOverride, CancellationToken ct)
    {
        var reference = c.Reference;
        var (model, rendered) = await RenderForCaseAsync(c, letterId, officerName, c.LetterLanguage, ct);
        if (!rendered.CanSend)
        {
            throw new LetterNotReadyException(reference, letterId, rendered);
        }

        // Hidden spreadsheet data and stray personal details have cost councils dear: check before sending.
        var safety = PreSendGate.Check(rendered.Text, attachments ?? [], SafetyContext.ForLetter(model));
        if (safety.BlocksSending && (safetyOverride is null || string.IsNullOrWhiteSpace(safetyOverride.Reason)))
        {
            throw new SafetyGateBlockedException(reference, safety);
        }

        if (safety.BlocksSending && safetyOverride is { ByIgOfficer: false })
        {
            throw new SafetyGateBlockedException(reference, safety, " (only an IG officer may override it)");
        }

        var requestMessageId = await conn.QueryFirstOrDefaultAsync<string?>(new CommandDefinition(
            "select message_id from incoming_message where case_id = @Id and route = 'request' order by raw_email_id limit 1", new { c.Id }, tx, cancellationToken: ct));
        var id = await outbox.EnqueueAsync(conn, tx, new OutboxLetter
        {
            CaseId = c.Id,
            Letter = letterId,
            ToAddress = c.ReplyToAddress ?? c.RequesterEmail ?? throw new InvalidOperationException($"{reference} has no address to reply to"),
            ToName = c.RequesterName,
            Subject = rendered.Subject,
            TextBody = rendered.Text,
            HtmlBody = rendered.Html,
            InReplyTo = requestMessageId,
            Attachments = [.. (attachments ?? []).Select(a => new FoiDesk.Mail.OutgoingAttachment
            {
                FileName = a.FileName,
                ContentType = MediaTypeFor(a.FileName),
                Content = a.Content,
            })],
        }, actor, ct);
        if (safety.BlocksSending)
        {
            var overridden = new
            {
                letter = letterId,
                reason = safetyOverride!.Reason.Trim(),
                findings = safety.Findings.Select(f => new { f.Attachment, kind = f.Kind.ToString(), f.Detail }),
            };
            await cases.AddEventAsync(conn, tx, c.Id, actor, "safety-override", overridden, ct);
            await audit.RecordAsync(safetyOverride.AccountId, actor, "safety-override", reference, overridden, ct, conn, tx);
        }

        return id;
    }

    /// <summary>
    /// Queues the acknowledgement when a request is confirmed, unless one was already queued, and not for
    /// business-as-usual or duplicate cases, which get no statutory acknowledgement.
    /// </summary>
    public async Task<long?> QueueAcknowledgementOnceAsync(string reference, string actor, string? officerName, CancellationToken ct)
    {
        var c = await cases.FindAsync(reference, ct) ?? throw new KeyNotFoundException($"no case {reference}");
        await using var conn = await cases.DataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var id = await AcknowledgeOnceInAsync(conn, tx, c, actor, officerName, ct);
        await tx.CommitAsync(ct);
        return id;
    }

    /// <summary>The case workflow's confirm-triage step: the acknowledgement in the confirmation's transaction, or why it cannot go.</summary>
    public async Task<(long? OutboxId, string? Problem)> QueueAcknowledgementAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CaseRow confirmed, Actor by, string? officerName, CancellationToken ct)
    {
        try
        {
            return (await AcknowledgeOnceInAsync(conn, tx, confirmed, by.Name, officerName, ct), null);
        }
        catch (Exception e) when (e is LetterNotReadyException or SafetyGateBlockedException)
        {
            return (null, e.Message);
        }
    }

    private async Task<long?> AcknowledgeOnceInAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CaseRow c, string actor, string? officerName, CancellationToken ct)
    {
        if (c.Regime is null || c.Status == CaseStatuses.Closed)
        {
            return null;
        }

        const string Queued = "select exists (select 1 from outgoing_message where case_id = @Id and letter = 'acknowledgement')";
        if (await conn.ExecuteScalarAsync<bool>(new CommandDefinition(Queued, new { c.Id }, tx, cancellationToken: ct)))
        {
            return null;
        }

        return await QueueInAsync(conn, tx, c, LetterIds.Acknowledgement, actor, officerName, null, null, ct);
    }

    public async Task<LetterModel> BuildModelAsync(CaseRow c, string letterId, string? officerName, CancellationToken ct, LetterLanguage language = LetterLanguage.English)
    {
        var today = LondonTime.DateOf(time.GetUtcNow());
        var dates = await clock.ComputeAsync(c, ct);
        // A response starts the requester's 40-working-day review window on the day it is sent, so the
        // letter states the window as if sent today (the outbox sends it within seconds).
        DeadlineResult? afterResponse = null;
        if (c.Regime is not null && letterId is LetterIds.Response or LetterIds.Refusal or LetterIds.NotHeld or LetterIds.CostLimit)
        {
            try
            {
                afterResponse = await clock.PreviewAsync(c, ClockEventNames.ResponseSent, today, ct);
            }
            catch (DeadlineInputException)
            {
                // already responded: the recorded response_sent gives the window.
            }
        }

        var questions = await cases.QuestionsAsync(c.Id, ct);
        var attachments = await AttachmentNamesAsync(c.Id, ct);
        var a = authority.Value;
        return new LetterModel
        {
            CaseReference = c.Reference,
            Regime = c.Regime?.StartsWith("eir", StringComparison.Ordinal) == true ? LetterRegime.Eir : LetterRegime.Foia,
            Authority = new AuthorityDetails { Name = a.Name, FoiEmail = a.FoiEmail, Address = a.Address, Phone = a.Phone, Website = a.Website },
            Requester = new RequesterDetails { Name = c.RequesterName ?? "", Email = c.ReplyToAddress ?? c.RequesterEmail ?? "" },
            Officer = new OfficerSignature { Name = officerName ?? $"{a.Name} Information Governance Team", JobTitle = a.OfficerJobTitle },
            Dates = new LetterDates
            {
                LetterDate = today,
                Received = dates?.ReceiptDate ?? LondonTime.DateOf(c.ReceivedAt),
                ResponseDue = Date(dates, DateNames.ResponseDue),
                ExtendedDue = dates?.Statutory.Extended?.Date,
                ReviewRequestDeadline = Date(afterResponse, DateNames.ReviewRequestDeadline) ?? Date(dates, DateNames.ReviewRequestDeadline),
                FeePaymentDeadline = Date(dates, DateNames.FeePaymentDeadline),
            },
            ReplyToSubject = c.PublishedByPlatform || !string.IsNullOrEmpty(c.Subject) ? c.Subject : null,
            Questions = [.. questions.Select(q => new QuestionAnswer
            {
                Number = q.Position,
                Question = q.Text,
                Answer = q.AnswerKind == "not-held" && string.IsNullOrWhiteSpace(q.Answer)
                    ? (language == LetterLanguage.Welsh ? "Nid ydym yn dal yr wybodaeth hon." : "We do not hold this information.")
                    : string.IsNullOrWhiteSpace(q.Answer) ? null : q.Answer,
                Attachments = attachments[q.Id].ToList(),
            })],
            Exemptions = [.. questions.Where(q => q.Exemption is not null).Select(q => Exemption(q))],
            // Only the cost limit refusal states the estimate (FOIA s.12; EIR reg 12(4)(b)).
            CostLimit = letterId == LetterIds.CostLimit ? await costs.LetterFactsAsync(c.Reference, ct) : null,
        };
    }

    /// <summary>File names of each question's attachments, in the order they are attached to the email.</summary>
    private async Task<ILookup<long, string>> AttachmentNamesAsync(long caseId, CancellationToken ct)
    {
        const string Sql = """
            select a.question_id, a.file_name from question_attachment a join question q on q.id = a.question_id
            where q.case_id = @caseId and q.status <> 'merged' order by q.position, a.uploaded_at, a.id
            """;
        await using var conn = await cases.DataSource.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<(long QuestionId, string FileName)>(new CommandDefinition(Sql, new { caseId }, cancellationToken: ct));
        return rows.ToLookup(r => r.QuestionId, r => r.FileName);
    }

    private static string MediaTypeFor(string fileName) => Path.GetExtension(fileName).ToLowerInvariant() switch
    {
        ".pdf" => "application/pdf",
        ".xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ".docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ".csv" => "text/csv",
        _ => "application/octet-stream",
    };

    private static DateOnly? Date(DeadlineResult? result, string name) =>
        result is not null && result.Dates.TryGetValue(name, out var d) ? d : null;

    private static ExemptionApplied Exemption(QuestionRow q)
    {
        using var doc = JsonDocument.Parse(q.Exemption!);
        var e = doc.RootElement;
        string? Text(string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        return new ExemptionApplied
        {
            Section = Text("section") ?? "",
            Name = Text("name") ?? "",
            Qualified = e.TryGetProperty("qualified", out var qv) && qv.ValueKind == JsonValueKind.True,
            Reasoning = Text("reasoning"),
            PublicInterest = Text("publicInterest"),
            Questions = [q.Position],
        };
    }
}
