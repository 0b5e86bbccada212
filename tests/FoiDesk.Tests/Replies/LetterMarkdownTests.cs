using FoiDesk.Replies;

namespace FoiDesk.Tests.Replies;

public class LetterMarkdownTests
{
    [Test]
    public void ToText_Headings_AreUnderlinedByLevel()
    {
        var text = LetterMarkdown.ToText("# Title\n\n## Section\n\n### Question 1\n\nBody.");

        Assert.That(text, Is.EqualTo("Title\n=====\n\nSection\n-------\n\nQuestion 1\n~~~~~~~~~~\n\nBody.\n"));
    }

    [Test]
    public void ToText_Lists_UseDashesAndNumbers()
    {
        var text = LetterMarkdown.ToText("- one\n- two\n\n3. three\n4. four");

        Assert.That(text, Is.EqualTo("- one\n- two\n\n3. three\n4. four\n"));
    }

    [Test]
    public void ToText_Links_ShowTextThenUrl()
    {
        var text = LetterMarkdown.ToText("[ICO](https://ico.org.uk/) or <https://ico.org.uk/> or <foi@x.gov.uk>.");

        Assert.That(text, Is.EqualTo("ICO (https://ico.org.uk/) or https://ico.org.uk/ or foi@x.gov.uk.\n"));
    }

    [Test]
    public void ToText_Table_IsAligned()
    {
        var text = LetterMarkdown.ToText("| Contract | Weighting |\n|---|--:|\n| Fostering | 5% |\n| Supported housing | 10% |");

        Assert.That(text, Is.EqualTo(
            "Contract           Weighting\n" +
            "-----------------  ---------\n" +
            "Fostering                 5%\n" +
            "Supported housing        10%\n"));
    }

    [Test]
    public void ToText_LongParagraph_WrapsAt72()
    {
        var words = string.Join(' ', Enumerable.Repeat("word", 40));

        var lines = LetterMarkdown.ToText(words).TrimEnd('\n').Split('\n');

        Assert.That(lines.Max(l => l.Length), Is.LessThanOrEqualTo(LetterMarkdown.TextWidth));
        Assert.That(string.Join(' ', lines), Is.EqualTo(words));
    }

    [Test]
    public void ToText_HardBreaksAndEmphasis_KeepLinesDropMarks()
    {
        Assert.That(LetterMarkdown.ToText("**Sam Officer**\\\nOfficer"), Is.EqualTo("Sam Officer\nOfficer\n"));
    }

    [Test]
    public void Parse_ImageAndRawHtml_BecomeText()
    {
        var doc = LetterMarkdown.Parse("![chart](https://tracker.example/pixel.gif) <img src=x>");

        var html = LetterMarkdown.ToHtmlFragment(doc);

        Assert.That(html, Does.Not.Contain("<img"));
        Assert.That(html, Does.Contain("chart"));
        Assert.That(html, Does.Contain("&lt;img src=x&gt;"));
    }
}
