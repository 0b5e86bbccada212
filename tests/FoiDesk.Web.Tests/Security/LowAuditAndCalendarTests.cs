using System.Net;
using FoiDesk.Calendar;
using FoiDesk.Web.Tests.Api;
using FoiDesk.Web.Tests.Manager;
using FoiDesk.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace FoiDesk.Web.Tests.Security;

/// <summary>Security review, Low findings: personal-data views audited; calendar feed addresses expire and can be revoked.</summary>
public sealed class LowAuditAndCalendarTests
{
    // Old code: none of these four wrote an audit event; the case page and case API were the only audited views.
    [Test]
    public async Task Low_PersonalDataViews_TriageHoldingPenCaseListAndCalendarFeed_Audited()
    {
        await using var app = await TestWebApp.StartAsync();
        var officerId = await CaseFixtures.AccountIdAsync(app, "ig-officer");
        var token = await app.Services.GetRequiredService<CalendarTokens>().CreateAsync(officerId, CancellationToken.None);
        using var officer = await app.ClientAsync("ig-officer");
        using var api = await ApiClients.BearerAsync(app, "ig-officer");
        using var calendarApp = await app.ClientAsync(null);

        (await officer.GetAsync(new Uri("/triage", UriKind.Relative))).EnsureSuccessStatusCode();
        (await api.GetAsync(new Uri("/api/v1/holding-pen", UriKind.Relative))).EnsureSuccessStatusCode();
        (await api.GetAsync(new Uri("/api/v1/cases", UriKind.Relative))).EnsureSuccessStatusCode();
        (await calendarApp.GetAsync(new Uri($"/calendar/{token}.ics", UriKind.Relative))).EnsureSuccessStatusCode();

        var audited = await CaseFixtures.ScalarAsync<string[]>(app, "select array_agg(action order by id) from audit_event where account_id = @officerId", new { officerId });
        Assert.That(audited, Is.SupersetOf(new[] { "triage-viewed", "holding-pen-viewed", "case-list-viewed", "calendar-feed-downloaded" }));
    }

    // Old code: the folders were made with the process umask (0755 here), so any local user could read the
    // raw mail from the public and the letters waiting to go.
    [Test]
    public async Task Low_DataAndMailFolders_OwnerOnly()
    {
        await using var app = await TestWebApp.StartAsync();
        var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<FoiDesk.Web.Hosting.FoiDeskOptions>>().Value;
        const UnixFileMode GroupOrOthersReadWrite = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite;

        foreach (var folder in new[] { options.InboxDirectory, options.ProcessedDirectory, options.OutboxDirectory, Path.GetDirectoryName(options.InboxDirectory)! })
        {
            Assert.That(File.GetUnixFileMode(folder), Is.EqualTo(FoiDesk.Web.Hosting.PrivateFolders.OwnerOnly), folder);
        }

        Assert.That(File.GetUnixFileMode(options.FullDataDirectory) & GroupOrOthersReadWrite, Is.EqualTo((UnixFileMode)0), options.FullDataDirectory);
    }

    // Old code: a calendar address worked for ever unless revoked by hand.
    [Test]
    public async Task Low_CalendarFeedToken_ExpiresAfterItsLifetime()
    {
        await using var app = await TestWebApp.StartAsync();
        var commissioner = await CaseFixtures.AccountIdAsync(app, "commissioner");
        var token = await app.Services.GetRequiredService<CalendarTokens>().CreateAsync(commissioner, CancellationToken.None);
        using var anonymous = await app.ClientAsync(null);
        var feed = new Uri($"/calendar/{token}.ics", UriKind.Relative);

        using var fresh = await anonymous.GetAsync(feed);
        app.Time.Advance(CalendarTokens.Lifetime - TimeSpan.FromMinutes(1));
        using var lastMinute = await anonymous.GetAsync(feed);
        app.Time.Advance(TimeSpan.FromMinutes(2));
        using var expired = await anonymous.GetAsync(feed);

        Assert.That((fresh.StatusCode, lastMinute.StatusCode, expired.StatusCode), Is.EqualTo((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.NotFound)));
    }
}
