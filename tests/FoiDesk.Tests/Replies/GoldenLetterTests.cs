using FoiDesk.Replies;

namespace FoiDesk.Tests.Replies;

/// <summary>
/// Whole letters rendered from the shipped templates, compared with committed files so a change to a
/// template or to the text renderer shows up as a readable diff. A mismatch writes *.actual beside the golden file.
/// </summary>
public class GoldenLetterTests
{
    private static readonly string GoldenDir = Path.Combine(SourceDir(), "golden");

    [TestCase(LetterIds.Response, LetterRegime.Foia, "txt")]
    [TestCase(LetterIds.Response, LetterRegime.Foia, "html")]
    [TestCase(LetterIds.Refusal, LetterRegime.Eir, "txt")]
    [TestCase(LetterIds.NotHeld, LetterRegime.Foia, "txt")]
    public void Render_MatchesGoldenFile(string id, LetterRegime regime, string part)
    {
        var letter = SampleLetters.Renderer().Render(id, SampleLetters.Full(regime) with
        {
            ReplyToSubject = "Freedom of Information request - Social value in commissioning",
        });
        var actual = $"Subject: {letter.Subject}\n\n" + (part == "txt" ? letter.Text : letter.Html);
        var path = Path.Combine(GoldenDir, $"{id}.{regime.ToString().ToLowerInvariant()}.{part}");

        if (!File.Exists(path) || File.ReadAllText(path) != actual)
        {
            File.WriteAllText(path + ".actual", actual);
        }
        Assert.That(File.Exists(path), Is.True, $"no golden file; review {path}.actual and rename it");
        Assert.That(actual, Is.EqualTo(File.ReadAllText(path)));
    }

    private static string SourceDir([System.Runtime.CompilerServices.CallerFilePath] string file = "") =>
        Path.GetDirectoryName(file)!;
}
