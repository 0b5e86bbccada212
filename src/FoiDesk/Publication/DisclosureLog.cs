using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Dapper;
using FoiDesk.Approval;
using FoiDesk.Audit;
using FoiDesk.Cases;
using FoiDesk.Redaction;
using FoiDesk.Replies;
using Microsoft.Extensions.Options;
using Npgsql;

namespace FoiDesk.Publication;

/// <summary>The "FoiDesk:DisclosureLog" section.</summary>
public sealed class DisclosureLogOptions
{
    public const string Section = "FoiDesk:DisclosureLog";

    /// <summary>Where the static log is written (a web server or the council's CMS picks it up).</summary>
    public string? Directory { get; set; }

    /// <summary>Staff at or above this grade are named in published responses; below it, redacted.</summary>
    public int NameStaffAtOrAboveGrade { get; set; } = int.MaxValue;

    /// <summary>Staff and their grades (names below the threshold are removed).</summary>
    public List<StaffGrade> Staff { get; set; } = [];

    public sealed class StaffGrade
    {
        public string Name { get; set; } = "";
        public int Grade { get; set; }
    }
}

public sealed record PublishedEntry(string Reference, string Subject, string Sent, string Regime, string Page);

/// <summary>A response the redaction check kept out of the log, with what it found.</summary>
public sealed record PublicationFailure(string Reference, string Reason);

/// <summary>What a publish did: whether the log was written, what is in it, and what was kept out.</summary>
public sealed record PublicationRun(bool Written, IReadOnlyList<PublishedEntry> Published, IReadOnlyList<PublicationFailure> Failed);

/// <summary>A case's place in the disclosure log, for the case page.</summary>
public sealed record PublicationState
{
    public required bool Chosen { get; init; }

    /// <summary>Null while waiting for the next run (or not chosen); "published" or "failed" after one.</summary>
    public string? Status { get; init; }
    public string? Error { get; init; }
    public DateTimeOffset? PublishedAt { get; init; }
}

public sealed class DisclosureLogLeakException(string message) : Exception(message);

/// <summary>The case may not be published: a subject access request (or a review of one) is the requester's own personal data.</summary>
public sealed class PublicationRefusedException(string message) : Exception(message);

/// <summary>
/// Publishes responses the officers chose to publish as a static disclosure log: an HTML index, a page per
/// response (the letter as sent, redacted), and JSON and CSV. Personal data is removed, then every output is
/// checked again: a response whose page still holds anything personal is kept out of the log and its case
/// marked failed with the reason, and the rest are published. Each case records the sent letter it was last
/// published (or failed) from, so a run with nothing new or withdrawn writes nothing.
/// </summary>
public sealed class DisclosureLog(NpgsqlDataSource db, CaseStore cases, AuditLog audit, IOptions<DisclosureLogOptions> options, IOptions<AuthorityOptions> authority, TimeProvider time)
{
    /// <summary>
    /// The one rule for what is never published, over foi_case as c: a subject access request, or a review of
    /// one (UK GDPR Art. 15 responses are the requester's own personal data). migrations/0190 enforces it in
    /// the database too, so no other path can set publish_to_log on such a case.
    /// </summary>
    internal const string IsSubjectAccess = "(c.classification = 'sar' or c.regime is not distinct from 'sar')";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private sealed record Row
    {
        public required long Id { get; init; }
        public required string Reference { get; init; }
        public required string Subject { get; init; }
        public string? Regime { get; init; }
        public string? RequesterName { get; init; }
        public string? RequesterEmail { get; init; }
        public string? ReplyToAddress { get; init; }
        public required long OutgoingId { get; init; }
        public required string HtmlBody { get; init; }
        public required DateTimeOffset SentAt { get; init; }
        public string? PublicationStatus { get; init; }
        public long? PublicationOutgoingId { get; init; }
    }

    /// <summary>The configured folder (FoiDesk:DisclosureLog:Directory; the host defaults it into the data directory).</summary>
    public string Directory => options.Value.Directory
        ?? throw new InvalidOperationException($"set {DisclosureLogOptions.Section}:Directory to publish the disclosure log");

    /// <summary>
    /// Writes the log from every case chosen for publication whose response has been sent.
    /// </summary>
    /// <param name="onlyWhenChanged">
    /// The scheduled run: do nothing unless a chosen case has a sent response not yet dealt with, or a
    /// published case was withdrawn. Otherwise every chosen case is checked and the log rewritten.
    /// </param>
    /// <exception cref="DisclosureLogLeakException">The index, JSON or CSV would leak: nothing is written.</exception>
    public async Task<PublicationRun> PublishAsync(string directory, CancellationToken ct, bool onlyWhenChanged = false)
    {
        const string Sql = $"""
            select distinct on (c.id) c.id, c.reference, c.subject, c.regime, c.requester_name as RequesterName,
                c.requester_email as RequesterEmail, c.reply_to_address as ReplyToAddress, o.id as OutgoingId,
                o.html_body as HtmlBody, o.sent_at as SentAt, c.publication_status as PublicationStatus,
                c.publication_outgoing_id as PublicationOutgoingId
            from foi_case c join outgoing_message o on o.case_id = c.id
            where c.publish_to_log and not {IsSubjectAccess} and o.status = 'sent' and o.letter in ('response', 'refusal', 'not-held')
            order by c.id, o.sent_at desc, o.id desc
            """;
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = (await conn.QueryAsync<Row>(new CommandDefinition(Sql, cancellationToken: ct))).OrderByDescending(r => r.SentAt).ToList();
        var withdrawn = (await conn.QueryAsync<long>(new CommandDefinition(
            $"select c.id from foi_case c where c.publication_status = 'published' and (not c.publish_to_log or {IsSubjectAccess})", cancellationToken: ct))).ToList();
        if (onlyWhenChanged && withdrawn.Count == 0 && rows.All(r => r.PublicationOutgoingId == r.OutgoingId))
        {
            return new PublicationRun(false, [], []);
        }

        var staffNames = (await conn.QueryAsync<string>(new CommandDefinition("select display_name from account", cancellationToken: ct))).ToList();
        // Check every output against every case's personal data, not only its own: a page or an index line
        // must not carry any requester's name either.
        var all = Policy(null, staffNames) with
        {
            RequesterNames = [.. rows.Select(r => r.RequesterName).OfType<string>().Where(n => n.Length > 0)],
        };
        var entries = new List<(Row Row, PublishedEntry Entry)>();
        var failed = new List<(Row Row, PublicationFailure Failure)>();
        var outputs = new List<(string Path, string Content, PublishedFormat Format)>();
        foreach (var row in rows)
        {
            var policy = Policy(row, staffNames);
            var body = Redactor.Redact(row.HtmlBody, policy).Text;
            var subject = Redactor.Redact(row.Subject, policy).Text;
            var page = $"responses/{row.Reference}.html";
            var sent = LondonTime.DateOf(row.SentAt);
            var html = Page($"{row.Reference}: {subject}", $"<p class=\"meta\">Response sent {WebUtility.HtmlEncode(Outbox.BritishDate(sent))}</p>\n{body}");
            var leaks = RedactionCheck.Check(html, PublishedFormat.Html, all);
            if (leaks.Count > 0)
            {
                failed.Add((row, new PublicationFailure(row.Reference,
                    $"personal data remains after redaction: {string.Join("; ", leaks.Select(l => $"{l.Kind} '{l.Value}'"))}")));
                continue;
            }

            // The second check knows no names, so it catches the people the redactor was never told about.
            var thirdParties = NameHeuristics.FindInHtml(html, PublishedNames(policy));
            if (thirdParties.Count > 0)
            {
                failed.Add((row, new PublicationFailure(row.Reference,
                    $"possible names of people found by the independent check: {string.Join(", ", thirdParties.Select(n => $"'{n}'"))}; remove them from the letter and choose publication again")));
                continue;
            }

            entries.Add((row, new PublishedEntry(row.Reference, subject, sent.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), row.Regime ?? "", page)));
            outputs.Add((page, html, PublishedFormat.Html));
        }

        var published = entries.Select(e => e.Entry).ToList();
        outputs.Add(("index.html", Index(published), PublishedFormat.Html));
        outputs.Add(("disclosure-log.json", JsonSerializer.Serialize(published, Json), PublishedFormat.Json));
        outputs.Add(("disclosure-log.csv", Csv(published), PublishedFormat.Csv));
        var listingLeaks = outputs.Skip(published.Count)
            .SelectMany(o => RedactionCheck.Check(o.Content, o.Format, all).Select(l => $"{o.Path}: {l.Kind} '{l.Value}'")).ToList();
        if (listingLeaks.Count > 0)
        {
            throw new DisclosureLogLeakException($"personal data remains after redaction, nothing published: {string.Join("; ", listingLeaks)}");
        }

        await WriteAsync(directory, outputs, ct);
        await RecordAsync(conn, entries.Select(e => e.Row), failed, withdrawn, ct);
        return new PublicationRun(true, published, [.. failed.Select(f => f.Failure)]);
    }

    /// <summary>Each case remembers the letter it was published or refused from; the timeline shows changes.</summary>
    private async Task RecordAsync(NpgsqlConnection conn, IEnumerable<Row> published, List<(Row Row, PublicationFailure Failure)> failed, List<long> withdrawn, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var tx = await conn.BeginTransactionAsync(ct);
        const string Actor = "disclosure-log";
        foreach (var row in published.Where(r => r.PublicationStatus != "published" || r.PublicationOutgoingId != r.OutgoingId))
        {
            await conn.ExecuteAsync(new CommandDefinition("""
                update foi_case set publication_status = 'published', publication_outgoing_id = @OutgoingId,
                    publication_error = null, published_at = @now where id = @Id
                """, new { row.OutgoingId, row.Id, now }, tx, cancellationToken: ct));
            await cases.AddEventAsync(conn, tx, row.Id, Actor, "published", new { outgoingId = row.OutgoingId }, ct);
        }

        foreach (var (row, failure) in failed.Where(f => f.Row.PublicationStatus != "failed" || f.Row.PublicationOutgoingId != f.Row.OutgoingId))
        {
            await conn.ExecuteAsync(new CommandDefinition("""
                update foi_case set publication_status = 'failed', publication_outgoing_id = @OutgoingId,
                    publication_error = @Reason, published_at = null where id = @Id
                """, new { row.OutgoingId, failure.Reason, row.Id }, tx, cancellationToken: ct));
            await cases.AddEventAsync(conn, tx, row.Id, Actor, "publication-failed", new { outgoingId = row.OutgoingId, reason = failure.Reason }, ct);
        }

        foreach (var id in withdrawn)
        {
            await conn.ExecuteAsync(new CommandDefinition("""
                update foi_case set publication_status = null, publication_outgoing_id = null, published_at = null where id = @id
                """, new { id }, tx, cancellationToken: ct));
            await cases.AddEventAsync(conn, tx, id, Actor, "unpublished", new { }, ct);
        }

        await tx.CommitAsync(ct);
    }

    /// <summary>
    /// The officer's choice for one case. Choosing to publish (again) makes the next run check it afresh; a
    /// published case that is withdrawn stays marked published until the next run takes it out of the log.
    /// </summary>
    /// <exception cref="PublicationRefusedException">Publishing was chosen for a subject access request.</exception>
    public async Task<bool> ChooseAsync(string reference, bool publish, Actor actor, CancellationToken ct)
    {
        const string Sql = """
            update foi_case set publish_to_log = @publish,
                publication_status = case when @publish or publication_status = 'failed' then null else publication_status end,
                publication_outgoing_id = case when @publish then null else publication_outgoing_id end,
                publication_error = null
            where reference = @reference
            returning id
            """;
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var sar = await conn.ExecuteScalarAsync<bool?>(new CommandDefinition(
            $"select {IsSubjectAccess} from foi_case c where c.reference = @reference for update", new { reference }, tx, cancellationToken: ct));
        if (sar is null)
        {
            return false;
        }

        if (publish && sar.Value)
        {
            throw new PublicationRefusedException($"{reference} is a subject access request: its response is the requester's own personal data and is never published in the disclosure log");
        }

        var caseId = await conn.ExecuteScalarAsync<long>(new CommandDefinition(Sql, new { reference, publish }, tx, cancellationToken: ct));

        await cases.AddEventAsync(conn, tx, caseId, actor.Name, "publication-chosen", new { publish }, ct);
        await audit.RecordAsync(actor.AccountId, actor.Name, "publication-chosen", reference, new { publish }, ct, conn, tx);
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>Where a case stands: chosen or not, and whether (and when) it was published or why it failed.</summary>
    public async Task<PublicationState> StateAsync(long caseId, CancellationToken ct)
    {
        const string Sql = """
            select publish_to_log as Chosen, publication_status as Status, publication_error as Error, published_at as PublishedAt
            from foi_case where id = @caseId
            """;
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.QuerySingleAsync<PublicationState>(new CommandDefinition(Sql, new { caseId }, cancellationToken: ct));
    }

    private static async Task WriteAsync(string directory, List<(string Path, string Content, PublishedFormat Format)> outputs, CancellationToken ct)
    {
        var staging = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(directory))!, $".disclosure-log-{Guid.NewGuid():N}");
        System.IO.Directory.CreateDirectory(Path.Combine(staging, "responses"));
        foreach (var (path, content, _) in outputs)
        {
            await File.WriteAllTextAsync(Path.Combine(staging, path), content, Encoding.UTF8, ct);
        }

        // Swap the new log in whole, so readers never see a half-written one.
        var target = Path.GetFullPath(directory);
        var old = target + $".old-{Guid.NewGuid():N}";
        if (System.IO.Directory.Exists(target))
        {
            System.IO.Directory.Move(target, old);
        }

        System.IO.Directory.Move(staging, target);
        if (System.IO.Directory.Exists(old))
        {
            System.IO.Directory.Delete(old, recursive: true);
        }
    }

    private RedactionPolicy Policy(Row? row, IReadOnlyList<string> staffNames)
    {
        var o = options.Value;
        var graded = o.Staff.Select(s => new StaffMember(s.Name, s.Grade)).ToList();
        // Staff not listed with a grade are treated as junior: their names are removed.
        graded.AddRange(staffNames.Where(n => graded.All(g => !g.Name.Equals(n, StringComparison.OrdinalIgnoreCase))).Select(n => new StaffMember(n, 0)));
        return new RedactionPolicy
        {
            RequesterNames = row?.RequesterName is { Length: > 0 } name ? [name] : [],
            Staff = graded,
            NameStaffAtOrAboveGrade = o.NameStaffAtOrAboveGrade,
            AllowedEmails = [authority.Value.FoiEmail],
            AllowedPhones = authority.Value.Phone is { } phone ? [phone] : [],
        };
    }

    /// <summary>Names the log may show: senior staff (by the council's threshold), the authority and the regulator.</summary>
    private IEnumerable<string> PublishedNames(RedactionPolicy policy) =>
        policy.Staff.Where(s => s.Grade >= policy.NameStaffAtOrAboveGrade).Select(s => s.Name)
            .Append(authority.Value.Name).Append("Information Commissioner");

    private string Index(IReadOnlyList<PublishedEntry> entries)
    {
        var rows = new StringBuilder();
        foreach (var e in entries)
        {
            rows.Append(CultureInfo.InvariantCulture, $"<tr><td><a href=\"{WebUtility.HtmlEncode(e.Page)}\">{WebUtility.HtmlEncode(e.Reference)}</a></td><td>{WebUtility.HtmlEncode(e.Subject)}</td><td>{WebUtility.HtmlEncode(e.Sent)}</td></tr>\n");
        }

        return Page($"{authority.Value.Name}: disclosure log", $"""
            <p>Responses to Freedom of Information and Environmental Information requests, with personal data removed.
            Also available as <a href="disclosure-log.json">JSON</a> and <a href="disclosure-log.csv">CSV</a>.</p>
            <table><caption>Published responses</caption>
            <thead><tr><th scope="col">Reference</th><th scope="col">Request</th><th scope="col">Response sent</th></tr></thead>
            <tbody>
            {rows}</tbody></table>
            """);
    }

    /// <summary>
    /// The log is static files served by whatever web server the council uses, so its Content Security Policy
    /// travels in the page (security review M3). Nothing may run or load: no script, frame, image, font or
    /// form target. Inline style attributes stay allowed because published letters are email-safe HTML with
    /// every style inline; with every fetch directive 'none', CSS cannot load anything either.
    /// </summary>
    public const string ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

    private static string Page(string title, string body) => $"""
        <!DOCTYPE html>
        <html lang="en-GB"><head><meta charset="utf-8">
        <meta http-equiv="Content-Security-Policy" content="{ContentSecurityPolicy}">
        <meta name="referrer" content="no-referrer"><title>{WebUtility.HtmlEncode(title)}</title>
        <meta name="viewport" content="width=device-width, initial-scale=1"></head>
        <body><main><h1>{WebUtility.HtmlEncode(title)}</h1>
        {body}
        </main></body></html>
        """;

    /// <summary>The log as CSV, written like every FoiDesk CSV (<see cref="Reporting.Csv"/>): request subjects come from the public, so formula cells are neutralised.</summary>
    private static string Csv(IReadOnlyList<PublishedEntry> entries) => Reporting.Csv.Write(
        ["reference", "subject", "sent", "regime", "page"],
        entries.Select(e => (IReadOnlyList<object?>)[e.Reference, e.Subject, e.Sent, e.Regime, e.Page]));
}
