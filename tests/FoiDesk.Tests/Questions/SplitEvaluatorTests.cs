using FoiDesk.Questions;
using FoiDesk.Questions.Evaluation;

namespace FoiDesk.Tests.Questions;

public sealed class SplitEvaluatorTests
{
    private static LabelledRequest Labelled(string text, bool ambiguous, params string[] questions) => new()
    {
        Id = "x",
        Text = text,
        Ambiguous = ambiguous,
        Questions = [.. questions.Select((q, i) => new LabelledQuestion((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), $"{i + 1}.", q, []))],
    };

    [Test]
    public void Normalise_MarkersAndWhitespace_Ignored()
    {
        Assert.That(SplitEvaluator.Normalise("How many  staff:\n a) full time\n (b) part time"), Is.EqualTo("How many staff: full time part time"));
    }

    [Test]
    public void Similarity_OneCharacterInForty_AboveThreshold_HalfTheText_Below()
    {
        Assert.Multiple(() =>
        {
            Assert.That(SplitEvaluator.Similarity("The number of potholes repaired in 2023.", "The number of potholes repaired in 2023"), Is.GreaterThanOrEqualTo(0.9));
            Assert.That(SplitEvaluator.Similarity("The number of potholes repaired in 2023.", "The number of potholes"), Is.LessThan(0.9));
        });
    }

    [Test]
    public void Evaluate_CountsExactPrecisionRecallAndStyles()
    {
        const string Two = "1. How many staff?\n2. How many vans?\n";
        var requests = new[]
        {
            Labelled(Two, false, "How many staff?", "How many vans?"),
            Labelled("How many staff? How many vans?\n", false, "How many staff?", "How many vans?"),
            Labelled(Two, true, "How many staff? How many vans?"),
        };

        var evaluation = SplitEvaluator.Evaluate(requests, QuestionSplitter.Split);

        Assert.Multiple(() =>
        {
            Assert.That(evaluation.Scores.Select(s => s.Outcome), Is.EqualTo(new[] { Outcome.Exact, Outcome.Exact, Outcome.TooMany }));
            Assert.That(evaluation.Unambiguous, Is.EqualTo(new SplitTotals(2, 2, 4, 4, 4)));
            Assert.That(evaluation.All, Is.EqualTo(new SplitTotals(3, 2, 5, 6, 4)));
            Assert.That(evaluation.ByStyle(), Is.EqualTo(new[] { ("numbered 1.", 2, 2, 0, 0, 0), (NumberingStyle.Single, 1, 0, 0, 1, 0) }));
        });
    }

    [Test]
    public void Load_CorpusFolder_ReadsEveryRecordWithItsText()
    {
        var corpus = LabelledCorpus.Load(TestFiles.PathOf("TestData/real-requests"));
        var validation = LabelledCorpus.ValidationIds(TestFiles.PathOf("TestData/real-requests"));

        Assert.Multiple(() =>
        {
            Assert.That(corpus, Has.Count.EqualTo(150));
            Assert.That(corpus.Sum(r => r.Questions.Count), Is.EqualTo(664));
            Assert.That(corpus.Count(r => r.Ambiguous), Is.EqualTo(44));
            Assert.That(validation, Has.Count.EqualTo(58));
            Assert.That(corpus.All(r => r.Text.Length > 0));
        });
    }

    [Test]
    public void Write_ThenLoad_RoundTrips()
    {
        var dir = Path.Combine(Path.GetTempPath(), "foidesk-corpus-" + Guid.NewGuid().ToString("N"));
        try
        {
            var record = Labelled("1. How many “staff”?\n", true, "How many “staff”?") with { Id = "c-1", Source = "officer correction", Notes = "n" };
            LabelledCorpus.Write(dir, [record]);
            var back = LabelledCorpus.Load(dir).Single();
            Assert.That(back with { Questions = record.Questions, FormatTags = record.FormatTags }, Is.EqualTo(record));
            Assert.That(back.Questions.Single(), Is.EqualTo(record.Questions.Single()) .Using<LabelledQuestion>((a, b) => a.Text == b.Text && a.Marker == b.Marker && a.Parts.SequenceEqual(b.Parts)));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
