using System.Globalization;
using Dapper;
using FoiDesk.Cases;
using FoiDesk.Deadlines;
using Npgsql;

namespace FoiDesk.Intake;

/// <summary>
/// The acknowledgement an officer's confirmation of a case sends: queued in the outbox (outgoing_message) in the
/// caller's transaction, threaded on the request (In-Reply-To/References) and keeping the request's subject, so
/// WhatDoTheyKnow files it with the request. The body is plain text for now; the template renderer replaces it.
/// </summary>
public sealed class Acknowledgements(CaseStore cases, HolidayStore holidays, TimeProvider time)
{
    private static readonly CultureInfo British = CultureInfo.GetCultureInfo("en-GB");

    public async Task<long> QueueAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long caseId, string actor, CancellationToken ct)
    {
        var c = await cases.FindAsync(caseId, ct) ?? throw new KeyNotFoundException($"no case {caseId}");
        var to = c.ReplyToAddress ?? c.RequesterEmail ?? throw new InvalidOperationException($"{c.Reference} has no address to acknowledge to");
        var requestMessageId = await conn.QueryFirstOrDefaultAsync<string?>(new CommandDefinition("""
            select message_id from incoming_message where case_id = @caseId and route = 'request' order by raw_email_id limit 1
            """, new { caseId }, tx, cancellationToken: ct));
        var dates = CaseClock.Compute(c, await CaseStore.ClockEventsAsync(conn, tx, caseId, ct), await holidays.CurrentAsync(ct));
        var due = dates is not null && dates.Dates.TryGetValue("response_due", out var d) ? d : (DateOnly?)null;

        var body = $"Dear {c.RequesterName ?? "requester"},\n\n" +
            $"Thank you for your request, which we received on {LondonTime.DateOf(c.ReceivedAt).ToString("d MMMM yyyy", British)}. " +
            $"Our reference is {c.Reference}; please quote it in any correspondence.\n\n" +
            (due is { } date
                ? $"We will respond by {date.ToString("d MMMM yyyy", British)}.\n"
                : "We will respond as soon as we can.\n");
        var now = time.GetUtcNow();
        const string Sql = """
            insert into outgoing_message (case_id, letter, message_id, in_reply_to, "references", to_address, subject, text_body, html_body,
                status, next_attempt_at, created_at, created_by)
            values (@caseId, 'acknowledgement', @messageId, @inReplyTo, @references, @to, @subject, @body, '', 'queued', @now, @now, @actor)
            returning id
            """;
        var id = await conn.ExecuteScalarAsync<long>(new CommandDefinition(Sql, new
        {
            caseId,
            // Stored bare, as the parser stores incoming ids, so replies and bounces thread back by equality;
            // the writer adds the angle brackets: Message-ID: <{guid}@foidesk>.
            messageId = $"{Guid.NewGuid():N}@foidesk",
            inReplyTo = requestMessageId,
            references = requestMessageId is null ? Array.Empty<string>() : [requestMessageId],
            to,
            subject = Subject(c.Subject, c.Reference),
            body,
            now,
            actor,
        }, tx, cancellationToken: ct));
        await cases.AddEventAsync(conn, tx, caseId, actor, "acknowledgement-queued", new { outgoingMessageId = id, to }, ct);
        return id;
    }

    /// <summary>"Re: {the request's subject} [{reference}]": WhatDoTheyKnow matches replies by subject and address.</summary>
    public static string Subject(string original, string reference)
    {
        var subject = original.Trim();
        var re = subject.StartsWith("re:", StringComparison.OrdinalIgnoreCase) ? subject : "Re: " + subject;
        return $"{re} [{reference}]";
    }
}
