using System.Text;
using FoiDesk.Mail.Net;
using FoiDesk.Mail.Smtp;

namespace FoiDesk.Mail.Tests.Smtp;

[TestFixture]
public sealed class SmtpDataWriterTests
{
    // RFC 5321 §4.5.2 transparency and §2.3.8 line ends.
    [TestCase("", ".\r\n")]
    [TestCase("a\r\n", "a\r\n.\r\n")]
    [TestCase("a", "a\r\n.\r\n")] // missing final line end is supplied
    [TestCase("a\r", "a\r\n.\r\n")]
    [TestCase(".", "..\r\n.\r\n")]
    [TestCase("a\n.b\n", "a\r\n..b\r\n.\r\n")]
    [TestCase("a\r\n.\r\nb", "a\r\n..\r\nb\r\n.\r\n")] // a lone dot would end DATA early
    [TestCase("x.y\r\n", "x.y\r\n.\r\n")] // only leading dots
    public async Task Write_Content_IsTransparent(string input, string expected)
    {
        var wire = new MemoryStream();
        await using (var connection = new MailConnection(wire, "localhost", new MailConnectionOptions()))
        {
            await SmtpDataWriter.WriteAsync(new MemoryStream(Encoding.ASCII.GetBytes(input)), connection, CancellationToken.None);
            Assert.That(Encoding.ASCII.GetString(wire.ToArray()), Is.EqualTo(expected));
        }
    }

    [Test]
    [Description("A dot at a chunk boundary must still be seen as line-initial.")]
    public async Task Write_DotAcrossChunkBoundary_IsStuffed()
    {
        var input = new string('a', (16 * 1024) - 2) + "\r\n.tail\r\n";
        var wire = new MemoryStream();
        await using var connection = new MailConnection(wire, "localhost", new MailConnectionOptions());

        await SmtpDataWriter.WriteAsync(new MemoryStream(Encoding.ASCII.GetBytes(input)), connection, CancellationToken.None);

        Assert.That(Encoding.ASCII.GetString(wire.ToArray()), Does.EndWith("\r\n..tail\r\n.\r\n"));
    }
}
