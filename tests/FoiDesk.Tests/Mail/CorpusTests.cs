using FoiDesk.Mail;

namespace FoiDesk.Tests.Mail;

/// <summary>
/// Every message of the corpus parses without an exception or a hang, and its summary matches the committed golden
/// file (Mime/Golden/&lt;path&gt;.summary.txt). Regenerate with UPDATE_GOLDEN=1 after a deliberate change and review the diff.
/// </summary>
[Parallelizable(ParallelScope.All)]
public sealed class CorpusTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    public static IEnumerable<string> Files() => Corpus.MessageFiles();

    [TestCaseSource(nameof(Files))]
    public void Parse_CorpusMessage_MatchesGoldenSummary(string file)
    {
        var bytes = Corpus.Read(file);
        var summary = ParseGuarded(bytes, MessageSummary.Write);
        var golden = Path.Combine(Corpus.SourceDir(), "Golden", file + ".summary.txt");
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(golden)!);
            File.WriteAllText(golden, summary);
            Assert.Pass("golden file written");
        }

        Assert.That(File.Exists(golden), Is.True, $"no golden file {golden}; run with UPDATE_GOLDEN=1");
        Assert.That(summary, Is.EqualTo(File.ReadAllText(golden)));
    }

    [TestCaseSource(nameof(Files))]
    public void Parse_CorpusMessageWithCrlf_SameTextAsLf(string file)
    {
        if (file == "stalwart-mail-parser/thirdparty/005.eml")
        {
            Assert.Ignore("UTF-16LE text sent as binary: turning LF into CRLF changes the text itself");
        }

        // A real MTA hands over CRLF; the corpus is mostly LF. Both must give the same structure and text.
        var lf = Corpus.Read(file).Where(b => b != '\r').ToArray();
        var crlf = LfToCrlf(lf);
        var a = ParseGuarded(lf, Shape);
        var b = ParseGuarded(crlf, Shape);
        Assert.That(b, Is.EqualTo(a));
    }

    internal static T ParseGuarded<T>(byte[] bytes, Func<ReadMail, T> read, MailLimits? options = null)
    {
        using var cts = new CancellationTokenSource(Guard);
        var task = Task.Run(
            () =>
            {
                using var m = MailReader.Read(bytes, options, cts.Token);
                return read(m);
            },
            cts.Token);
        Assert.That(task.Wait(Guard * 2), Is.True, "parser did not finish");
        return task.Result;
    }

    internal static byte[] LfToCrlf(byte[] lf)
    {
        var list = new List<byte>(lf.Length + (lf.Length / 20));
        foreach (var b in lf)
        {
            if (b == '\n')
            {
                list.Add((byte)'\r');
            }

            list.Add(b);
        }

        return [.. list];
    }

    private static string Shape(ReadMail m) =>
        string.Join("|", m.Subject, m.From.Count, m.Attachments.Count, m.EmbeddedMessages.Count,
            m.TextBody?.Replace("\r", "", StringComparison.Ordinal).TrimEnd(), m.HtmlBody?.Replace("\r", "", StringComparison.Ordinal).TrimEnd(),
            string.Join(",", m.Attachments.Select(x => x.ContentType + ":" + x.FileName)));
}
