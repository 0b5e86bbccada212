using FoiDesk.Questions;

namespace FoiDesk.Tests.Questions;

/// <summary>Small quirks of request text, one per row.</summary>
public sealed class QuestionSplitterTests
{
    private static string[] Numbers(string text) => [.. QuestionSplitter.Split(text).Questions.Select(q => q.Number)];

    [TestCase("", new string[0])] // nothing
    [TestCase("   \n\n  ", new string[0])] // blank
    [TestCase("1. How many?\r\n2. How much?\r\n", new[] { "1", "2" })] // CRLF from a real MTA
    [TestCase("1. How many staff were employed?\n1.5 million pounds was the budget. What was spent?", new[] { "1" })] // "1.5" is not a marker
    [TestCase("a) How many?\nb) How much?\nc) When?\nd) Where?\ne) Who?\nf) Why?\ng) Which?\nh) Whose?\ni) Whether?", new[] { "a", "b", "c", "d", "e", "f", "g", "h", "i" })] // i after h is a letter
    [TestCase("i) How many?\nii) How much?\niii) When?\niv) Where?\nv) Who?", new[] { "i", "ii", "iii", "iv", "v" })] // v after iv is roman
    [TestCase("Please provide:\n-----------------\n- the number of staff\n- the budget", new[] { "1", "2" })] // a rule of dashes is not a bullet
    [TestCase("Q1. How many?\nQ2. How much?", new[] { "1", "2" })]
    [TestCase("Question 1: How many?\nQuestion 2: How much?", new[] { "1", "2" })]
    public void Split_Quirk_Numbers(string text, string[] expected)
    {
        Assert.That(Numbers(text), Is.EqualTo(expected));
    }

    [Test]
    public void Split_CrLf_TextHasNoCarriageReturns()
    {
        var split = QuestionSplitter.Split("Dear Council,\r\n\r\n1. How many bins\r\nwere emptied?\r\n\r\nYours faithfully,\r\nSam\r\n");

        Assert.That(split.Questions.Single().Text, Is.EqualTo("How many bins were emptied?"));
        Assert.That(split.Closing, Is.EqualTo("Yours faithfully,\nSam"));
        Assert.That(split.Preamble, Is.EqualTo("Dear Council,"));
    }

    [Test]
    public void Split_WordBrokenAtHyphen_JoinedWithoutSpace()
    {
        var split = QuestionSplitter.Split("1. How many semi-\ndetached council houses are there?\n2. How many flats?");

        Assert.That(split.Questions[0].Text, Is.EqualTo("How many semi-detached council houses are there?"));
    }

    [Test]
    public void Split_ScopeAndFormatLines_NotesNotQuestions()
    {
        var split = QuestionSplitter.Split("""
            Dear Council,

            I would like the following information for each of the last three financial years:

            1. How many tenancies were ended for rent arrears?
            2. How many evictions were carried out?

            Please provide the information in Excel format.

            Yours faithfully,
            Sam Example
            """);

        Assert.That(split.Questions, Has.Count.EqualTo(2));
        Assert.That(split.Notes, Is.EqualTo(new[]
        {
            "I would like the following information for each of the last three financial years:",
            "Please provide the information in Excel format.",
        }));
        Assert.That(split.Questions[1].Text, Is.EqualTo("How many evictions were carried out?"));
    }
}
