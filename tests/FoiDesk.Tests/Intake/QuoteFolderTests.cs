using System.Text.RegularExpressions;
using FoiDesk.Intake;

namespace FoiDesk.Tests.Intake;

/// <summary>
/// Alaveteli's quote-folding fixtures (TestData/alaveteli, AGPL): our folded output must equal Alaveteli's modulo
/// whitespace, with runs of folded sections counted as one (Alaveteli itself merges them for display).
/// </summary>
public sealed class QuoteFolderTests
{
    private const string Marker = "FOLDED_QUOTED_SECTION";

    private static string Normalise(string text)
    {
        var collapsed = Regex.Replace(text, @"\s+", " ").Trim();
        return Regex.Replace(collapsed, $@"{Marker}(?:\s*{Marker})+", Marker);
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    [TestCase(4)]
    [TestCase(6)]
    [TestCase(7)]
    [TestCase(8)]
    [TestCase(9)]
    [TestCase(10)]
    [TestCase(11)]
    public void Fold_AlaveteliExample_SameAsAlaveteli(int n)
    {
        var input = TestFiles.Read($"TestData/alaveteli/quote-folding/email-folding-example-{n}.txt");
        var expected = TestFiles.Read($"TestData/alaveteli/quote-folding/email-folding-example-{n}.txt.expected");

        var folded = QuoteFolder.Fold(input);

        Assert.That(Normalise(folded.Render(Marker)), Is.EqualTo(Normalise(expected)));
    }

    [Description("Alaveteli folds only the first starred disclaimer (it uses sub!, not gsub!); we fold the McAfee banner under it too")]
    [Test]
    public void Fold_AlaveteliExample5_BothStarredBannersFolded()
    {
        var input = TestFiles.Read("TestData/alaveteli/quote-folding/email-folding-example-5.txt");
        var expected = TestFiles.Read("TestData/alaveteli/quote-folding/email-folding-example-5.txt.expected");
        var banner = expected[expected.IndexOf("This footnote confirms", StringComparison.Ordinal)..];

        var folded = QuoteFolder.Fold(input);

        Assert.That(Normalise(folded.Render(Marker)), Is.EqualTo(Normalise(expected.Replace(banner, Marker))));
    }

    // Rows from Alaveteli's incoming_message_spec "should fold multiline sections".
    [TestCase("foo\n--------\nconfidential", "foo\nFOLDED_QUOTED_SECTION\n")] // basic
    [TestCase("foo\n--------\nbar - confidential", "foo\nFOLDED_QUOTED_SECTION\n")] // a rule character inside the folded section
    [TestCase("foo\n--------\nbar\n--------\nconfidential", "foo\n--------\nbar\nFOLDED_QUOTED_SECTION\n")] // not everything after a rule
    [TestCase("foo\n--------\nbar\n--------\nconfidential\n--------\nrest", "foo\n--------\nbar\nFOLDED_QUOTED_SECTION\nrest")] // not to the end
    [TestCase("foo\n--------\nbar\n- - - - - - - -\nconfidential\n--------\nrest", "foo\n--------\nbar\nFOLDED_QUOTED_SECTION\nrest")] // spaced rule
    public void Fold_RuledSections_AsAlaveteli(string input, string expected)
    {
        Assert.That(Normalise(QuoteFolder.Fold(input).Render(Marker)), Is.EqualTo(Normalise(expected)));
    }

    [TestCase("TestData/alaveteli/messages/lotus-notes-quoting.eml", "Lotus Notes header block")]
    [TestCase("TestData/alaveteli/messages/forward-quoting-example.eml", "Lotus Notes header block")]
    [TestCase("TestData/alaveteli/messages/forward-quoting-example-2.eml", "Outlook header block")]
    public void Fold_CorpusMessage_HistoryFolded(string file, string reason)
    {
        var body = TestMessage.Load(file).TextBody;

        var folded = QuoteFolder.Fold(body);

        Assert.Multiple(() =>
        {
            Assert.That(folded.Segments.Any(s => s.Kind == SegmentKind.Quoted && s.Reason == reason), Is.True);
            Assert.That(folded.NewText, Does.Contain("Some text").Or.Contain("Some information"));
            Assert.That(folded.NewText, Does.Not.Contain("Subject: RE: Freedom of Information request"));
            Assert.That(folded.NewText, Does.Not.Contain("request-xx"));
        });
    }

    [Test]
    public void Fold_InterleavedReply_NewTextBetweenQuotesKept()
    {
        const string Text = """
            On 3 May 2024, Sam Example wrote:
            > 1. How many permits were issued?
            We issued 412 permits.
            > 2. How many were refused?
            We refused 17.
            """;

        var folded = QuoteFolder.Fold(Text);

        Assert.That(folded.NewText, Is.EqualTo("We issued 412 permits.\nWe refused 17."));
        Assert.That(folded.QuotedText, Does.Contain("How many permits").And.Contain("How many were refused"));
    }

    [Test]
    public void Fold_OutlookBlock_EverythingAfterFolded()
    {
        const string Text = """
            Dear Mr Example,

            Please find our response attached.

            From: Sam Example <request-123-abcdef12@whatdotheyknow.com>
            Sent: 16 April 2023 17:16
            To: FOI
            Subject: Freedom of Information request - parking

            Dear Council, please tell me how many permits you issued.
            """;

        var folded = QuoteFolder.Fold(Text);

        Assert.That(folded.NewText.TrimEnd(), Is.EqualTo("Dear Mr Example,\n\nPlease find our response attached."));
        Assert.That(folded.Segments[^1].Kind, Is.EqualTo(SegmentKind.Quoted));
        Assert.That(folded.Segments[^1].Text, Does.StartWith("From: Sam Example"));
    }

    [Test]
    public void Fold_AnyText_SegmentsCoverTheWholeText()
    {
        foreach (var file in Directory.GetFiles(TestFiles.PathOf("TestData/alaveteli/quote-folding"), "email-folding-example-*.txt"))
        {
            var text = File.ReadAllText(file);

            var folded = QuoteFolder.Fold(text);

            Assert.That(string.Concat(folded.Segments.Select(s => s.Text)), Is.EqualTo(text), Path.GetFileName(file));
        }
    }

    [Test]
    public void Fold_PlainLetter_NothingFolded()
    {
        const string Text = "Dear Sir,\n\nPlease find attached our response.\n\n-- \nFOI Team\n";

        var folded = QuoteFolder.Fold(Text);

        Assert.That(folded.NewText, Is.EqualTo(Text));
        Assert.That(folded.QuotedText, Is.Empty);
    }
}
