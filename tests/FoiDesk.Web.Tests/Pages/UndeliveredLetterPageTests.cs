using System.Globalization;
using FoiDesk.Replies;
using FoiDesk.Tests.Integration;
using FoiDesk.Web.Tests.Manager;
using FoiDesk.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace FoiDesk.Web.Tests.Pages;

/// <summary>
/// Issue 14 item 6: a letter the real Postfix refuses for good (550) is shown on the case page with the server's
/// own words, so the officer knows the requester has not been answered and why (the statutory duty under FOIA
/// s1(1)(b) is to communicate the information, so an undelivered response must be visible).
/// </summary>
[Category("integration")]
public sealed class UndeliveredLetterPageTests
{
    [Test]
    public async Task CasePage_ResponseRefusedWith550ByPostfix_TimelineShowsTheServersReason()
    {
        await using var servers = await MailServers.StartAsync();
        await using var app = await TestWebApp.StartAsync(new DateTimeOffset(2025, 3, 20, 11, 0, 0, TimeSpan.Zero), configure: c =>
        {
            c["FoiDesk:Mail:Smtp:Host"] = "127.0.0.1";
            c["FoiDesk:Mail:Smtp:Port"] = servers.SmtpPort.ToString(CultureInfo.InvariantCulture);
            // Plain SMTP on loopback to the private Postfix (the final destination for its test domain).
            c["FoiDesk:Mail:Smtp:Security"] = "None";
        });
        var reference = await SeedCase.OpenAsync(app);
        await CaseFixtures.ExecuteAsync(app, """
            update foi_case set status = 'open', classification_confirmed = true, reply_to_address = @address where reference = @reference;
            update question set status = 'approved', answer = 'We hold this information.', answer_kind = 'answer'
            where case_id = (select id from foi_case where reference = @reference);
            """, new { reference, address = MailServers.Address("nosuchuser") });
        await app.Services.GetRequiredService<CaseLetters>().QueueAsync(reference, LetterIds.Response, TestWebApp.EmailFor("ig-officer"), "Test ig-officer", CancellationToken.None);

        var run = await app.Services.GetRequiredService<OutboxSender>().SendDueAsync(10, CancellationToken.None);
        using var http = await app.ClientAsync("ig-officer");
        var page = await http.GetStringAsync(new Uri($"/cases/{reference}", UriKind.Relative));

        Assert.That(run, Is.EqualTo(new OutboxRun(0, 0, 1)), servers.DescribeLogs());
        // Postfix's reply as it gave it (code, enhanced code, its text), HTML-encoded in the timeline row.
        Assert.That(page, Does.Contain("Response letter could not be sent:")
            .And.Contain("nosuchuser@example.test: 550 5.1.1 &lt;nosuchuser@example.test&gt;: Recipient address rejected: No such user here"));
    }
}
