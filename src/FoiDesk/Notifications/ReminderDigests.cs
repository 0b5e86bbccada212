using Dapper;
using FoiDesk.Deadlines;
using FoiDesk.Replies;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace FoiDesk.Notifications;

/// <param name="Digests">Emails queued, one per person.</param>
/// <param name="Notifications">Notification rows they carry, now marked sent.</param>
public sealed record DigestRun(int Digests, int Notifications);

/// <summary>The digest template: a subject and a Markdown body (templates/internal/reminder-digest.md).</summary>
public sealed record DigestTemplate(string Subject, string Body)
{
    public static readonly string RelativePath = Path.Combine("internal", "reminder-digest.md");

    /// <summary>The file is a <c>---</c> block holding <c>subject:</c> (and # comments), then the body. Throws <see cref="FormatException"/>.</summary>
    public static DigestTemplate Parse(string text, string source)
    {
        var normalised = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        var close = normalised.StartsWith("---\n", StringComparison.Ordinal) ? normalised.IndexOf("\n---\n", 3, StringComparison.Ordinal) : -1;
        var subject = close < 0
            ? null
            : normalised[4..close].Split('\n').Select(l => l.Trim())
                .FirstOrDefault(l => l.StartsWith("subject:", StringComparison.Ordinal))?["subject:".Length..].Trim();
        if (string.IsNullOrEmpty(subject))
        {
            throw new FormatException($"{source}: the digest template starts with a '---' block holding 'subject:'");
        }

        var template = new DigestTemplate(subject, normalised[(close + 5)..].TrimStart('\n'));
        TemplateEngine.Validate(template.Subject);
        TemplateEngine.Validate(template.Body);
        return template;
    }

    public static DigestTemplate Load(string templatesRoot)
    {
        var path = Path.Combine(templatesRoot, RelativePath);
        return Parse(File.ReadAllText(path), path);
    }
}

/// <summary>
/// Delivers what the morning run recorded: ONE email per person per working day (nobody wants thirty), grouped
/// by kind, each line with the case, the question, the due date and a link. Queuing the email in the outbox and
/// marking its rows sent are one transaction, so a row goes into the outbox exactly once; the outbox then
/// delivers at least once, as for letters. Disabled accounts get nothing (their rows stay pending). Only the
/// day's rows are delivered: each working morning records afresh everything still due, so a digest that was
/// never sent is superseded by the next day's rather than sent late.
/// </summary>
public sealed class ReminderDigests(NpgsqlDataSource db, Outbox outbox, DigestTemplate template, string publicUrl, TimeProvider time, ILogger<ReminderDigests> log)
{
    public const string Letter = "reminder-digest";

    private readonly string _base = publicUrl.TrimEnd('/');

    private sealed record Recipient
    {
        public required long Id { get; init; }
        public required string Email { get; init; }
        public required string DisplayName { get; init; }
    }

    private sealed record Line
    {
        public required long Id { get; init; }
        public required string Kind { get; init; }
        public required string Reference { get; init; }
        public long? QuestionId { get; init; }
        public string? QuestionNumber { get; init; }
        public required DateOnly DueDate { get; init; }
    }

    public async Task<DigestRun> DeliverAsync(CancellationToken ct)
    {
        var day = LondonTime.DateOf(time.GetUtcNow());
        const string Recipients = """
            select distinct a.id, a.email::text as Email, a.display_name as DisplayName
            from notification n join account a on a.id = n.recipient_account_id
            where n.status = 'pending' and n.for_working_day = @day and not a.disabled
            order by a.id
            """;
        List<Recipient> recipients;
        await using (var conn = await db.OpenConnectionAsync(ct))
        {
            recipients = [.. await conn.QueryAsync<Recipient>(new CommandDefinition(Recipients, new { day }, cancellationToken: ct))];
        }

        int digests = 0, notifications = 0;
        foreach (var recipient in recipients)
        {
            var sent = await DeliverOneAsync(recipient, day, ct);
            digests += sent > 0 ? 1 : 0;
            notifications += sent;
        }

        log.LogInformation("Reminder digests for {Day:yyyy-MM-dd}: {Digests} emails carrying {Notifications} notifications", day, digests, notifications);
        return new DigestRun(digests, notifications);
    }

    private async Task<int> DeliverOneAsync(Recipient recipient, DateOnly day, CancellationToken ct)
    {
        // skip locked: a second instance delivering at the same moment leaves these rows to the first.
        const string Sql = """
            select n.id, n.kind, c.reference, n.question_id as QuestionId, q.number as QuestionNumber, n.due_date as DueDate
            from notification n join foi_case c on c.id = n.case_id left join question q on q.id = n.question_id
            where n.recipient_account_id = @Id and n.for_working_day = @day and n.status = 'pending'
            order by n.due_date, c.reference, q.position
            for update of n skip locked
            """;
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var lines = (await conn.QueryAsync<Line>(new CommandDefinition(Sql, new { recipient.Id, day }, tx, cancellationToken: ct))).ToList();
        if (lines.Count == 0)
        {
            return 0;
        }

        var (subject, text, html) = Render(recipient, day, lines);
        await outbox.EnqueueAsync(conn, tx, new OutboxLetter
        {
            CaseId = null,
            Letter = Letter,
            ToAddress = recipient.Email,
            ToName = recipient.DisplayName,
            Subject = subject,
            TextBody = text,
            HtmlBody = html,
        }, "reminders", ct);
        // 'sent' here means handed to the outbox, in the same transaction: never queued twice.
        await conn.ExecuteAsync(new CommandDefinition("update notification set status = 'sent' where id = any(@ids)",
            new { ids = lines.Select(l => l.Id).ToArray() }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return lines.Count;
    }

    private (string Subject, string Text, string Html) Render(Recipient recipient, DateOnly day, List<Line> lines)
    {
        List<TemplateScope> Items(string kind) => [.. lines.Where(l => l.Kind == kind).Select(l => new TemplateScope(new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["case"] = l.Reference,
            ["question"] = l.QuestionNumber,
            ["due"] = l.DueDate,
            ["link"] = new LinkValue(LinkFor(l)),
        }))];
        var scope = new TemplateScope(new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["name"] = recipient.DisplayName,
            ["day"] = day,
            ["count"] = lines.Count,
            ["escalations"] = Items(NotificationKinds.Escalation),
            ["caseDue"] = Items(NotificationKinds.CaseDue),
            ["icoDue"] = Items(NotificationKinds.IcoDue),
            ["reminders"] = Items(NotificationKinds.Reminder),
        });
        var body = TemplateEngine.Render(template.Body, scope, LetterLanguage.English);
        var subject = TemplateEngine.Render(template.Subject, scope, LetterLanguage.English);
        var problems = body.MissingFields.Concat(body.UnknownFields).Concat(subject.MissingFields).Concat(subject.UnknownFields).ToList();
        if (problems.Count > 0)
        {
            throw new FormatException($"the reminder digest template names fields it cannot print: {string.Join(", ", problems)}");
        }

        var subjectLine = LetterMarkdown.ToText(subject.Markdown).ReplaceLineEndings(" ").Trim();
        var doc = LetterMarkdown.Parse(body.Markdown);
        return (subjectLine, LetterMarkdown.ToText(doc), EmailHtml.Document(LetterMarkdown.ToHtmlFragment(doc), subjectLine, LetterLanguage.English));
    }

    /// <summary>The assignee's own question page for a reminder; the case page for managers and IG officers.</summary>
    private string LinkFor(Line l) => l.Kind == NotificationKinds.Reminder && l.QuestionId is { } q
        ? $"{_base}/my-questions/{q}"
        : $"{_base}/cases/{Uri.EscapeDataString(l.Reference)}";
}
