using FoiDesk.Questions;

namespace FoiDesk.Tests.Questions;

/// <summary>The Thurrock social value request (seed 000) and its round-robin twin (seed 001) in every form it arrived in.</summary>
public sealed class SeedRequestTests
{
    private static readonly string[] Forms =
    [
        "thurrock-request-as-sent.txt",
        "thurrock-request-as-quoted-back.txt",
        "thurrock-request-quoted-with-marks.txt",
        "thurrock-request-quoted-indented.txt",
        "northamptonshire-request-with-blank-lines.txt",
    ];

    private static SplitRequest SplitForm(string file) => QuestionSplitter.Split(TestFiles.Read($"Questions/Seed/{file}"));

    [TestCaseSource(nameof(Forms))]
    public void Split_SeedRequest_SevenNumberedQuestions(string file)
    {
        var split = SplitForm(file);

        Assert.That(split.Questions.Select(q => q.Number), Is.EqualTo(new[] { "1", "2", "3", "4", "5", "6", "7" }));
    }

    [TestCaseSource(nameof(Forms))]
    public void Split_SeedRequest_ServiceBulletsArePartsOfQuestionOne(string file)
    {
        var split = SplitForm(file);

        Assert.That(split.Questions[0].Parts.Select(p => p.Text), Is.EqualTo(new[]
        {
            "Independent Fostering Agencies (IFAs)",
            "Residential children’s homes and/or parent and child units",
            "16+ semi-independent accommodation",
            "Accommodation services for unaccompanied asylum-seeking children",
        }));
        Assert.That(split.Questions.Skip(1).SelectMany(q => q.Parts), Is.Empty);
    }

    [Description("Hard wrapping, '> ' quoting and indentation must not change a question's text")]
    [TestCaseSource(nameof(Forms))]
    public void Split_SeedRequestAnyForm_SameTextsAsSent(string file)
    {
        var sent = SplitForm(Forms[0]);
        var split = SplitForm(file);

        Assert.That(split.Questions.Select(q => q.Text), Is.EqualTo(sent.Questions.Select(q => q.Text)));
    }

    [TestCaseSource(nameof(Forms))]
    public void Split_SeedRequest_LetterAroundQuestionsKept(string file)
    {
        var split = SplitForm(file);

        Assert.Multiple(() =>
        {
            Assert.That(split.Preamble, Does.Contain("I would like to request the following information under the Freedom of"));
            Assert.That(split.Closing, Does.StartWith("Yours faithfully,"));
            Assert.That(split.Questions[6].Text, Does.EndWith("commissioning process for these services?"));
        });
    }

    [TestCaseSource(nameof(Forms))]
    public void Split_SeedRequest_SourceIsTheOriginalSpan(string file)
    {
        var split = SplitForm(file);

        foreach (var q in split.Questions)
        {
            Assert.That(split.Original[q.SourceStart..q.SourceEnd], Is.EqualTo(q.Source));
        }

        Assert.That(split.Questions[0].Source, Does.StartWith("1. The Social Value Act 2012"));
        Assert.That(split.Questions[0].Source, Does.Contain("asylum-seeking children"));
    }

    [Test]
    public void Split_SeedRequestAsSent_QuestionOneTextKeepsStatementQuestionAndBullets()
    {
        var q1 = SplitForm(Forms[0]).Questions[0].Text;

        Assert.That(q1, Does.StartWith("The Social Value Act 2012 requires commissioning authorities"));
        Assert.That(q1, Does.Contain("the need to consult. Does your organisation give consideration"));
        Assert.That(q1, Does.EndWith("• Accommodation services for unaccompanied asylum-seeking children"));
    }
}
