using System.Net;
using System.Text;
using FoiDesk.Calendar;
using FoiDesk.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace FoiDesk.Web.Tests.Manager;

public sealed class CalendarFeedTests
{
    [Test]
    public async Task Feed_CommissionerWithQuestion_ExactRfc5545Text()
    {
        await using var app = await TestWebApp.StartAsync();
        var commissioner = await CaseFixtures.AccountIdAsync(app, "commissioner");
        var (id, reference) = await CaseFixtures.OpenAsync(app, CaseFixtures.At(2025, 3, 3), "Roads, paths; and \\ verges", ["How many potholes?"]);
        await CaseFixtures.ExecuteAsync(app, "update question set assignee_id = @commissioner, assigned_at = @at, status = 'assigned' where case_id = @id", new { commissioner, at = CaseFixtures.At(2025, 3, 4), id });
        var question = await CaseFixtures.ScalarAsync<long>(app, "select id from question where case_id = @id", new { id });
        var token = await app.Services.GetRequiredService<CalendarTokens>().CreateAsync(commissioner, CancellationToken.None);
        using var anonymous = await app.ClientAsync(null);

        using var response = await anonymous.GetAsync(new Uri($"/calendar/{token}.ics", UriKind.Relative));

        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/calendar"));
        // Received Mon 3 Mar 2025: response due Tue 1 Apr (20 working days; Mon 17 Mar, St Patrick's Day, is a bank
        // holiday in Northern Ireland and so not a working day for FOIA s10(6)). Assigned Tue 4 Mar: draft due 10
        // working days later, Wed 19 Mar (before the escalation date three working days before 1 Apr).
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo(string.Concat(
            "BEGIN:VCALENDAR\r\n",
            "VERSION:2.0\r\n",
            "PRODID:-//FoiDesk//Deadlines//EN\r\n",
            "CALSCALE:GREGORIAN\r\n",
            "METHOD:PUBLISH\r\n",
            "X-WR-CALNAME:FoiDesk deadlines\r\n",
            "BEGIN:VEVENT\r\n",
            $"UID:draft-due-{question}@foidesk\r\n",
            "DTSTAMP:20250312T100000Z\r\n",
            "DTSTART;VALUE=DATE:20250319\r\n",
            "DTEND;VALUE=DATE:20250320\r\n",
            $"SUMMARY:{reference} Q1 draft due\r\n",
            "DESCRIPTION:How many potholes?\r\n",
            "TRANSP:TRANSPARENT\r\n",
            "END:VEVENT\r\n",
            "BEGIN:VEVENT\r\n",
            $"UID:response-due-{reference}@foidesk\r\n",
            "DTSTAMP:20250312T100000Z\r\n",
            "DTSTART;VALUE=DATE:20250401\r\n",
            "DTEND;VALUE=DATE:20250402\r\n",
            $"SUMMARY:{reference} response due\r\n",
            // No DESCRIPTION: the case's subject is the requester's and a commissioner never sees it (security review M1).
            "TRANSP:TRANSPARENT\r\n",
            "END:VEVENT\r\n",
            "END:VCALENDAR\r\n")));
    }

    [Test]
    public async Task Feed_RevokedOrUnknownToken_NotFound()
    {
        await using var app = await TestWebApp.StartAsync();
        var tokens = app.Services.GetRequiredService<CalendarTokens>();
        var manager = await CaseFixtures.AccountIdAsync(app, "manager");
        var token = await tokens.CreateAsync(manager, CancellationToken.None);
        using var anonymous = await app.ClientAsync(null);
        using var before = await anonymous.GetAsync(new Uri($"/calendar/{token}.ics", UriKind.Relative));

        await tokens.RevokeAsync(manager, CancellationToken.None);
        using var after = await anonymous.GetAsync(new Uri($"/calendar/{token}.ics", UriKind.Relative));
        using var guessed = await anonymous.GetAsync(new Uri($"/calendar/{new string('A', 43)}.ics", UriKind.Relative));

        Assert.That((before.StatusCode, after.StatusCode, guessed.StatusCode), Is.EqualTo((HttpStatusCode.OK, HttpStatusCode.NotFound, HttpStatusCode.NotFound)));
        Assert.That(await CaseFixtures.ScalarAsync<long>(app, "select count(*) from calendar_token"), Is.EqualTo(0));
    }

    [Test]
    public async Task AccountCalendarPage_Create_ShowsUrlOnceAndStoresOnlyHash()
    {
        await using var app = await TestWebApp.StartAsync();
        using var http = await app.ClientAsync("commissioner");
        var page = await http.GetStringAsync(new Uri("/account/calendar", UriKind.Relative));

        using var created = await http.PostAsync(new Uri("/account/calendar?handler=Create", UriKind.Relative), ApprovalPageTests.Form(page));
        var html = await created.Content.ReadAsStringAsync();
        var url = System.Text.RegularExpressions.Regex.Match(html, "value=\"(http[^\"]+\\.ics)\"").Groups[1].Value;
        var token = url[(url.LastIndexOf('/') + 1)..^4];

        Assert.That(token, Has.Length.EqualTo(43), "32 bytes, base64url without padding");
        var stored = await CaseFixtures.ScalarAsync<string>(app, "select token_sha256 from calendar_token");
        Assert.That(stored, Is.EqualTo(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.ASCII.GetBytes(token)))));
        using var feed = await (await app.ClientAsync(null)).GetAsync(new Uri(url));
        Assert.That(feed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    // RFC 5545 3.1: a line longer than 75 octets is folded with CRLF and one space.
    [Test]
    public void Line_Ascii80_FoldsAt75Octets()
    {
        var sb = new StringBuilder();
        ICalendarWriter.Line(sb, "SUMMARY:" + new string('a', 72));

        Assert.That(sb.ToString(), Is.EqualTo("SUMMARY:" + new string('a', 67) + "\r\n " + new string('a', 5) + "\r\n"));
    }

    [Test]
    [Description("A fold must not split a UTF-8 sequence: Outlook shows a broken character otherwise.")]
    public void Line_MultiByte_FoldsBetweenCharactersWithin75Octets()
    {
        var line = "DESCRIPTION:" + new string('é', 40) + "😀x";
        var sb = new StringBuilder();
        ICalendarWriter.Line(sb, line);
        var physical = sb.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.That(physical.Select(p => Encoding.UTF8.GetByteCount(p)), Has.All.LessThanOrEqualTo(75));
        Assert.That(sb.ToString().Replace("\r\n ", "", StringComparison.Ordinal), Is.EqualTo(line + "\r\n"));
    }

    // RFC 5545 3.3.11: TEXT escapes backslash, semicolon, comma and newlines.
    [TestCase("a,b", "a\\,b")]
    [TestCase("a;b", "a\\;b")]
    [TestCase("a\\b", "a\\\\b")]
    [TestCase("a\r\nb\nc", "a\\nb\\nc")]
    [TestCase("plain: colon", "plain: colon")]
    public void Escape_SpecialCharacters_Rfc5545(string text, string expected) =>
        Assert.That(ICalendarWriter.Escape(text), Is.EqualTo(expected));
}
