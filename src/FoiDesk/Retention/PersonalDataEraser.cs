using System.Text.RegularExpressions;
using Dapper;
using Npgsql;

namespace FoiDesk.Retention;

/// <summary>What erasing one case removed: rows per place, and the copies of its mail in the data directory.</summary>
public sealed record ErasedCase(int RawEmails, int Letters, int Attachments, int AuditEntries, int Files);

/// <summary>
/// Removes a closed case's personal data in the caller's transaction and leaves the anonymised record: the case
/// row (reference, dates, regime, classification, outcome, status), its questions' teams, assignees and exemptions,
/// its clock events' names and dates, its timeline's kinds and times, and response_timeliness, which is all the
/// dashboard and statistics read. Every place requester data lives (migrations 0001-0321) is listed here; a new
/// table that holds any must be added (docs/retention.md lists them).
/// </summary>
public static partial class PersonalDataEraser
{
    public static async Task<ErasedCase> EraseAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long caseId, long runId, RetentionOptions options, DateTimeOffset now, CancellationToken ct)
    {
        var who = await conn.QuerySingleAsync<(string? Name, string? Email, string? ReplyTo, string RequestText)>(new CommandDefinition(
            "select requester_name, requester_email, reply_to_address, request_text from foi_case where id = @caseId for update", new { caseId }, tx, cancellationToken: ct));

        // Audit entries are append-only; the one change allowed (migrations/0320) replaces the detail of an entry
        // that quotes the requester (a search for their name, a reason quoting them) with a marker naming this
        // run's certificate. Who, when, what and which case stay. Patterns: the name, the addresses and any UK
        // postcode in the request (a postal address in the signature).
        var patterns = QuotedBy(who.Name, who.Email, who.ReplyTo, who.RequestText);
        await conn.ExecuteAsync(new CommandDefinition("select set_config('foidesk.retention_run', @run, true)", new { run = runId.ToString(System.Globalization.CultureInfo.InvariantCulture) }, tx, cancellationToken: ct));
        var auditEntries = patterns.Length == 0 ? 0 : await conn.ExecuteAsync(new CommandDefinition("""
            update audit_event set detail = jsonb_build_object('redacted', 'retention', 'certificate', @runId)
            where detail::text ilike any(@patterns) and not (detail ? 'redacted')
            """, new { runId, patterns }, tx, cancellationToken: ct));
        await conn.ExecuteAsync(new CommandDefinition("select set_config('foidesk.retention_run', '', true)", transaction: tx, cancellationToken: ct));

        // Raw mail as received, and its parse (from, subject, text); the drop-folder copy goes below.
        var rawFiles = (await conn.QueryAsync<(string Source, string SourceKey)>(new CommandDefinition("""
            with gone as (delete from incoming_message where case_id = @caseId returning raw_email_id)
            delete from raw_email where id in (select raw_email_id from gone) returning source, source_key
            """, new { caseId }, tx, cancellationToken: ct))).ToList();

        // Letters as sent: the row stays (the disclosure log and the timeline point at it) without recipient or text.
        var letterIds = (await conn.QueryAsync<string>(new CommandDefinition("""
            update outgoing_message set to_address = '', subject = '', text_body = '', html_body = '', raw = null,
                in_reply_to = null, "references" = '{}', last_error = null
            where case_id = @caseId returning message_id
            """, new { caseId }, tx, cancellationToken: ct))).ToList();

        var attachments = await conn.ExecuteAsync(new CommandDefinition(
            "delete from question_attachment where question_id in (select id from question where case_id = @caseId)", new { caseId }, tx, cancellationToken: ct));

        // The case and its questions lose their words, and so their search index entries (both tsvectors are
        // generated from these columns). Teams, assignees, answer kinds and exemptions stay for the statistics.
        await conn.ExecuteAsync(new CommandDefinition("""
            update foi_case set requester_name = null, requester_email = null, reply_to_address = null, wdtk_request_id = null,
                subject = '', request_text = '', preamble = '', closing = '', notes = '[]', proposal_reasons = '[]',
                publication_error = null, personal_data_deleted_at = @now, retention_run_id = @runId
            where id = @caseId;
            update question set text = '', original_text = '', parts = '[]', answer = '', returned_reason = null, fingerprint = ''
            where case_id = @caseId;
            update clock_event set note = '' where case_id = @caseId;
            update case_event set detail = jsonb_build_object('redacted', 'retention') where case_id = @caseId;
            delete from split_correction where case_id = @caseId;
            update retention_hold set reason = 'removed with the personal data (retention run ' || @runId || ')' where case_id = @caseId;
            """, new { caseId, runId, now }, tx, cancellationToken: ct));

        var files = 0;
        foreach (var (source, key) in rawFiles.Where(r => r.Source == "drop-folder"))
        {
            files += DeleteFile(options.ProcessedMailDirectory, key);
        }

        foreach (var messageId in letterIds)
        {
            files += DeleteFile(options.OutboxDirectory, Replies.PickupFolderSender.FileNameFor(messageId));
        }

        return new ErasedCase(rawFiles.Count, letterIds.Count, attachments, auditEntries, files);
    }

    /// <summary>ILIKE patterns for text that quotes the requester; short fragments are left out (they would match everyone).</summary>
    public static string[] QuotedBy(string? name, string? email, string? replyTo, string requestText)
    {
        var words = new List<string>();
        foreach (var value in new[] { name, email, replyTo })
        {
            if (!string.IsNullOrWhiteSpace(value) && value.Trim().Length >= 4)
            {
                words.Add(value.Trim());
            }
        }

        words.AddRange(Postcode().Matches(requestText).Select(m => m.Value));
        return [.. words.Distinct(StringComparer.OrdinalIgnoreCase).Select(w => "%" + w.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%")];
    }

    private static int DeleteFile(string? folder, string name)
    {
        if (folder is null || name.Contains('/', StringComparison.Ordinal) || name.Contains("..", StringComparison.Ordinal))
        {
            return 0;
        }

        var path = Path.Combine(folder, name);
        if (!File.Exists(path))
        {
            return 0;
        }

        File.Delete(path);
        return 1;
    }

    // A UK postcode (Royal Mail format: outward code, space, inward code).
    [GeneratedRegex(@"\b[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}\b")]
    private static partial Regex Postcode();
}
