using System.Globalization;
using System.Text;

namespace FoiDesk.Tests.Support;

/// <summary>
/// Generated FOI request emails for volume tests: numbered questions on varied topics, each message unique
/// (its own Message-ID, requester and wording), as a requester's mail client would send them (CRLF).
/// </summary>
public static class RequestMail
{
    private static readonly string[] Topics =
    [
        "agency staff in adult social care", "potholes reported on classified roads", "fixed penalty notices for littering",
        "temporary accommodation for homeless families", "school transport for pupils with special needs",
        "consultancy spend on the local plan", "fly-tipping clearance costs", "council tax enforcement agents",
    ];

    private static readonly string[] Asks =
    [
        "How much did the council spend on {0} in each of the last three financial years?",
        "How many complaints about {0} were received in 2024?",
        "Please provide a copy of any policy or procedure covering {0}.",
        "Which contractors were paid for work on {0}, and how much was each paid?",
        "How many staff (FTE) work on {0}?",
    ];

    public static int QuestionCount(int i) => 2 + (i % 3);

    /// <summary>The text of question <paramref name="q"/> (1-based) of message <paramref name="i"/>.</summary>
    public static string Question(int i, int q) =>
        string.Format(CultureInfo.InvariantCulture, Asks[(i + q) % Asks.Length], Topics[(i * 7 + q) % Topics.Length]) + $" (reference {i}-{q})";

    public static string MessageId(int i) => $"<request-{i}@requester.example>";

    public static byte[] Generate(int i, DateTimeOffset sent)
    {
        var body = new StringBuilder();
        body.Append("Dear Sir or Madam,\r\n\r\nPlease provide the following information under the Freedom of Information Act 2000.\r\n\r\n");
        for (var q = 1; q <= QuestionCount(i); q++)
        {
            body.Append(CultureInfo.InvariantCulture, $"{q}. {Question(i, q)}\r\n\r\n");
        }

        body.Append(CultureInfo.InvariantCulture, $"Yours faithfully,\r\n\r\nRequester {i}\r\n");
        var text =
            $"From: Requester {i} <requester{i}@example.org>\r\n" +
            "To: foi@council.example\r\n" +
            $"Subject: Freedom of Information request {i}: {Topics[i % Topics.Length]}\r\n" +
            $"Message-ID: {MessageId(i)}\r\n" +
            $"Date: {sent.ToString("ddd, dd MMM yyyy HH:mm:ss +0000", CultureInfo.InvariantCulture)}\r\n" +
            "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" + body;
        return Encoding.UTF8.GetBytes(text);
    }

    /// <summary>Writes <paramref name="count"/> messages as request-00001.eml ... into <paramref name="folder"/>.</summary>
    public static void WriteDropFolder(string folder, int count, DateTimeOffset sent)
    {
        Directory.CreateDirectory(folder);
        for (var i = 1; i <= count; i++)
        {
            File.WriteAllBytes(Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"request-{i:D5}.eml")), Generate(i, sent));
        }
    }
}
