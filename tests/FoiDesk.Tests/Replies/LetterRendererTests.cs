using FoiDesk.Replies;

namespace FoiDesk.Tests.Replies;

public class LetterRendererTests
{
    private static readonly LetterRenderer Renderer = SampleLetters.Renderer();

    private static IEnumerable<TestCaseData> EveryLetter() =>
        LetterIds.All.SelectMany(id => new[] { LetterRegime.Foia, LetterRegime.Eir }
            // FOIA s.9 fees notices have no EIR twin (EIR reg 8 charges work differently).
            .Where(r => !(id == LetterIds.FeesNotice && r == LetterRegime.Eir))
            .Select(r => new TestCaseData(id, r).SetName($"Render_{id}_{r}_CanSend")));

    [TestCaseSource(nameof(EveryLetter))]
    public void Render_FullCase_PassesItsOwnLegalChecks(string id, LetterRegime regime)
    {
        var letter = Renderer.Render(id, SampleLetters.Full(regime));

        Assert.That(letter.MissingFields, Is.Empty);
        Assert.That(letter.Problems, Is.Empty, string.Join("; ", letter.Problems));
        Assert.That(letter.CanSend, Is.True);
        Assert.That(letter.Subject, Does.Contain("FOI-2023-0412"));
        Assert.That(letter.Text, Does.Not.Contain("{{"));
        Assert.That(letter.Html, Does.Not.Contain("{{"));
    }

    [Test]
    public void Render_Acknowledgement_StatesDueDateTheBritishWay()
    {
        var letter = Renderer.Render(LetterIds.Acknowledgement, SampleLetters.Full());

        var oneLine = string.Join(' ', letter.Text.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries));
        Assert.That(oneLine, Does.Contain("no later than 16 May 2023."));
        Assert.That(oneLine, Does.Contain("we received on 17 April 2023."));
        Assert.That(letter.Html, Does.Contain("<strong>16 May 2023</strong>"));
    }

    [Test]
    public void Render_ResponseWithoutReviewDeadline_ReportsMissingFieldNotBlank()
    {
        var model = SampleLetters.Full() with { Dates = SampleLetters.Full().Dates with { ReviewRequestDeadline = null } };

        var letter = Renderer.Render(LetterIds.Response, model);

        Assert.That(letter.MissingFields, Is.EqualTo(new[] { "dates.reviewRequestDeadline" }));
        Assert.That(letter.Problems.Select(p => p.Rule), Does.Contain("review-rights"));
        Assert.That(letter.CanSend, Is.False);
    }

    [Test]
    public void Render_RefusalWithoutExemption_CannotBeSent()
    {
        var letter = Renderer.Render(LetterIds.Refusal, SampleLetters.Full() with { Exemptions = [] });

        Assert.That(letter.MissingFields, Does.Contain("exemptions"));
        Assert.That(letter.Problems.Select(p => p.Rule), Does.Contain("refusal-exemption"));
        Assert.That(letter.CanSend, Is.False);
    }

    [Test]
    public void Render_RefusalQualifiedExemptionWithoutPublicInterest_CannotBeSent()
    {
        var model = SampleLetters.Full() with
        {
            Exemptions = [SampleLetters.Full().Exemptions[0] with { PublicInterest = null }],
        };

        var letter = Renderer.Render(LetterIds.Refusal, model);

        Assert.That(letter.MissingFields, Does.Contain("exemptions[1].publicInterest"));
        Assert.That(letter.Problems.Select(p => p.Rule), Does.Contain("public-interest"));
    }

    [Test]
    public void Render_AbsoluteExemptionWithoutPublicInterest_IsFine()
    {
        // FOIA s.2(3): absolute exemptions (e.g. s.21, information reasonably accessible) have no public interest test.
        var model = SampleLetters.Full() with
        {
            Exemptions =
            [
                new ExemptionApplied
                {
                    Section = "s.21",
                    Name = "Information accessible by other means",
                    Qualified = false,
                    Reasoning = "The contract register is published on our website.",
                },
            ],
        };

        var letter = Renderer.Render(LetterIds.Refusal, model);

        Assert.That(letter.CanSend, Is.True, string.Join("; ", letter.Problems));
        Assert.That(letter.Text, Does.Not.Contain("public interest test"));
    }

    [Test]
    public void Render_ResponseQuestionWithoutAnswer_CannotBeSent()
    {
        var model = SampleLetters.Full() with
        {
            Questions = [SampleLetters.Full().Questions[0] with { Answer = null }, .. SampleLetters.Full().Questions.Skip(1)],
        };

        var letter = Renderer.Render(LetterIds.Response, model);

        Assert.That(letter.MissingFields, Does.Contain("questions[1].answer"));
        Assert.That(letter.Problems, Does.Contain(new LetterCheck("answer", "question 1 has no answer")));
    }

    [Test]
    public void Render_ResponseWithAttachment_ListsIt()
    {
        var letter = Renderer.Render(LetterIds.Response, SampleLetters.Full());

        Assert.That(letter.Text, Does.Contain("- Tender weightings 2022-23.xlsx"));
    }

    [Test]
    public void Render_QuestionWithMarkup_IsNeutralised()
    {
        var model = SampleLetters.Full() with
        {
            Questions =
            [
                new QuestionAnswer
                {
                    Number = 1,
                    Question = "<script>alert('x')</script> What is *really* spent?\n# Not a heading\n    not code",
                    Answer = "See [our spending page](https://www.anytown.gov.uk/spending) and [this](javascript:alert(1)).",
                },
            ],
        };

        var letter = Renderer.Render(LetterIds.Response, model);

        Assert.That(letter.Html, Does.Not.Contain("<script>"));
        Assert.That(letter.Html, Does.Contain("&lt;script&gt;"));
        Assert.That(letter.Html, Does.Not.Contain("javascript:"));
        Assert.That(letter.Html, Does.Not.Contain("<em>really</em>"));
        Assert.That(letter.Text, Does.Contain("What is *really* spent?"));
        Assert.That(letter.Text, Does.Contain("# Not a heading"));
        Assert.That(letter.Text, Does.Contain("See our spending page (https://www.anytown.gov.uk/spending)"));
        Assert.That(letter.CanSend, Is.True, string.Join("; ", letter.Problems));
    }

    [Test]
    public void Render_Html_IsEmailSafe()
    {
        var html = Renderer.Render(LetterIds.Response, SampleLetters.Full()).Html;

        Assert.That(html, Does.Contain("max-width:640px"));
        Assert.That(html, Does.Not.Contain("<style"));
        Assert.That(html, Does.Not.Contain("<link"));
        Assert.That(html, Does.Not.Contain("src="));
        Assert.That(html, Does.Contain("<table style=\""));
        Assert.That(html, Does.Match("<td style=\"border:1px solid[^\"]*;text-align: right;\""));
        Assert.That(html, Does.Match("<p style=\"[^\"]+\">"));
    }

    [Test]
    public void Render_WelshAcknowledgement_UsesWelshDatesAndLanguage()
    {
        var letter = Renderer.Render(LetterIds.Acknowledgement, SampleLetters.Full(), LetterLanguage.Welsh);

        Assert.That(letter.Text, Does.Contain("Annwyl Jane Example"));
        Assert.That(letter.Text, Does.Contain("16 Mai 2023"));
        Assert.That(letter.Text, Does.Contain("yn unol â Deddf Rhyddid Gwybodaeth 2000"));
        Assert.That(letter.Html, Does.Contain("<html lang=\"cy\">"));
        Assert.That(letter.Subject, Does.StartWith("Eich cais am wybodaeth"));
        Assert.That(letter.CanSend, Is.True, string.Join("; ", letter.Problems));
    }

    [Test]
    public void Render_NoWelshTemplate_Throws()
    {
        var englishOnly = new LetterRenderer(new LetterTemplateLibrary(SampleLetters.Library().All.Where(t => t.Language == LetterLanguage.English)));

        Assert.That(() => englishOnly.Render(LetterIds.Refusal, SampleLetters.Full(), LetterLanguage.Welsh),
            Throws.TypeOf<KeyNotFoundException>());
    }

    [Test]
    public void Render_FeesNoticeForEirCase_IsRejected()
    {
        var letter = Renderer.Render(LetterIds.FeesNotice, SampleLetters.Full(LetterRegime.Eir));

        Assert.That(letter.Problems.Select(p => p.Rule), Does.Contain("regime"));
    }

    [Test]
    public void Render_ReplyToWhatDoTheyKnowRequest_KeepsTheirSubject()
    {
        var model = SampleLetters.Full() with { ReplyToSubject = "Freedom of Information request - Social value in commissioning" };

        var letter = Renderer.Render(LetterIds.Response, model);

        Assert.That(letter.Subject, Is.EqualTo("Re: Freedom of Information request - Social value in commissioning [FOI-2023-0412]"));
    }

    [TestCase("Our response", "REF-1", null, "Our response [REF-1]")] // the reference is always there
    [TestCase("Our response REF-1", "REF-1", null, "Our response REF-1")] // not added twice
    [TestCase("x", "REF-1", "Freedom of Information request - Parks", "Re: Freedom of Information request - Parks [REF-1]")]
    [TestCase("x", "REF-1", "RE: Re: Freedom of Information request - Parks", "Re: Freedom of Information request - Parks [REF-1]")] // one Re:
    [TestCase("x", "REF-1", "Re: Parks (ref-1)", "Re: Parks (ref-1)")] // reference already in their subject
    [TestCase("x", "REF-1", "Freedom of\r\n Information request", "Re: Freedom of Information request [REF-1]")] // folded header
    public void SubjectLine_Cases(string templateSubject, string reference, string? replyTo, string expected)
    {
        Assert.That(LetterRenderer.SubjectLine(templateSubject, reference, replyTo), Is.EqualTo(expected));
    }
}
