using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using Dapper;
using FoiDesk.Audit;
using FoiDesk.Cases;
using FoiDesk.Deadlines;
using Npgsql;

namespace FoiDesk.Ico;

/// <summary>
/// The evidence bundle for an ICO investigation (FOIA s.50), in the order the ICO's investigation letters ask for
/// it: a chronology of the request (received, clarifications, fees, extensions, response, with the working-day
/// count shown), the correspondence (the request and every email as received, byte for byte; every letter as
/// sent), the internal review, the exemptions relied on with the public-interest reasoning, and the audit extract;
/// an index first. See docs/ico.md. Building a bundle is audited: it holds the requester's personal data.
/// </summary>
public sealed class EvidenceBundle(NpgsqlDataSource db, CaseStore cases, CaseClock clock, AuditLog audit, TimeProvider time)
{
    private static readonly CultureInfo En = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>The bundle's files in order (index first); null when there is no such case.</summary>
    public async Task<IReadOnlyList<BundleFile>?> FilesAsync(string reference, long? accountId, string actor, CancellationToken ct)
    {
        if (await cases.FindAsync(reference.Trim().ToUpperInvariant(), ct) is not { } c)
        {
            return null;
        }

        if (await IsErasedAsync(c.Id, ct))
        {
            throw new IcoException(IcoProblem.Invalid, $"{c.Reference}'s personal data was deleted under the retention schedule; there is no correspondence to bundle");
        }

        var reviews = new List<CaseRow>();
        await using (var conn = await db.OpenConnectionAsync(ct))
        {
            foreach (var id in await conn.QueryAsync<long>(new CommandDefinition(
                "select id from foi_case where parent_case_id = @Id and classification = 'review' order by received_at, id", new { c.Id }, cancellationToken: ct)))
            {
                reviews.Add((await cases.FindAsync(id, ct))!);
            }
        }

        var files = new List<BundleFile>
        {
            Html("01-chronology.html", "Chronology, with the working-day calculation", await ChronologyAsync(c, reviews, ct)),
        };
        var n = 0;
        foreach (var item in await CorrespondenceAsync([c, .. reviews], ct))
        {
            n++;
            files.Add(new BundleFile($"02-correspondence/{n:00}-{item.Day:yyyy-MM-dd}-{item.Kind}.eml", $"{item.Day.ToString("d MMMM yyyy", En)}: {item.Title}", item.Bytes));
        }

        files.Add(Html("03-internal-review.html", "The internal review", await ReviewAsync(reviews, ct)));
        files.Add(Html("04-exemptions.html", "Exemptions relied on, with the public interest reasoning", await ExemptionsAsync([c, .. reviews], ct)));
        files.Add(Html("05-audit-extract.html", "Audit extract", await AuditExtractAsync([c, .. reviews], ct)));
        files.Insert(0, Html("00-index.html", "Index", Index(c, files)));
        await audit.RecordAsync(accountId, actor, "evidence-bundle-built", c.Reference, new { files = files.Count }, ct);
        return files;
    }

    /// <summary>The bundle as a ZIP, files in the index's order.</summary>
    public static byte[] Zip(IReadOnlyList<BundleFile> files)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var f in files)
            {
                var entry = zip.CreateEntry(f.Path, CompressionLevel.Optimal);
                using var s = entry.Open();
                s.Write(f.Bytes);
            }
        }

        return buffer.ToArray();
    }

    private async Task<bool> IsErasedAsync(long caseId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.ExecuteScalarAsync<bool>(new CommandDefinition("select personal_data_deleted_at is not null from foi_case where id = @caseId", new { caseId }, cancellationToken: ct));
    }

    private static string Index(CaseRow c, IReadOnlyList<BundleFile> files)
    {
        var b = new StringBuilder();
        b.Append(CultureInfo.InvariantCulture, $"<h1>Evidence bundle: {E(c.Reference)}</h1><p>{E(c.Subject)}</p><ol>");
        foreach (var f in files)
        {
            b.Append(CultureInfo.InvariantCulture, $"<li><a href=\"{E(f.Path)}\">{E(f.Path)}</a>: {E(f.Title)}</li>");
        }

        return b.Append("</ol>").ToString();
    }

    private async Task<string> ChronologyAsync(CaseRow c, IReadOnlyList<CaseRow> reviews, CancellationToken ct)
    {
        var b = new StringBuilder();
        foreach (var x in new[] { c }.Concat(reviews))
        {
            b.Append(CultureInfo.InvariantCulture, $"<h1>{(x.Classification == Classifications.Review ? "Internal review" : "Request")} {E(x.Reference)}</h1>");
            b.Append(CultureInfo.InvariantCulture, $"<p>Received {E(LondonTime.DateOf(x.ReceivedAt).ToString("dddd d MMMM yyyy", En))}; regime {E(x.Regime ?? "none")}; status {E(x.Status)}{(x.Outcome is { } o ? $"; outcome {E(o)}" : "")}.</p>");
            b.Append("<h2>Events</h2><table><thead><tr><th>Date</th><th>Event</th><th>Recorded by</th><th>Note</th></tr></thead><tbody>");
            foreach (var e in await cases.ClockEventsAsync(x.Id, ct))
            {
                b.Append(CultureInfo.InvariantCulture, $"<tr><td>{e.OccurredOn:yyyy-MM-dd}</td><td>{E(e.Name.Replace('_', ' '))}</td><td>{E(e.RecordedBy)}</td><td>{E(e.Note)}</td></tr>");
            }

            b.Append("</tbody></table>");
            // The same working the case page shows (the deadline engine's own steps), so the ICO can check each date.
            if (await clock.ComputeAsync(x, ct) is { } result)
            {
                b.Append(CultureInfo.InvariantCulture, $"<h2>Working-day calculation</h2><p>{E(result.Regime.Key())} clock, {E(result.Calendar.ToString())} calendar, holiday table {E(result.HolidayTableVersion)}.</p><ul>");
                foreach (var (name, date) in result.Dates)
                {
                    b.Append(CultureInfo.InvariantCulture, $"<li>{E(name.Replace('_', ' '))}: {date:yyyy-MM-dd}</li>");
                }

                b.Append("</ul><ol>");
                foreach (var step in result.Working)
                {
                    b.Append(CultureInfo.InvariantCulture, $"<li>{step.Date:yyyy-MM-dd}: {E(step.Text)}</li>");
                }

                b.Append("</ol>");
                foreach (var w in result.Warnings)
                {
                    b.Append(CultureInfo.InvariantCulture, $"<p><strong>Check:</strong> {E(w)}</p>");
                }
            }

            b.Append("<h2>Timeline</h2><ol>");
            foreach (var e in await cases.TimelineAsync(x.Id, ct))
            {
                b.Append(CultureInfo.InvariantCulture, $"<li>{E(TimeZoneInfo.ConvertTime(e.At, LondonTime.Zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture))} {E(e.Kind)} by {E(e.Actor)}</li>");
            }

            b.Append("</ol>");
        }

        return b.ToString();
    }

    private sealed record Mail
    {
        public required DateTimeOffset At { get; init; }
        public required string Kind { get; init; }
        public required string Title { get; init; }
        public required byte[] Bytes { get; init; }
        public DateOnly Day => LondonTime.DateOf(At);
    }

    /// <summary>Mail received (raw, byte for byte as stored) and letters as sent (the bytes handed to the mail server), in time order.</summary>
    private async Task<IReadOnlyList<Mail>> CorrespondenceAsync(IReadOnlyList<CaseRow> all, CancellationToken ct)
    {
        var ids = all.Select(x => x.Id).ToArray();
        await using var conn = await db.OpenConnectionAsync(ct);
        var received = await conn.QueryAsync<Mail>(new CommandDefinition("""
            select r.arrived_at as At, 'received' as Kind, 'received: ' || coalesce(nullif(i.subject, ''), '(no subject)') as Title, r.bytes
            from incoming_message i join raw_email r on r.id = i.raw_email_id where i.case_id = any(@ids)
            """, new { ids }, cancellationToken: ct));
        var sent = await conn.QueryAsync<Mail>(new CommandDefinition("""
            select coalesce(sent_at, created_at) as At, 'sent-' || letter as Kind, 'sent: ' || letter || ' letter' as Title, raw as Bytes
            from outgoing_message where case_id = any(@ids) and status = 'sent' and raw is not null
            """, new { ids }, cancellationToken: ct));
        return [.. received.Concat(sent).OrderBy(m => m.At)];
    }

    private async Task<string> ReviewAsync(List<CaseRow> reviews, CancellationToken ct)
    {
        if (reviews.Count == 0)
        {
            return "<h1>Internal review</h1><p>No internal review is recorded for this request.</p>";
        }

        var b = new StringBuilder("<h1>Internal review</h1>");
        foreach (var r in reviews)
        {
            b.Append(CultureInfo.InvariantCulture, $"<h2>{E(r.Reference)}</h2><p>Requested {E(LondonTime.DateOf(r.ReceivedAt).ToString("d MMMM yyyy", En))}; status {E(r.Status)}; outcome {E(r.Outcome ?? "not yet decided")}.</p>");
            b.Append(CultureInfo.InvariantCulture, $"<h3>The request for review</h3><pre>{E(r.RequestText)}</pre><h3>The reviewer's findings</h3>");
            foreach (var q in await cases.QuestionsAsync(r.Id, ct))
            {
                b.Append(CultureInfo.InvariantCulture, $"<h4>{E(q.Number)}. {E(q.Text)}</h4><pre>{E(q.Answer)}</pre>");
            }
        }

        return b.ToString();
    }

    private async Task<string> ExemptionsAsync(IReadOnlyList<CaseRow> all, CancellationToken ct)
    {
        var b = new StringBuilder("<h1>Exemptions relied on</h1>");
        var any = false;
        foreach (var x in all)
        {
            foreach (var q in (await cases.QuestionsAsync(x.Id, ct)).Where(q => q.Exemption is not null && q.Status != "merged"))
            {
                any = true;
                b.Append(CultureInfo.InvariantCulture, $"<h2>{E(x.Reference)} question {E(q.Number)}</h2><p>{E(q.Text)}</p><dl>");
                using var doc = JsonDocument.Parse(q.Exemption!);
                Describe(b, doc.RootElement);
                b.Append("</dl>");
            }
        }

        return any ? b.ToString() : b.Append("<p>No exemption was relied on.</p>").ToString();
    }

    /// <summary>Every field the answer editor stored (code, title, qualified, the public-interest reasons ...), as written.</summary>
    private static void Describe(StringBuilder b, JsonElement e)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in e.EnumerateObject())
                {
                    b.Append(CultureInfo.InvariantCulture, $"<dt>{E(p.Name)}</dt><dd>");
                    if (p.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
                    {
                        b.Append("<dl>");
                        Describe(b, p.Value);
                        b.Append("</dl>");
                    }
                    else
                    {
                        b.Append(E(p.Value.ToString()));
                    }

                    b.Append("</dd>");
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in e.EnumerateArray())
                {
                    Describe(b, item);
                }

                break;
            default:
                b.Append(CultureInfo.InvariantCulture, $"<dt>exemption</dt><dd>{E(e.ToString())}</dd>");
                break;
        }
    }

    private async Task<string> AuditExtractAsync(IReadOnlyList<CaseRow> all, CancellationToken ct)
    {
        var refs = all.Select(x => x.Reference).ToArray();
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<AuditEntry>(new CommandDefinition(
            "select id, at, actor, action, subject, detail::text as Detail from audit_event where subject = any(@refs) order by at, id", new { refs }, cancellationToken: ct));
        var b = new StringBuilder().Append(CultureInfo.InvariantCulture, $"<h1>Audit extract</h1><p>Every audited action and view on {E(string.Join(", ", refs))}, as of {time.GetUtcNow():yyyy-MM-dd HH:mm} UTC.</p><table><thead><tr><th>When (UTC)</th><th>Who</th><th>Action</th><th>Case</th><th>Detail</th></tr></thead><tbody>");
        foreach (var r in rows)
        {
            b.Append(CultureInfo.InvariantCulture, $"<tr><td>{r.At.UtcDateTime:yyyy-MM-dd HH:mm:ss}</td><td>{E(r.Actor)}</td><td>{E(r.Action)}</td><td>{E(r.Subject ?? "")}</td><td><code>{E(r.Detail)}</code></td></tr>");
        }

        return b.Append("</tbody></table>").ToString();
    }

    private static BundleFile Html(string path, string title, string body) =>
        new(path, title, Encoding.UTF8.GetBytes($"<!DOCTYPE html>\n<html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>{E(title)}</title><style>body{{font-family:Arial,sans-serif;max-width:60em;margin:2em auto}}table{{border-collapse:collapse}}td,th{{border:1px solid #999;padding:.3em;text-align:left;vertical-align:top}}pre{{white-space:pre-wrap}}@media print{{a{{color:inherit}}}}</style></head><body>\n{body}\n</body></html>\n"));

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
