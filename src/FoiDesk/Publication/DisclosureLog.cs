using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Dapper;
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

public sealed class DisclosureLogLeakException(string message) : Exception(message);

/// <summary>
/// Publishes responses the officers chose to publish as a static disclosure log: an HTML index, a page per
/// response (the letter as sent, redacted), and JSON and CSV. Personal data is removed, then every output is
/// checked again; if anything personal remains the publish fails and the previous log stays in place.
/// </summary>
public sealed class DisclosureLog(NpgsqlDataSource db, IOptions<DisclosureLogOptions> options, IOptions<AuthorityOptions> authority)
{
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
        public required string HtmlBody { get; init; }
        public required DateTimeOffset SentAt { get; init; }
    }

    public async Task<IReadOnlyList<PublishedEntry>> PublishAsync(string directory, CancellationToken ct)
    {
        const string Sql = """
            select distinct on (c.id) c.id, c.reference, c.subject, c.regime, c.requester_name as RequesterName,
                c.requester_email as RequesterEmail, c.reply_to_address as ReplyToAddress, o.html_body as HtmlBody, o.sent_at as SentAt
            from foi_case c join outgoing_message o on o.case_id = c.id
            where c.publish_to_log and o.status = 'sent' and o.letter in ('response', 'refusal', 'not-held')
            order by c.id, o.sent_at desc
            """;
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = (await conn.QueryAsync<Row>(new CommandDefinition(Sql, cancellationToken: ct))).OrderByDescending(r => r.SentAt).ToList();
        var staffNames = (await conn.QueryAsync<string>(new CommandDefinition("select display_name from account", cancellationToken: ct))).ToList();

        var staging = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(directory))!, $".disclosure-log-{Guid.NewGuid():N}");
        System.IO.Directory.CreateDirectory(Path.Combine(staging, "responses"));
        var entries = new List<PublishedEntry>();
        var outputs = new List<(string Path, string Content, PublishedFormat Format, RedactionPolicy Policy)>();
        foreach (var row in rows)
        {
            var policy = Policy(row, staffNames);
            var body = Redactor.Redact(row.HtmlBody, policy).Text;
            var subject = Redactor.Redact(row.Subject, policy).Text;
            var page = $"responses/{row.Reference}.html";
            var sent = LondonTime.DateOf(row.SentAt);
            entries.Add(new PublishedEntry(row.Reference, subject, sent.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), row.Regime ?? "", page));
            outputs.Add((page, Page($"{row.Reference}: {subject}", $"<p class=\"meta\">Response sent {WebUtility.HtmlEncode(Outbox.BritishDate(sent))}</p>\n{body}"), PublishedFormat.Html, policy));
        }

        outputs.Add(("index.html", Index(entries), PublishedFormat.Html, Policy(null, staffNames)));
        outputs.Add(("disclosure-log.json", JsonSerializer.Serialize(entries, Json), PublishedFormat.Json, Policy(null, staffNames)));
        outputs.Add(("disclosure-log.csv", Csv(entries), PublishedFormat.Csv, Policy(null, staffNames)));

        // Check every output against every case's personal data, not only its own: an index line must not
        // carry any requester's name either.
        var all = Policy(null, staffNames) with
        {
            RequesterNames = [.. rows.SelectMany(r => new[] { r.RequesterName }).OfType<string>().Where(n => n.Length > 0)],
        };
        var leaks = outputs.SelectMany(o => RedactionCheck.Check(o.Content, o.Format, all).Select(l => $"{o.Path}: {l.Kind} '{l.Value}'")).ToList();
        if (leaks.Count > 0)
        {
            System.IO.Directory.Delete(staging, recursive: true);
            throw new DisclosureLogLeakException($"personal data remains after redaction, nothing published: {string.Join("; ", leaks)}");
        }

        foreach (var (path, content, _, _) in outputs)
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

        return entries;
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

    private static string Page(string title, string body) => $"""
        <!DOCTYPE html>
        <html lang="en-GB"><head><meta charset="utf-8"><title>{WebUtility.HtmlEncode(title)}</title>
        <meta name="viewport" content="width=device-width, initial-scale=1"></head>
        <body><main><h1>{WebUtility.HtmlEncode(title)}</h1>
        {body}
        </main></body></html>
        """;

    private static string Csv(IReadOnlyList<PublishedEntry> entries)
    {
        var csv = new StringBuilder("reference,subject,sent,regime,page\r\n");
        foreach (var e in entries)
        {
            csv.Append(string.Join(',', Reporting.Csv.Field(e.Reference), Reporting.Csv.Field(e.Subject), Reporting.Csv.Field(e.Sent), Reporting.Csv.Field(e.Regime), Reporting.Csv.Field(e.Page))).Append("\r\n");
        }

        return csv.ToString();
    }
}
