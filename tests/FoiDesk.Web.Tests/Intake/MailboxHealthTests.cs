using System.Globalization;
using System.Text.Json;
using FoiDesk.Intake;
using FoiDesk.Operations;
using FoiDesk.Tests.Integration;
using FoiDesk.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace FoiDesk.Web.Tests.Intake;

/// <summary>
/// Issue 14 item 6: with an IMAP inbox, /health shows the mailbox down while the real Dovecot is down, and up
/// again once intake reads it by itself. Before, /health checked the drop folder even when IMAP was the inbox,
/// so a dead mail server showed as "up".
/// </summary>
[Category("integration")]
public sealed class MailboxHealthTests
{
    private static readonly JobRun Run = new("intake", DateTimeOffset.UnixEpoch, "test");

    [Test]
    public async Task Health_ImapServerDownThenBack_MailboxDownWithReasonThenUp()
    {
        await using var servers = await MailServers.StartAsync();
        await using var app = await TestWebApp.StartAsync(configure: c =>
        {
            c["FoiDesk:Mail:Imap:Host"] = "127.0.0.1";
            c["FoiDesk:Mail:Imap:Port"] = servers.ImapPort.ToString(CultureInfo.InvariantCulture);
            // Plain IMAP on loopback to the private Dovecot, whose certificate the host would not trust.
            c["FoiDesk:Mail:Imap:Security"] = "None";
            c["FoiDesk:Mail:Imap:UserName"] = "intake";
            c["FoiDesk:Mail:Imap:Password"] = MailServers.PasswordOf("intake");
        });
        using var admin = await app.ClientAsync("admin");
        // The job server runs each firing as a fresh instance from the host's services, as here.
        Task Pass() => ActivatorUtilities.CreateInstance<IntakeJob>(app.Services).RunAsync(Run, CancellationToken.None);

        await Pass();
        var before = await MailboxAsync(admin);
        await servers.StopDovecotAsync();
        Assert.CatchAsync(Pass, "a pass with the server down fails, for the job server to retry");
        var during = await MailboxAsync(admin);
        await servers.StartDovecotAsync();
        await Pass();
        var after = await MailboxAsync(admin);

        Assert.That(before.State, Is.EqualTo("up"), before.Detail);
        Assert.That(before.Detail, Does.Contain("IMAP 127.0.0.1, last read"));
        Assert.That(during.State, Is.EqualTo("down"));
        Assert.That(during.Detail, Does.StartWith("intake could not read the mailbox for"));
        Assert.That(after.State, Is.EqualTo("up"), after.Detail);
    }

    private static async Task<(string State, string Detail)> MailboxAsync(HttpClient admin)
    {
        // The test host runs no job server, so /health as a whole answers 503; the mailbox component is what counts.
        using var json = JsonDocument.Parse(await (await admin.GetAsync(new Uri("/health", UriKind.Relative))).Content.ReadAsStringAsync());
        var mailbox = json.RootElement.GetProperty("components").GetProperty("mailbox");
        return (mailbox.GetProperty("state").GetString()!, mailbox.GetProperty("detail").GetString()!);
    }
}
