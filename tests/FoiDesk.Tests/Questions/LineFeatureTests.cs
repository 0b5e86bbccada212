using FoiDesk.Questions;

namespace FoiDesk.Tests.Questions;

/// <summary>
/// The line features added for real requests (issue 17), one invented request each; the real requests they came
/// from are scored in <see cref="RealRequestTests"/>.
/// </summary>
public sealed class LineFeatureTests
{
    private static string[] Texts(string text) => [.. QuestionSplitter.Split(text).Questions.Select(q => q.Text)];

    [Test]
    public void Split_RequestHeadingsAloneOnALine_ParagraphBelowIsTheQuestion()
    {
        var texts = Texts("Request 1\nHow many buses run?\n\nRequest 2\nWhat did they cost?\n");

        Assert.That(texts, Is.EqualTo(new[] { "How many buses run?", "What did they cost?" }));
    }

    [Test]
    public void Split_NumberingCarriesOnInAnotherPunctuation_OneList()
    {
        var split = QuestionSplitter.Split("Please provide:\n1: Total claims received.\n2: Total claims paid.\n3. The most common reasons for claims.\n");

        Assert.That(split.Questions.Select(q => q.Number), Is.EqualTo(new[] { "1", "2", "3" }));
        Assert.That(split.Questions[1].Text, Is.EqualTo("Total claims paid."));
    }

    [Test]
    public void Split_SubNumbersWithoutParent_AreQuestions()
    {
        var split = QuestionSplitter.Split("1. How many charging points were installed?\n2a. What did they cost?\n2b. How many are in use?\n3. How often were they used?\n");

        Assert.That(split.Questions.Select(q => q.Number), Is.EqualTo(new[] { "1", "2a", "2b", "3" }));
    }

    [Test]
    public void Split_GroupLeadInBetweenItems_BelongsToNoQuestion()
    {
        // One line per item as a web form sends it (the first is longer than any hard wrap).
        var texts = Texts("1) How many officers were investigated for misconduct in each of the last five years, by rank and by outcome?\n2) How many appealed?\nIf within cost constraints:\n3) Average length of an investigation\n");

        Assert.That(texts[1..], Is.EqualTo(new[] { "How many appealed?", "Average length of an investigation" }));
    }

    [Test]
    public void Split_LineAfterOneLineItems_IsNotPartOfTheLastQuestion()
    {
        var split = QuestionSplitter.Split("1. How many libraries are open?\n2. How many staff work in them?\nThe public interest in this outweighs any exemption.\n");

        Assert.That(split.Questions[^1].Text, Is.EqualTo("How many staff work in them?"));
    }

    [Test]
    public void Split_BreakdownListUnderASpecificRequest_IsOneQuestion()
    {
        var split = QuestionSplitter.Split("How many appeals were made to the tribunal about a child's needs assessment or plan over the last five years (2019 to 2024)?\nOf these appeals how many were for a refusal to:\n* assess a child's needs\n* issue a plan\n* amend a plan\n");

        Assert.That(split.Questions, Has.Count.EqualTo(2));
        Assert.That(split.Questions[1].Text, Does.StartWith("Of these appeals how many were for a refusal to:").And.Contain("amend a plan"));
    }

    [Test]
    public void Split_NotesAboutTheAnswer_AreNotQuestions()
    {
        var split = QuestionSplitter.Split("I would like the following data:\n\nThe total number of calls attended on time.\n\nThe total number of calls attended late.\n\nPlease provide this information in a clear, accessible format. If possible, could this be provided for 2024?\n");

        Assert.That(split.Questions, Has.Count.EqualTo(2));
    }

    [Test]
    public void Split_GluedItemsOpeningAlike_OneQuestionEach()
    {
        var texts = Texts("Please provide the following information about temporary housing:The current number of households housed.The current shortfall in supply.The types of housing used.\n");

        Assert.That(texts, Has.Length.EqualTo(3));
    }
}
