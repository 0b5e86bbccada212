using FoiDesk.Replies;

namespace FoiDesk.Tests.Replies;

/// <summary>
/// Authorities edit the wording of their templates. The legal checks run on the rendered letter, so an edit
/// that drops a legal element is caught however the rest of the letter reads.
/// </summary>
public class TemplateEditingTests
{
    private static LetterRenderer WithEdited(string id, Func<string, string> edit)
    {
        var path = Path.Combine(SampleLetters.TemplateRoot, id + ".md");
        var original = File.ReadAllText(path);
        var edited = edit(original);
        Assert.That(edited, Is.Not.EqualTo(original), "the edit must change the template");
        var others = SampleLetters.Library().All.Where(t => t.Id != id || t.Language != LetterLanguage.English);
        return new LetterRenderer(new LetterTemplateLibrary([.. others, LetterTemplate.Parse(edited, path)]));
    }

    private static string Cut(string text, string from, string to)
    {
        var start = text.IndexOf(from, StringComparison.Ordinal);
        var end = text.IndexOf(to, start, StringComparison.Ordinal);
        return text[..start] + text[end..];
    }

    [Test]
    public void EditedRefusal_WithoutIcoParagraph_IsRejected()
    {
        var renderer = WithEdited(LetterIds.Refusal, t => Cut(t, "## Complaining to the Information Commissioner", "Yours sincerely"));

        var letter = renderer.Render(LetterIds.Refusal, SampleLetters.Full());

        Assert.That(letter.MissingFields, Is.Empty);
        Assert.That(letter.Problems.Select(p => p.Rule), Is.EqualTo(new[] { "ico-rights" }));
    }

    [Test]
    public void EditedRefusal_WithoutReasoningPlaceholder_IsRejected()
    {
        var renderer = WithEdited(LetterIds.Refusal, t => t.Replace("{{ reasoning }}\n", "", StringComparison.Ordinal));

        var letter = renderer.Render(LetterIds.Refusal, SampleLetters.Full());

        Assert.That(letter.Problems.Select(p => p.Rule), Is.EqualTo(new[] { "exemption-reasons" }));
    }

    [Test]
    public void EditedResponse_WithoutReuseNotice_IsRejected()
    {
        var renderer = WithEdited(LetterIds.Response, t => Cut(t, "## Re-using this information", "## Asking for an internal review"));

        var letter = renderer.Render(LetterIds.Response, SampleLetters.Full());

        Assert.That(letter.Problems.Select(p => p.Rule), Is.EqualTo(new[] { "reuse" }));
    }

    [Test]
    public void EditedResponse_ReviewWithoutDeadlineDate_IsRejected()
    {
        var renderer = WithEdited(LetterIds.Response, t => t.Replace(", by **{{ dates.reviewRequestDeadline }}** (40 working days after the date of this letter)", "", StringComparison.Ordinal));

        var letter = renderer.Render(LetterIds.Response, SampleLetters.Full());

        Assert.That(letter.Problems.Select(p => p.Rule), Is.EqualTo(new[] { "review-rights" }));
    }

    [Test]
    public void EditedResponse_AnswersBeforeQuestions_IsRejected()
    {
        // Moving the answer above the question breaks "each question then its answer".
        var renderer = WithEdited(LetterIds.Response, t => t.Replace(
            "### Question {{ number }}\n\n{{ question }}\n\n**Our answer**\n\n{{ answer }}\n",
            "### Question {{ number }}\n\n{{ answer }}\n\n{{ question }}\n", StringComparison.Ordinal));

        var letter = renderer.Render(LetterIds.Response, SampleLetters.Full());

        Assert.That(letter.Problems.Select(p => p.Rule), Does.Contain("answer"));
    }

    [Test]
    public void EditedClarification_WithoutClockSentence_IsRejected()
    {
        var renderer = WithEdited(LetterIds.Clarification, t => Cut(t, "The time limit for our response stops", "If it would help"));

        var letter = renderer.Render(LetterIds.Clarification, SampleLetters.Full());

        Assert.That(letter.Problems.Select(p => p.Rule), Is.EqualTo(new[] { "clock-stops" }));
    }

    [Test]
    public void EditedClarification_ReworderClockSentence_IsAccepted()
    {
        var renderer = WithEdited(LetterIds.Clarification, t => t.Replace(
            "The time limit for our response stops until we receive your clarification.",
            "Please note the 20 working days are on hold until your clarification arrives.", StringComparison.Ordinal));

        var letter = renderer.Render(LetterIds.Clarification, SampleLetters.Full());

        Assert.That(letter.Problems, Is.Empty);
    }

    [Test]
    public void EditedFeesNotice_WithoutThreeMonths_IsRejected()
    {
        var renderer = WithEdited(LetterIds.FeesNotice, t => t.Replace("You have three months, beginning with the date of this notice, to pay. ", "", StringComparison.Ordinal));

        var letter = renderer.Render(LetterIds.FeesNotice, SampleLetters.Full());

        Assert.That(letter.Problems.Select(p => p.Rule), Is.EqualTo(new[] { "fee-window" }));
    }

    [Test]
    public void EditedExtension_WithoutExemptionList_IsRejectedForFoia()
    {
        var renderer = WithEdited(LetterIds.Extension, t => t.Replace("- {{ section }}: {{ name }}\n", "", StringComparison.Ordinal));

        var letter = renderer.Render(LetterIds.Extension, SampleLetters.Full());

        Assert.That(letter.Problems.Select(p => p.Rule), Is.EqualTo(new[] { "extension-exemption" }));
    }

    [Test]
    public void EditedTemplate_MisspeltPlaceholder_IsReportedAsUnknown()
    {
        var renderer = WithEdited(LetterIds.Acknowledgement, t => t.Replace("{{ requester.name }}", "{{ requestor.name }}", StringComparison.Ordinal));

        var letter = renderer.Render(LetterIds.Acknowledgement, SampleLetters.Full());

        Assert.That(letter.MissingFields, Is.EqualTo(new[] { "requestor.name" }));
        Assert.That(letter.Problems.Select(p => p.Rule), Is.EqualTo(new[] { "unknown-field" }));
    }
}
