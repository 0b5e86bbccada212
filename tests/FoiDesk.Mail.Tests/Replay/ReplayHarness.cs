using FoiDesk.Mail.Imap;
using FoiDesk.Mail.Net;
using FoiDesk.Mail.Smtp;

namespace FoiDesk.Mail.Tests.Replay;

internal static class ReplayHarness
{
    /// <summary>"\0username\0password" in base64, as MailKit's tests use.</summary>
    public const string PlainUserPass = "AHVzZXJuYW1lAHBhc3N3b3Jk";

    public static MailCredentials Credentials => MailCredentials.WithPassword("username", "password");

    public static MailConnectionOptions Options(TextWriter? log = null, TimeSpan? timeout = null) => new()
    {
        Timeout = timeout ?? TimeSpan.FromSeconds(15),
        Logger = log is null ? null : new ProtocolLogger(log),
    };

    public static async Task<(ImapClient Client, ReplayStream Server)> ImapAsync(IEnumerable<ReplayStep> steps, MailConnectionOptions? options = null)
    {
        var server = new ReplayStream(steps);
        var client = new ImapClient(options ?? Options()) { IdleRestartInterval = TimeSpan.FromMinutes(29) };
        await client.ConnectAsync(server, "localhost", MailSecurity.None);
        return (client, server);
    }

    public static async Task<(SmtpClient Client, ReplayStream Server)> SmtpAsync(IEnumerable<ReplayStep> steps, MailConnectionOptions? options = null)
    {
        var server = new ReplayStream(steps);
        var client = new SmtpClient(options ?? Options()) { LocalDomain = "unit-tests.foidesk.test" };
        await client.ConnectAsync(server, "localhost", MailSecurity.None);
        return (client, server);
    }

    public static void AssertComplete(ReplayStream server) =>
        Assert.That(server.IsComplete, Is.True, server.Diagnose());
}
