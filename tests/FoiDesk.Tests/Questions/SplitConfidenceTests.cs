using FoiDesk.Questions;

namespace FoiDesk.Tests.Questions;

/// <summary>Each question says why it started, and a split the splitter is unsure of says why.</summary>
public sealed class SplitConfidenceTests
{
    [Test]
    public void Split_NumberedList_ReasonNamesMarkerAndCue()
    {
        var split = QuestionSplitter.Split("Please provide:\n1. The number of potholes repaired.\n2. How many claims were paid?\n");

        Assert.Multiple(() =>
        {
            Assert.That(split.Questions[0].Reason, Does.Contain("'1.'").And.Contain("'The number'"));
            Assert.That(split.Questions[1].Reason, Does.Contain("'2.'").And.Contain("'?'"));
            Assert.That(split.Doubts, Is.Empty);
        });
    }

    [Test]
    public void Split_ProseWithSeveralRequests_Unsure()
    {
        var split = QuestionSplitter.Split("Please tell me how many staff you employ. Please also provide the cost of agency staff in 2023.\n");

        Assert.Multiple(() =>
        {
            Assert.That(split.Questions, Has.Count.EqualTo(2));
            Assert.That(split.Questions[0].Reason, Does.StartWith("a sentence that opens with a request"));
            Assert.That(split.Doubts.Single(), Does.StartWith("prose with 2 candidate requests"));
        });
    }

    [Test]
    public void Split_MixedNumbering_Unsure()
    {
        var split = QuestionSplitter.Split("1. How many staff?\n2. How many vans?\n1) What is the budget?\n2) Who approved it?\n");

        Assert.That(split.Doubts, Has.Some.StartWith("mixed list markers"));
    }

    [Test]
    public void Split_LongListWithoutVerbs_Unsure()
    {
        var split = QuestionSplitter.Split("Please send me your contracts register with these columns:\n- Supplier\n- Value\n- Start date\n- End date\n- Department\n- Contract title\n");

        Assert.That(split.Doubts, Has.Some.Contains("no verb that asks"));
    }
}
