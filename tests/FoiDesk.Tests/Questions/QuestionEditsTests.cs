using FoiDesk.Questions;

namespace FoiDesk.Tests.Questions;

public sealed class QuestionEditsTests
{
    private const string Request = """
        Dear Council,

        1. How many parking permits were issued in 2023?
        2. How many were refused? Please give the reasons for refusal.
        3. What is the cost of a resident's permit, broken down by:
        a) first vehicle
        b) second vehicle

        Yours faithfully,
        Sam Example
        """;

    private static SplitRequest Split() => QuestionSplitter.Split(Request);

    [Test]
    public void Merge_TwoQuestions_OneQuestionSpanningBothSources()
    {
        var split = Split();

        var merged = QuestionEdits.Merge(split, 0);

        Assert.That(merged.Questions, Has.Count.EqualTo(2));
        var q = merged.Questions[0];
        Assert.Multiple(() =>
        {
            Assert.That(q.Number, Is.EqualTo("1"));
            Assert.That(q.Text, Is.EqualTo("How many parking permits were issued in 2023? How many were refused? Please give the reasons for refusal."));
            Assert.That(q.Source, Does.StartWith("1. How many parking").And.EndWith("reasons for refusal."));
            Assert.That(q.Edited, Is.True);
            Assert.That(merged.Original, Is.EqualTo(Request));
        });
    }

    [Test]
    public void Merge_LastQuestion_Throws()
    {
        Assert.That(() => QuestionEdits.Merge(Split(), 2), Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void SplitAt_SentenceBoundary_TwoQuestionsKeepingTheWholeSource()
    {
        var split = Split();
        var text = split.Questions[1].Text;

        var result = QuestionEdits.SplitAt(split, 1, text.IndexOf("Please", StringComparison.Ordinal));

        Assert.That(result.Questions.Select(q => q.Number), Is.EqualTo(new[] { "1", "2a", "2b", "3" }));
        Assert.Multiple(() =>
        {
            Assert.That(result.Questions[1].Text, Is.EqualTo("How many were refused?"));
            Assert.That(result.Questions[2].Text, Is.EqualTo("Please give the reasons for refusal."));
            Assert.That(result.Questions[1].Source, Is.EqualTo(split.Questions[1].Source));
            Assert.That(result.Questions[2].Source, Is.EqualTo(split.Questions[1].Source));
        });
    }

    [Test]
    public void SplitAt_QuestionWithParts_PartsFollowTheirHalf()
    {
        var split = Split();
        var text = split.Questions[2].Text;

        var result = QuestionEdits.SplitAt(split, 2, text.IndexOf("b)", StringComparison.Ordinal));

        Assert.That(result.Questions[2].Parts.Select(p => p.Label), Is.EqualTo(new[] { "a" }));
        Assert.That(result.Questions[3].Parts.Select(p => p.Label), Is.EqualTo(new[] { "b" }));
    }

    [TestCase(0)]
    [TestCase(-1)]
    [TestCase(10_000)]
    public void SplitAt_PositionOutsideText_Throws(int position)
    {
        Assert.That(() => QuestionEdits.SplitAt(Split(), 0, position), Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void Renumber_AfterSplit_SequentialNumbers()
    {
        var split = Split();
        var cut = QuestionEdits.SplitAt(split, 1, split.Questions[1].Text.IndexOf("Please", StringComparison.Ordinal));

        var renumbered = QuestionEdits.Renumber(cut);

        Assert.That(renumbered.Questions.Select(q => q.Number), Is.EqualTo(new[] { "1", "2", "3", "4" }));
        Assert.That(renumbered.Questions[0].Edited, Is.False, "a question whose number did not change is not marked edited");
    }

    [Test]
    public void EditText_NewWording_SourceUnchanged()
    {
        var split = Split();

        var edited = QuestionEdits.EditText(split, 0, "  How many resident   parking permits were issued in 2023? ");

        Assert.Multiple(() =>
        {
            Assert.That(edited.Questions[0].Text, Is.EqualTo("How many resident parking permits were issued in 2023?"));
            Assert.That(edited.Questions[0].Source, Is.EqualTo("1. How many parking permits were issued in 2023?"));
            Assert.That(edited.Questions[0].Edited, Is.True);
        });
    }

    [Test]
    public void EditText_Blank_Throws()
    {
        Assert.That(() => QuestionEdits.EditText(Split(), 0, "  "), Throws.ArgumentException);
    }
}
