using System.Text;
using FoiDesk.Mail.Net;
using FoiDesk.Mail.Smtp;
using FoiDesk.Mail.Tests.Replay;

namespace FoiDesk.Mail.Tests.Smtp;

[TestFixture]
public sealed class SmtpResponseTests
{
    private static async Task<SmtpResponse> ParseAsync(string wire)
    {
        await using var connection = new MailConnection(new MemoryStream(Encoding.UTF8.GetBytes(wire)), "localhost", new MailConnectionOptions());
        return await SmtpResponse.ReadAsync(connection, CancellationToken.None);
    }

    // RFC 5321 §4.2.1: the first digit decides; 4yz may succeed later, 5yz will not.
    [TestCase(250, DeliveryFailure.None)]
    [TestCase(354, DeliveryFailure.None)]
    [TestCase(421, DeliveryFailure.Transient)] // service not available, closing
    [TestCase(450, DeliveryFailure.Transient)] // mailbox busy / greylisted
    [TestCase(451, DeliveryFailure.Transient)]
    [TestCase(452, DeliveryFailure.Transient)] // insufficient storage
    [TestCase(500, DeliveryFailure.Permanent)]
    [TestCase(550, DeliveryFailure.Permanent)] // mailbox unavailable
    [TestCase(552, DeliveryFailure.Permanent)]
    [TestCase(553, DeliveryFailure.Permanent)]
    [TestCase(554, DeliveryFailure.Permanent)]
    [TestCase(0, DeliveryFailure.Transient)] // no reply at all (connection lost)
    public void Classify_StatusCode_MapsToRetryDecision(int code, DeliveryFailure expected) =>
        Assert.That(SendResult.Classify(code), Is.EqualTo(expected));

    [TestCase("550 5.1.1 <x@y>: Recipient address rejected\r\n", 550, "5.1.1", "<x@y>: Recipient address rejected")]
    [TestCase("451 4.7.1 Greylisted, try again\r\n", 451, "4.7.1", "Greylisted, try again")]
    [TestCase("250 OK\r\n", 250, null, "OK")]
    [TestCase("250\r\n", 250, null, "")]
    [TestCase("550 4.1.1 class mismatch stays text\r\n", 550, null, "4.1.1 class mismatch stays text")] // RFC 3463: class must match
    public async Task Read_SingleLine_SplitsEnhancedCode(string wire, int code, string? enhanced, string text)
    {
        var response = await ParseAsync(wire);

        Assert.That(response.StatusCode, Is.EqualTo(code));
        Assert.That(response.EnhancedStatusCode, Is.EqualTo(enhanced));
        Assert.That(response.Text, Is.EqualTo(text));
    }

    [Test]
    public async Task Read_RecordedExpn_CollectsAllLines()
    {
        var wire = Encoding.UTF8.GetString(ReplayStep.ToCrLf(File.ReadAllBytes(Path.Combine(ReplayStep.DataRoot, "smtp", "rfc0821-expn.txt"))));

        var response = await ParseAsync(wire);

        Assert.That(response.Lines, Has.Count.EqualTo(6));
        Assert.That(response.Lines[^1], Is.EqualTo("<xyz@bar-unix.ARPA>"));
    }

    [TestCase("250-first\r\n251 second\r\n")] // code changes mid-reply
    [TestCase("hello\r\n")]
    [TestCase("25\r\n")]
    [TestCase("250xtext\r\n")]
    public void Read_Malformed_ThrowsProtocolException(string wire) =>
        Assert.ThrowsAsync<SmtpProtocolException>(() => ParseAsync(wire));

    [TestCase("AUTH=LOGIN PLAIN", "LOGIN")] // pre-RFC 4954 form
    [TestCase("AUTH PLAIN LOGIN XOAUTH2", "XOAUTH2")]
    [TestCase("auth plain", "PLAIN")]
    public void Capabilities_AuthLine_ListsMechanisms(string line, string mechanism) =>
        Assert.That(new SmtpCapabilities([line]).AuthenticationMechanisms, Does.Contain(mechanism));
}
