using System.Globalization;
using Dapper;
using FoiDesk.Mail;
using MimeKit;
using Npgsql;

namespace FoiDesk.Replies;

/// <summary>A letter ready to go: rendered text and HTML, addressed and threaded.</summary>
public sealed record OutboxLetter
{
    /// <summary>The case the letter belongs to; null only for internal mail (the reminder digest), which spans several.</summary>
    public required long? CaseId { get; init; }

    /// <summary>The template id (acknowledgement, response, refusal ...).</summary>
    public required string Letter { get; init; }

    public required string ToAddress { get; init; }
    public string? ToName { get; init; }
    public required string Subject { get; init; }
    public required string TextBody { get; init; }
    public required string HtmlBody { get; init; }

    /// <summary>The requester's message we answer: WhatDoTheyKnow files a reply by these (RFC 5322 3.6.4).</summary>
    public string? InReplyTo { get; init; }

    public IReadOnlyList<string> References { get; init; } = [];
    public IReadOnlyList<OutgoingAttachment> Attachments { get; init; } = [];
}

/// <summary>
/// The outbox: a letter is rendered to its final bytes and stored in the same transaction as the case
/// change that caused it; <see cref="OutboxSender"/> delivers it afterwards. The Message-ID and bytes are
/// fixed here, so a resend after a crash is the same message and recognisably so.
/// </summary>
public sealed class Outbox(TimeProvider time, string fromAddress, string fromName)
{
    public async Task<long> EnqueueAsync(NpgsqlConnection conn, NpgsqlTransaction tx, OutboxLetter letter, string actor, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var domain = fromAddress[(fromAddress.IndexOf('@', StringComparison.Ordinal) + 1)..];
        // Stored without angle brackets, as the parser stores incoming ids, so a reply's In-Reply-To or a
        // bounce's embedded Message-ID matches this row (the writer adds the brackets to the header).
        var messageId = $"foidesk.{Guid.NewGuid():N}@{domain}";
        var inReplyTo = letter.InReplyTo?.Trim().Trim('<', '>');
        var references = letter.References.Select(r => r.Trim().Trim('<', '>')).Concat(inReplyTo is null ? [] : [inReplyTo]).Distinct(StringComparer.Ordinal).ToList();
        var raw = LetterWriter.Write(new OutgoingMessage
        {
            From = [new MailboxAddress(fromName, fromAddress)],
            To = [new MailboxAddress(letter.ToName ?? "", letter.ToAddress)],
            Subject = letter.Subject,
            Date = now,
            MessageId = messageId,
            InReplyTo = inReplyTo,
            References = references,
            TextBody = letter.TextBody,
            HtmlBody = letter.HtmlBody,
            Attachments = letter.Attachments,
            // RFC 3834: automated replies (our acknowledgements) should not trigger others' auto-responders.
            ExtraHeaders = letter.Letter is "acknowledgement" or "reminder-digest" ? [new("Auto-Submitted", "auto-generated")] : [],
        });
        const string Sql = """
            insert into outgoing_message (case_id, letter, message_id, in_reply_to, "references", to_address, subject,
                text_body, html_body, raw, status, next_attempt_at, created_at, created_by)
            values (@CaseId, @Letter, @messageId, @InReplyTo, @references, @ToAddress, @Subject,
                @TextBody, @HtmlBody, @raw, 'queued', @now, @now, @actor)
            returning id
            """;
        var id = await conn.ExecuteScalarAsync<long>(new CommandDefinition(Sql, new
        {
            letter.CaseId,
            letter.Letter,
            messageId,
            InReplyTo = inReplyTo,
            references = references.ToArray(),
            letter.ToAddress,
            letter.Subject,
            letter.TextBody,
            letter.HtmlBody,
            raw,
            now,
            actor,
        }, tx, cancellationToken: ct));
        if (letter.CaseId is null)
        {
            return id;
        }

        const string Event = "insert into case_event (case_id, at, actor, kind, detail) values (@CaseId, @now, @actor, 'letter-queued', jsonb_build_object('letter', @Letter::text, 'outgoingId', @id, 'messageId', @messageId::text))";
        await conn.ExecuteAsync(new CommandDefinition(Event, new { letter.CaseId, now, actor, letter.Letter, id, messageId }, tx, cancellationToken: ct));
        return id;
    }

    /// <summary>British date for letters: 4 July 2025.</summary>
    public static string BritishDate(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"));
}
