using FoiDesk.Replies;

namespace FoiDesk.Tests.Replies;

/// <summary>The Welsh templates (templates/cy): every letter, checked in Welsh under every regime it declares.</summary>
public class WelshLetterTests
{
    private static readonly LetterTemplateLibrary Library = SampleLetters.Library();

    // Table-driven over the folder, so a Welsh file added later is checked too.
    private static IEnumerable<TestCaseData> EveryWelshTemplate() =>
        LetterTemplateLibrary.LoadDirectory(SampleLetters.TemplateRoot).All
            .Where(t => t.Language == LetterLanguage.Welsh)
            .SelectMany(t => t.Regimes.Select(r => new TestCaseData(t.Id, r).SetName($"RenderWelsh_{t.Id}_{r}_PassesLegalChecks")));

    [TestCaseSource(nameof(EveryWelshTemplate))]
    public void RenderWelsh_FullCase_PassesLegalChecksInWelsh(string id, LetterRegime regime)
    {
        var letter = LetterRenderer.Render(Library.Find(id, LetterLanguage.Welsh)!, SampleLetters.Full(regime));

        Assert.That(letter.MissingFields, Is.Empty);
        Assert.That(letter.Problems, Is.Empty, string.Join("; ", letter.Problems));
        Assert.That(letter.Html, Does.Contain("<html lang=\"cy\">"));
        Assert.That(letter.Text, Does.Contain("Yn gywir").And.Not.Contain("Yours sincerely").And.Not.Contain("{{"));
    }

    [Test]
    public void LoadDirectory_ShippedTemplates_EveryLetterHasWelshWithTheEnglishFrontMatter()
    {
        foreach (var id in LetterIds.All)
        {
            var english = Library.Find(id, LetterLanguage.English)!;
            var welsh = Library.Find(id, LetterLanguage.Welsh);

            Assert.That(welsh, Is.Not.Null, $"templates/cy/{id}.md");
            // The same letter in another language: the same regimes and the same fields required before sending.
            Assert.That(welsh!.Regimes, Is.EqualTo(english.Regimes), id);
            Assert.That(welsh.Requires, Is.EqualTo(english.Requires), id);
        }
    }

    [Test]
    public void RenderWelsh_Response_StatesTheReviewDateInWelsh()
    {
        var letter = LetterRenderer.Render(Library.Find(LetterIds.Response, LetterLanguage.Welsh)!, SampleLetters.Full());

        Assert.That(letter.Text, Does.Contain("11 Gorffennaf 2023").And.Contain("Dyddiad: 12 Mai 2023"));
        Assert.That(letter.Subject, Is.EqualTo("Eich cais am wybodaeth - ein hymateb (FOI-2023-0412)"));
    }

    // Each row removes (every occurrence, any case, of) the Welsh phrase that carries one legal element: the check must then fail, so the Welsh
    // phrasing is what satisfies it (not some English left in the letter).
    [TestCase(LetterIds.FeesNotice, LetterRegime.Foia, "dri mis", "dri diwrnod", "fee-window")] // soft mutation: "mae gennych dri mis"
    [TestCase(LetterIds.Extension, LetterRegime.Eir, "yn gymhleth", "yn anodd", "extension-reason")] // soft mutation after predicative "yn"
    [TestCase(LetterIds.Clarification, LetterRegime.Foia, "yn aros", "yn parhau", "clock-stops")] // FOIA s.10(6)(b): the clock stops
    [TestCase(LetterIds.Response, LetterRegime.Foia, "ailddefnydd", "defnydd", "reuse")]
    [TestCase(LetterIds.Response, LetterRegime.Eir, "(adolygiad mewnol)", "", "review-rights")] // EIR reg 11: the paragraph names the review
    [TestCase(LetterIds.Refusal, LetterRegime.Foia, "Comisiynydd Gwybodaeth", "Comisiynydd", "ico-rights")] // FOIA s.50: the Information Commissioner by name
    [TestCase(LetterIds.NotHeld, LetterRegime.Foia, "nid ydym yn dal yr wybodaeth hon", "ni allwn roi'r wybodaeth hon", "not-held")]
    [TestCase(LetterIds.Transfer, LetterRegime.Foia, "trosglwyddo", "anfon", "transfer")]
    public void LegalChecks_WelshPhraseRemoved_ReportsTheRule(string id, LetterRegime regime, string phrase, string replacement, string rule)
    {
        var shipped = Library.Find(id, LetterLanguage.Welsh)!;
        Assert.That(shipped.Body, Does.Contain(phrase));
        var edited = shipped with { Body = shipped.Body.Replace(phrase, replacement, StringComparison.OrdinalIgnoreCase) };

        var letter = LetterRenderer.Render(edited, SampleLetters.Full(regime));

        Assert.That(letter.Problems.Select(p => p.Rule), Does.Contain(rule));
    }
}
