using System.Text.Json;
using Dapper;
using FoiDesk.Intake;

namespace FoiDesk.Tests.Intake;

/// <summary>
/// All 69 real messages from Alaveteli's fixtures (TestData/mail-corpus, AGPL-3.0 test data) go
/// through the real intake pipeline into PostgreSQL: none is lost, and bounces and out-of-office replies are
/// routed as Alaveteli's own specs (expectations.json) say, never opening a case.
/// </summary>
public sealed class AlaveteliCorpusRoutingTests
{
    private const string Corpus = "TestData/mail-corpus/alaveteli";
    private static Dictionary<string, IntakeOutcome> s_outcomes = [];
    private static IntakeDb? s_db;

    [OneTimeSetUp]
    public async Task IngestWholeCorpus()
    {
        s_db = await IntakeDb.CreateAsync();
        s_outcomes = [];
        foreach (var file in MessageFiles())
        {
            var bytes = await File.ReadAllBytesAsync(file);
            var name = "messages/" + Path.GetFileName(file);
            s_outcomes[name] = await s_db.Processor.ProcessAsync(new SourceMessage("corpus", name, bytes, s_db.Time.GetUtcNow()), CancellationToken.None);
        }
    }

    [OneTimeTearDown]
    public async Task DisposeDatabase()
    {
        if (s_db is not null)
        {
            await s_db.DisposeAsync();
        }
    }

    private static string[] MessageFiles() => Directory.GetFiles(TestFiles.PathOf(Corpus + "/messages"), "*.eml").Order(StringComparer.Ordinal).ToArray();

    [Test]
    public async Task Ingest_WholeCorpus_EveryMessageStoredRawAndParsed()
    {
        await using var conn = await s_db!.Db.OpenConnectionAsync();
        var files = MessageFiles();

        Assert.That(files, Has.Length.EqualTo(69));
        Assert.That(s_outcomes.Values.Count(o => o.Route == IntakeRoute.Duplicate), Is.Zero, "no message of the corpus is a copy of another");
        Assert.That(await conn.ExecuteScalarAsync<int>("select count(*) from raw_email"), Is.EqualTo(files.Length));
        Assert.That(await conn.ExecuteScalarAsync<int>("select count(*) from raw_email r join incoming_message i on i.raw_email_id = r.id"), Is.EqualTo(files.Length));
        Assert.That(await conn.ExecuteScalarAsync<int>("select count(*) from incoming_message where not parse_ok"), Is.Zero, "the lenient parser reads every real message");
        foreach (var file in files)
        {
            var stored = await conn.ExecuteScalarAsync<byte[]>("select bytes from raw_email where source_key = @key", new { key = "messages/" + Path.GetFileName(file) });
            Assert.That(stored, Is.EqualTo(await File.ReadAllBytesAsync(file)), file);
        }
    }

    public static IEnumerable<TestCaseData> ReplyClassification()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(TestFiles.PathOf(Corpus + "/expectations.json")));
        foreach (var entry in doc.RootElement.GetProperty("reply_classification").EnumerateObject().Where(e => !e.Name.StartsWith('_')))
        {
            var cls = entry.Value.GetProperty("class").GetString()!;
            yield return new TestCaseData(entry.Name, cls).SetName($"Route_{Path.GetFileNameWithoutExtension(entry.Name)}_{cls}");
        }
    }

    // handle-mail-replies: exit 1 permanent bounce (or a delay, discarded), exit 2 out-of-office, exit 0 a human reads it.
    [TestCaseSource(nameof(ReplyClassification))]
    public void Route_AlaveteliReplyClassification_Matches(string file, string expected)
    {
        var outcome = s_outcomes[file];
        var allowed = expected switch
        {
            "bounce" => [IntakeRoute.Bounce],
            "out-of-office" => [IntakeRoute.AutoReply],
            // A delay notice (no 5.x.x status) is discarded as automatic mail, whichever name it gets.
            _ when expected.StartsWith("bounce-or-delay", StringComparison.Ordinal) => [IntakeRoute.Bounce, IntakeRoute.AutoReply],
            // Passed to a human: a request, a follow-up or the holding pen, never silently discarded.
            _ => new[] { IntakeRoute.Request, IntakeRoute.FollowUp, IntakeRoute.Held },
        };

        Assert.That(allowed, Does.Contain(outcome.Route), $"{file}: {outcome.Route} ({outcome.Reason})");
    }

    [Test]
    public void Route_BouncesAndAutoReplies_NeverOpenACase()
    {
        var automatic = s_outcomes.Where(o => o.Value.Route is IntakeRoute.Bounce or IntakeRoute.AutoReply).ToList();

        Assert.That(automatic.Where(o => o.Value.CaseReference is not null).Select(o => o.Key), Is.Empty);
    }

    [Test]
    public void Route_WholeCorpus_Summary()
    {
        // Printed so a reviewer sees every routing decision in the test log.
        foreach (var (file, o) in s_outcomes.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            TestContext.Out.WriteLine($"{file,-60} {o.Route,-10} {o.CaseReference,-15} {o.Reason}");
        }

        Assert.That(s_outcomes, Has.Count.EqualTo(69));
    }
}
