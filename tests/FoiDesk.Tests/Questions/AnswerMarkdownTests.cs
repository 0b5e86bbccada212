using FoiDesk.Questions;

namespace FoiDesk.Tests.Questions;

public sealed class AnswerMarkdownTests
{
    // Answers are shown to officers and sent to requesters: raw HTML is escaped, unsafe link schemes dropped,
    // and images become links so showing an answer never fetches anything remote.
    [TestCase("We hold **42** carers.", "<strong>42</strong>")]
    [TestCase("<script>alert(1)</script>", "&lt;script&gt;")]
    [TestCase("[site](https://example.org/a)", "href=\"https://example.org/a\"")]
    [TestCase("[mail](mailto:foi@example.org)", "href=\"mailto:foi@example.org\"")]
    [TestCase("| a | b |\n|---|---|\n| 1 | 2 |", "<table>")]
    public void ToHtml_Input_Contains(string markdown, string expected) =>
        Assert.That(AnswerMarkdown.ToHtml(markdown), Does.Contain(expected));

    [TestCase("<script>alert(1)</script>", "<script")]
    [TestCase("[x](javascript:alert(1))", "javascript:")]
    [TestCase("[x](data:text/html;base64,PHNjcmlwdD4=)", "data:")]
    [TestCase("![chart](https://tracker.example/pixel.png)", "<img")]
    public void ToHtml_UnsafeInput_DoesNotContain(string markdown, string forbidden) =>
        Assert.That(AnswerMarkdown.ToHtml(markdown), Does.Not.Contain(forbidden));

    [Test]
    public void Exemptions_List_HasEveryFoiaSectionAndEirRegulationOnce()
    {
        Assert.That(Exemptions.All.Select(e => e.Code), Is.Unique);
        Assert.That(Exemptions.All.Count(e => e.Law == "FOIA"), Is.EqualTo(22));
        Assert.That(Exemptions.All.Count(e => e.Law == "EIR"), Is.EqualTo(13));
        Assert.That(Exemptions.Find("s.21")!.Qualified, Is.False, "s21 is absolute (FOIA s2(3)(a))");
        Assert.That(Exemptions.Find("s.43(2)")!.Qualified, Is.True);
    }
}
