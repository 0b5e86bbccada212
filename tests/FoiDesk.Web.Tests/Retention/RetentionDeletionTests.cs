using System.Diagnostics;
using System.Net;
using System.Text;
using FoiDesk.Intake;
using FoiDesk.Replies;
using FoiDesk.Reporting;
using FoiDesk.Retention;
using FoiDesk.Web.Hosting;
using FoiDesk.Web.Tests.Manager;
using FoiDesk.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace FoiDesk.Web.Tests.Retention;

/// <summary>
/// The deletion scan (issue 19): a request arrives by mail, is answered and sent, is searched for and audited; the
/// clock moves past the retention period; an admin confirms the weekly list. Dashboards and statistics are the same
/// before and after, and neither a pg_dump of the database nor any file in the data directory holds the requester.
/// </summary>
public sealed class RetentionDeletionTests
{
    private const string Name = "Philippa Quenby";
    private const string Email = "philippa.quenby@example.org";
    private const string Street = "14 Larkspur Close";
    private const string Postcode = "RM18 8QZ";

    /// <summary>What must not survive: the name, the address, and the stems the search index makes of them.</summary>
    private static readonly string[] Traces = [Name, Email, Street, Postcode, "quenb", "larkspur"];

    private static byte[] RequestMail() => Encoding.ASCII.GetBytes(string.Join("\r\n",
        $"From: {Name} <{Email}>",
        "To: FOI requests <foi@thurrock.gov.uk>",
        "Subject: Freedom of Information request - library opening hours",
        "Date: Thu, 20 Mar 2025 09:00:00 +0000",
        "Message-ID: <retention-scan-1@example.org>",
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=us-ascii",
        "",
        "Dear Thurrock Borough Council,",
        "",
        "Under the Freedom of Information Act 2000 please tell me:",
        "1. How many hours a week was each library open in 2024?",
        "2. How many library staff were employed on 31 December 2024?",
        "",
        "Yours faithfully,",
        Name,
        Street,
        $"Tilbury {Postcode}",
        ""));

    [Test]
    public async Task Deletion_AfterRetentionPeriod_LeavesNoTraceInDumpOrFilesAndStatisticsUnchanged()
    {
        await using var app = await TestWebApp.StartAsync(new DateTimeOffset(2025, 3, 20, 9, 30, 0, TimeSpan.Zero));
        var options = app.Services.GetRequiredService<IOptions<FoiDeskOptions>>().Value;
        Directory.CreateDirectory(options.InboxDirectory);
        var mailFile = Path.Combine(options.InboxDirectory, "retention-scan.eml");
        await File.WriteAllBytesAsync(mailFile, RequestMail());
        // The drop folder takes the file's time as the arrival time.
        File.SetLastWriteTimeUtc(mailFile, app.Time.GetUtcNow().UtcDateTime);
        var counts = await app.Services.GetRequiredService<IntakeRunner>().RunOnceAsync(app.Services.GetRequiredService<IMailSource>(), CancellationToken.None);
        Assert.That(counts.Opened, Is.EqualTo(1));
        var reference = await CaseFixtures.ScalarAsync<string>(app, "select reference from foi_case where requester_email = @Email", new { Email });
        var caseId = await CaseFixtures.ScalarAsync<long>(app, "select id from foi_case where reference = @reference", new { reference });

        // Answered by a team, with an exemption, approved and sent through the outbox to the pickup folder.
        await CaseFixtures.ExecuteAsync(app, """
            update foi_case set status = 'awaiting-approval', classification_confirmed = true where id = @caseId;
            update question set status = 'approved', team_id = (select min(id) from team), answer_kind = 'answer',
                answer = 'The figures are attached.' where case_id = @caseId;
            """, new { caseId });
        using (var officer = await app.ClientAsync("ig-officer"))
        {
            var page = await officer.GetStringAsync(new Uri($"/cases/{reference}/approval", UriKind.Relative));
            using var sent = await officer.PostAsync(new Uri($"/cases/{reference}/approval?handler=Send", UriKind.Relative), ApprovalPageTests.Form(page));
            Assert.That(sent.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await sent.Content.ReadAsStringAsync());
            // An officer searches for the requester: the audit log now quotes the name.
            await officer.GetStringAsync(new Uri($"/search?q={Uri.EscapeDataString(Name)}", UriKind.Relative));
        }

        app.Time.Advance(TimeSpan.FromHours(1));
        await app.Services.GetRequiredService<OutboxSender>().SendDueAsync(10, CancellationToken.None);
        Assert.That(await CaseFixtures.ScalarAsync<string>(app, "select status from foi_case where id = @caseId", new { caseId }), Is.EqualTo("responded"));
        await CaseFixtures.ExecuteAsync(app, """
            insert into question_attachment (question_id, file_name, content_type, size, bytes, uploaded_at)
            select id, 'hours.csv', 'text/csv', 30, convert_to('prepared for Philippa Quenby', 'UTF8'), now() from question where case_id = @caseId and position = 1;
            -- An exemption cited on the second answer, for the statistics (the refusal letter is not what this test is about).
            update question set exemption = '{"code": "s40(2)", "title": "Personal information", "qualified": false, "reasons": "Staff names are third-party personal data."}'
            where case_id = @caseId and position = 2;
            """, new { caseId });
        await app.Services.GetRequiredService<TimelinessSummary>().RefreshAsync(CancellationToken.None);

        // Past the default 3 years after closure.
        app.Time.Advance(TimeSpan.FromDays((3 * 366) + 7));
        // The summary stamps when it last caught up ("Responses sent up to ..."); bring it up to now first, so the
        // stamp is the same before and after and only the figures are compared.
        await app.Services.GetRequiredService<TimelinessSummary>().RefreshAsync(CancellationToken.None);
        using var manager = await app.ClientAsync("manager");
        var before = await ReportsAsync(manager);
        Assert.That(await TracesInDumpAsync(app), Is.Not.Empty, "the scan finds the requester before deletion (else it proves nothing)");
        Assert.That(TracesInFiles(options.FullDataDirectory), Is.Not.Empty, "the processed mail and the sent letter are in the data directory");

        using var admin = await app.ClientAsync("admin");
        var retention = await admin.GetStringAsync(new Uri("/admin/retention", UriKind.Relative));
        using var listed = await admin.PostAsync(new Uri("/admin/retention?handler=List", UriKind.Relative), ApprovalPageTests.Form(retention));
        Assert.That(listed.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        retention = await admin.GetStringAsync(new Uri("/admin/retention", UriKind.Relative));
        Assert.That(retention, Does.Contain(reference).And.Contain("Confirm deletion"));
        var runId = await CaseFixtures.ScalarAsync<long>(app, "select max(id) from retention_run where status = 'proposed'");
        using var confirmed = await admin.PostAsync(new Uri("/admin/retention?handler=Confirm", UriKind.Relative), ApprovalPageTests.Form(retention, ("runId", runId.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        Assert.That(confirmed.Headers.Location?.ToString(), Is.EqualTo($"/admin/retention/certificates/{runId}"));
        var certificate = await admin.GetStringAsync(new Uri($"/admin/retention/certificates/{runId}", UriKind.Relative));

        Assert.Multiple(async () =>
        {
            Assert.That(certificate, Does.Contain(reference).And.Contain(TestWebApp.EmailFor("admin")).And.Contain("3 years after closure").And.Contain("deleted"));
            var after = await ReportsAsync(manager);
            for (var i = 0; i < before.Length; i++)
            {
                Assert.That(after[i], Is.EqualTo(before[i]), $"dashboard and statistics unchanged: {Around(before[i], after[i])}");
            }

            Assert.That(await TracesInDumpAsync(app), Is.Empty, "pg_dump still holds the requester");
            Assert.That(TracesInFiles(options.FullDataDirectory), Is.Empty, "a file in the data directory still holds the requester");
            Assert.That(await CaseFixtures.ScalarAsync<string>(app,
                "select concat_ws('|', reference, regime, outcome, status, received_at::date, (select on_time from response_timeliness where case_id = c.id), (select string_agg(exemption->>'code', ',') from question where case_id = c.id)) from foi_case c where id = @caseId", new { caseId }),
                Is.EqualTo($"{reference}|foia|responded|2025-03-20|t|s40(2)"), "the anonymised record stays");
            Assert.That(await CaseFixtures.ScalarAsync<long>(app, "select count(*) from audit_event where action = 'retention-deletion-certified' and subject = @s", new { s = $"retention-run:{runId}" }), Is.EqualTo(1));
        });
    }

    /// <summary>The pages as a manager reads them, less what differs on every request (anti-forgery token, script nonce).</summary>
    private static async Task<string[]> ReportsAsync(HttpClient manager) =>
    [
        PerRequest(await manager.GetStringAsync(new Uri("/dashboard", UriKind.Relative))),
        PerRequest(await manager.GetStringAsync(new Uri("/statistics?year=2025&quarter=1", UriKind.Relative))),
        PerRequest(await manager.GetStringAsync(new Uri("/statistics.csv?year=2025&quarter=1", UriKind.Relative))),
    ];

    private static string Around(string a, string b)
    {
        var i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i])
        {
            i++;
        }

        var from = Math.Max(0, i - 150);
        return $"before: {a[from..Math.Min(a.Length, i + 150)]} after: {b[from..Math.Min(b.Length, i + 150)]}";
    }

    private static string PerRequest(string html) =>
        System.Text.RegularExpressions.Regex.Replace(html, "(value|nonce)=\"[A-Za-z0-9_+/=-]{16,}\"", "$1=\"*\"");

    /// <summary>The traces found in a plain-format pg_dump of the test database: as text, and as the hex pg_dump writes bytea in.</summary>
    private static async Task<IReadOnlyList<string>> TracesInDumpAsync(TestWebApp app)
    {
        var cs = new NpgsqlConnectionStringBuilder(app.ConnectionString);
        var start = new ProcessStartInfo(Path.Combine(PgBin(), "pg_dump"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList = { "--no-owner", "--host", cs.Host!, "--port", cs.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--username", cs.Username!, cs.Database! },
        };
        if (cs.Password is { } password)
        {
            start.Environment["PGPASSWORD"] = password;
        }

        using var dump = Process.Start(start)!;
        var text = dump.StandardOutput.ReadToEndAsync();
        var error = dump.StandardError.ReadToEndAsync();
        await dump.WaitForExitAsync();
        Assert.That(dump.ExitCode, Is.Zero, await error);
        return Found(await text);
    }

    /// <summary>pg_dump beside the pg_ctl the test cluster runs (same major version as the server).</summary>
    private static string PgBin()
    {
        var pgCtl = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, "pg_ctl")).FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("pg_ctl is not on PATH");
        var target = File.ResolveLinkTarget(pgCtl, returnFinalTarget: true)?.FullName ?? pgCtl;
        return Path.GetDirectoryName(target)!;
    }

    private static List<string> TracesInFiles(string directory) =>
        [.. Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .SelectMany(f => Found(Encoding.Latin1.GetString(File.ReadAllBytes(f))).Select(t => $"{t} in {Path.GetRelativePath(directory, f)}"))];

    private static List<string> Found(string text) =>
        [.. Traces.Where(t => text.Contains(t, StringComparison.OrdinalIgnoreCase)
            || text.Contains(Convert.ToHexString(Encoding.UTF8.GetBytes(t)), StringComparison.OrdinalIgnoreCase))];
}
