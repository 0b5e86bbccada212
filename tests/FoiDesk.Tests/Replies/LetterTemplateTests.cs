using FoiDesk.Replies;

namespace FoiDesk.Tests.Replies;

public class LetterTemplateTests
{
    [Test]
    public void LoadDirectory_ShippedTemplates_HasAllElevenAndWelshAcknowledgement()
    {
        var library = SampleLetters.Library();

        Assert.That(library.All.Where(t => t.Language == LetterLanguage.English).Select(t => t.Id),
            Is.EquivalentTo(LetterIds.All));
        Assert.That(library.Find(LetterIds.Acknowledgement, LetterLanguage.Welsh), Is.Not.Null);
    }

    [Test]
    public void Parse_FrontMatter_ReadsEveryField()
    {
        const string Text = "---\n# comment\nid: refusal\nsubject: Refusal {{ case.reference }}\nregimes: foia, EIR\nrequires:\n  - case.reference\n  - exemptions\nlanguage: en\n---\nBody\n";

        var t = LetterTemplate.Parse(Text, "test");

        Assert.That(t.Id, Is.EqualTo("refusal"));
        Assert.That(t.Subject, Is.EqualTo("Refusal {{ case.reference }}"));
        Assert.That(t.Regimes, Is.EqualTo(new[] { LetterRegime.Foia, LetterRegime.Eir }));
        Assert.That(t.Requires, Is.EqualTo(new[] { "case.reference", "exemptions" }));
        Assert.That(t.Language, Is.EqualTo(LetterLanguage.English));
        Assert.That(t.Body, Is.EqualTo("Body\n"));
    }

    [TestCase("id: x\n---\nBody")] // no opening ---
    [TestCase("---\nid: x\nsubject: s\nregimes: foia\nlanguage: en\nBody")] // never closed
    [TestCase("---\nsubject: s\nregimes: foia\nlanguage: en\n---\nBody")] // no id
    [TestCase("---\nid: x\nsubject: s\nregimes: foisa\nlanguage: en\n---\nBody")] // FOISA letters are not written yet
    [TestCase("---\nid: x\nsubject: s\nregimes: foia\nlanguage: fr\n---\nBody")] // unknown language
    [TestCase("---\nid: x\nsubject: s\nregimes: foia\nlanguage: en\n---\n{{#if a}}")] // body does not parse
    public void Parse_BadTemplate_Throws(string text)
    {
        Assert.That(() => LetterTemplate.Parse(text, "test"), Throws.TypeOf<FormatException>());
    }

    [Test]
    public void LoadDirectory_IdNotMatchingFileName_Throws()
    {
        var dir = Directory.CreateTempSubdirectory("foidesk-templates-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "refusal.md"), "---\nid: response\nsubject: s\nregimes: foia\nlanguage: en\n---\nx\n");

            Assert.That(() => LetterTemplateLibrary.LoadDirectory(dir.FullName), Throws.TypeOf<FormatException>().With.Message.Contains("refusal.md"));
        }
        finally
        {
            dir.Delete(true);
        }
    }
}
