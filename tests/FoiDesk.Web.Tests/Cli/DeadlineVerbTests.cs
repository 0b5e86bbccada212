using System.Text.Json;
using FoiDesk.Web.Cli;

namespace FoiDesk.Web.Tests.Cli;

public sealed class DeadlineVerbTests
{
    [Test]
    public async Task Deadline_FridayNightFoia_PrintsDatesAndWorking()
    {
        var (exit, stdout, _) = await Run("deadline", "--regime", "foia", "--received", "2025-06-06T23:30:00+01:00");

        Assert.That(exit, Is.EqualTo(0));
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        Assert.That(root.GetProperty("regime").GetString(), Is.EqualTo("foia"));
        Assert.That(root.GetProperty("receiptDate").GetString(), Is.EqualTo("2025-06-06"));
        Assert.That(root.GetProperty("dates").GetProperty("response_due").GetString(), Is.EqualTo("2025-07-04"));
        Assert.That(root.GetProperty("working")[0].GetProperty("kind").GetString(), Is.EqualTo("receipt"));
    }

    [Test]
    public async Task Deadline_FoiaWithEvents_PrintsEveryDateThatApplies()
    {
        var (exit, stdout, _) = await Run("deadline", "--regime", "foia", "--received", "2025-06-02T10:00:00+01:00",
            "--event", "fees_notice_sent:2025-06-09", "--event", "fee_received:2025-06-13",
            "--event", "pit_notice_sent:2025-06-30", "--event", "response_sent:2025-07-20");

        Assert.That(exit, Is.EqualTo(0));
        using var json = JsonDocument.Parse(stdout);
        var dates = json.RootElement.GetProperty("dates").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString());
        Assert.That(dates, Is.EqualTo(new Dictionary<string, string?>
        {
            ["fee_payment_deadline"] = "2025-09-08",
            ["response_due"] = "2025-07-07",
            ["response_due_pit"] = "2025-08-06", // 40 WD with the 5 fee days disregarded: 29 Jul + 5 WD, 4 Aug (Scotland) skipped
            ["review_request_deadline"] = "2025-09-16", // 40 WD after Sun 20 Jul: 4 Aug and 25 Aug skipped
        }));
    }

    [Test]
    public async Task Deadline_SarOnScotlandCalendar_RollsOffWorldCupDay()
    {
        var (exit, stdout, _) = await Run("deadline", "--regime", "sar", "--received", "2026-05-15T10:00:00+01:00", "--calendar", "scotland");

        Assert.That(exit, Is.EqualTo(0));
        using var json = JsonDocument.Parse(stdout);
        Assert.That(json.RootElement.GetProperty("dates").GetProperty("response_due").GetString(), Is.EqualTo("2026-06-16"));
        Assert.That(json.RootElement.GetProperty("calendar").GetString(), Is.EqualTo("scotland"));
    }

    [TestCase("--regime", "foi", "--received", "2025-06-06T23:30:00+01:00", "unknown regime 'foi'")]
    [TestCase("--regime", "foia", "--received", "2025-06-06T23:30:00", "explicit offset")] // no offset (R3)
    [TestCase("--regime", "foia", "--received", "2025-06-06", "explicit offset")]
    [TestCase("--regime", "foia", "--received", "2025-06-06T10:00:00Z", "--event", "reply:2025-06-10", "unknown event 'reply'")]
    [TestCase("--regime", "foia", "--received", "2025-06-06T10:00:00Z", "--event", "fee_received:2025-06-10", "no fees_notice_sent")] // out of order
    [TestCase("--regime", "foia", "--received", "2025-06-06T10:00:00Z", "--event", "response_sent:2025-06-01", "before the date of receipt")]
    [TestCase("--regime", "sar", "--received", "2025-06-06T10:00:00Z", "--calendar", "wales", "unknown calendar 'wales'")]
    [TestCase("--received", "2025-06-06T10:00:00Z", "--regime is required")]
    [TestCase("--regime", "foia", "--received", "2025-06-06T10:00:00Z", "--when", "x", "unknown option --when")]
    public async Task Deadline_BadArguments_ExitsTwoWithOneLineMessage(params string[] argsAndMessage)
    {
        var message = argsAndMessage[^1];
        var (exit, stdout, stderr) = await Run(["deadline", .. argsAndMessage[..^1]]);

        Assert.That(exit, Is.EqualTo(2));
        Assert.That(stdout, Is.Empty);
        var firstLine = stderr.Split('\n')[0];
        Assert.That(firstLine, Does.StartWith("foidesk deadline: ").And.Contain(message));
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await CliDispatcher.RunAsync(args, CliServices.BuildAsync, stdout, stderr, CancellationToken.None);
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
