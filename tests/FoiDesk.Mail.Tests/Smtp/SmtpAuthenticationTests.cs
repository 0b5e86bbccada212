using System.Text;
using FoiDesk.Mail.Net;
using FoiDesk.Mail.Smtp;
using FoiDesk.Mail.Tests.Replay;

namespace FoiDesk.Mail.Tests.Smtp;

[TestFixture]
public sealed class SmtpAuthenticationTests
{
    private const string Ehlo = "EHLO unit-tests.foidesk.test\r\n";
    private static readonly ReplayStep Greeting = ReplayStep.File("", "smtp/comcast-greeting.txt");

    [Test]
    [Description("MailKit's pairing: PLAIN refused with 535, then LOGIN (Username:/Password: prompts) succeeds.")]
    public async Task Authenticate_PlainRefusedThenLogin_ConnectionSurvivesRefusal()
    {
        var (client, server) = await ReplayHarness.SmtpAsync(
        [
            Greeting,
            ReplayStep.File(Ehlo, "smtp/comcast-ehlo.txt"),
            ReplayStep.File("AUTH PLAIN " + ReplayHarness.PlainUserPass + "\r\n", "smtp/auth-failed.txt"),
            ReplayStep.File("AUTH LOGIN\r\n", "smtp/comcast-auth-login-username.txt"),
            ReplayStep.File("dXNlcm5hbWU=\r\n", "smtp/comcast-auth-login-password.txt"),
            ReplayStep.File("cGFzc3dvcmQ=\r\n", "smtp/comcast-auth-login.txt"),
        ]);

        var ex = Assert.ThrowsAsync<SmtpCommandException>(() => client.AuthenticateAsync(ReplayHarness.Credentials));
        Assert.That(ex!.StatusCode, Is.EqualTo(535));
        Assert.That(ex.Failure, Is.EqualTo(DeliveryFailure.Permanent));
        Assert.That(client.IsConnected, Is.True);

        await client.AuthenticateAsync(new SaslLogin("username", "password"));

        Assert.That(client.IsAuthenticated, Is.True);
        ReplayHarness.AssertComplete(server);
    }

    [TestCase("smtp/auth-too-weak.txt", 534)]
    [TestCase("smtp/auth-failed.txt", 535)]
    [TestCase("smtp/comcast-auth-digest-md5-reset.txt", 535)]
    public async Task Authenticate_Refused_ThrowsWithStatus(string file, int code)
    {
        var (client, server) = await ReplayHarness.SmtpAsync(
        [
            Greeting,
            ReplayStep.File(Ehlo, "smtp/comcast-ehlo.txt"),
            ReplayStep.File("AUTH PLAIN " + ReplayHarness.PlainUserPass + "\r\n", file),
        ]);

        var ex = Assert.ThrowsAsync<SmtpCommandException>(() => client.AuthenticateAsync(ReplayHarness.Credentials));

        Assert.That(ex!.StatusCode, Is.EqualTo(code));
        ReplayHarness.AssertComplete(server);
    }

    [Test]
    public async Task Authenticate_XOAuth2_SendsBearerInitialResponse()
    {
        var initial = Convert.ToBase64String(Encoding.UTF8.GetBytes("user=foi@council.gov.uk\u0001auth=Bearer tok\u0001\u0001"));
        var (client, server) = await ReplayHarness.SmtpAsync(
        [
            Greeting,
            ReplayStep.Text(Ehlo, "250-smtp.office365.com\r\n250-AUTH LOGIN XOAUTH2\r\n250 8BITMIME\r\n"),
            ReplayStep.Text("AUTH XOAUTH2 " + initial + "\r\n", "235 2.7.0 Authentication successful\r\n"),
        ]);

        await client.AuthenticateAsync(MailCredentials.WithAccessToken("foi@council.gov.uk", _ => ValueTask.FromResult("tok")));

        Assert.That(client.IsAuthenticated, Is.True);
        ReplayHarness.AssertComplete(server);
    }

    [Test]
    [Description("Google's XOAUTH2 failure: a 334 JSON challenge, an empty reply from the client, then 535.")]
    public async Task Authenticate_XOAuth2Rejected_AnswersEmptyThenThrows()
    {
        var initial = Convert.ToBase64String(Encoding.UTF8.GetBytes("user=u@gmail.com\u0001auth=Bearer old\u0001\u0001"));
        var error = Convert.ToBase64String(Encoding.UTF8.GetBytes("{\"status\":\"401\",\"schemes\":\"bearer\"}"));
        var (client, server) = await ReplayHarness.SmtpAsync(
        [
            Greeting,
            ReplayStep.Text(Ehlo, "250-smtp.gmail.com\r\n250-AUTH LOGIN PLAIN XOAUTH2 PLAIN-CLIENTTOKEN OAUTHBEARER XOAUTH\r\n250 SMTPUTF8\r\n"),
            ReplayStep.Text("AUTH XOAUTH2 " + initial + "\r\n", "334 " + error + "\r\n"),
            ReplayStep.Text("\r\n", "535-5.7.8 Username and Password not accepted.\r\n535 5.7.8 https://support.google.com/mail/?p=BadCredentials\r\n"),
        ]);

        var ex = Assert.ThrowsAsync<SmtpCommandException>(
            () => client.AuthenticateAsync(MailCredentials.WithAccessToken("u@gmail.com", _ => ValueTask.FromResult("old"))));

        Assert.That(ex!.Response.EnhancedStatusCode, Is.EqualTo("5.7.8"));
        Assert.That(client.IsConnected, Is.True);
        ReplayHarness.AssertComplete(server);
    }

    [Test]
    public async Task ProtocolLog_Auth_MasksCredentialsButKeepsMechanism()
    {
        var log = new StringWriter();
        var (client, _) = await ReplayHarness.SmtpAsync(
        [
            Greeting,
            ReplayStep.File(Ehlo, "smtp/comcast-ehlo.txt"),
            ReplayStep.File("AUTH LOGIN\r\n", "smtp/comcast-auth-login-username.txt"),
            ReplayStep.File("dXNlcm5hbWU=\r\n", "smtp/comcast-auth-login-password.txt"),
            ReplayStep.File("cGFzc3dvcmQ=\r\n", "smtp/comcast-auth-login.txt"),
        ],
        ReplayHarness.Options(log));

        await client.AuthenticateAsync(new SaslLogin("username", "password"));

        var text = log.ToString();
        Assert.That(text, Does.Contain("C: AUTH LOGIN"));
        Assert.That(text, Does.Not.Contain("cGFzc3dvcmQ="));
        Assert.That(text, Does.Not.Contain("dXNlcm5hbWU="));
        Assert.That(text, Does.Contain("C: " + ProtocolLogger.Mask));
    }
}
