using FoiDesk.Questions;

namespace FoiDesk.Tests.Questions;

public sealed class QuestionSimilarityTests
{
    [TestCase("How many potholes were reported in 2023?", "how many potholes were reported in 2023")]
    [TestCase("  The “Social Value”   Act — 2012 ", "the social value act 2012")] // typographic quotes and dashes
    [TestCase("Café RÉSUMÉ", "cafe resume")] // accents folded
    public void Normalise_Text_LowerCaseNoPunctuation(string text, string expected)
    {
        Assert.That(QuestionSimilarity.Normalise(text), Is.EqualTo(expected));
    }

    [Description("Round-robin requests: the same question sent to many councils with only the addressee's wording changed")]
    [Test]
    public void Fingerprint_SameQuestionDifferentGlue_SameHash()
    {
        var a = QuestionSimilarity.Fingerprint("Please provide the number of potholes reported in 2023.");
        var b = QuestionSimilarity.Fingerprint("Could you tell me the number of potholes reported in 2023?");

        Assert.That(a.Hash, Is.EqualTo(b.Hash));
        Assert.That(a.Words, Is.EqualTo(new[] { "number", "pothole", "reported", "2023" }));
    }

    [Test]
    public void Fingerprint_DifferentYear_DifferentHash()
    {
        var a = QuestionSimilarity.Fingerprint("Number of potholes reported in 2023");
        var b = QuestionSimilarity.Fingerprint("Number of potholes reported in 2022");

        Assert.That(a.Hash, Is.Not.EqualTo(b.Hash));
    }

    // Jaccard of content-word pairs; thresholds a caller might use are in the comments.
    [TestCase("How many potholes were reported in 2023?", "How many potholes were reported in 2023?", 1.0, 1.0)] // identical
    [TestCase("How many potholes were reported in 2023?", "Please provide the number of potholes reported in 2023.", 0.4, 0.8)] // reworded
    [TestCase("How many potholes were reported in 2023?", "What is the council's policy on glyphosate?", 0.0, 0.0)] // unrelated
    public void Similarity_Pairs_InRange(string a, string b, double min, double max)
    {
        var s = QuestionSimilarity.Similarity(a, b);

        Assert.That(s, Is.InRange(min, max));
    }

    [Test]
    public void Similarity_SeedRoundRobin_QuestionsMatchAcrossCouncils()
    {
        var thurrock = QuestionSplitter.Split(TestFiles.Read("Questions/Seed/thurrock-request-as-sent.txt"));
        var northants = QuestionSplitter.Split(TestFiles.Read("Questions/Seed/northamptonshire-request-with-blank-lines.txt"));

        for (var i = 0; i < 7; i++)
        {
            Assert.That(QuestionSimilarity.Similarity(thurrock.Questions[i].Text, northants.Questions[i].Text), Is.EqualTo(1.0));
        }

        Assert.That(QuestionSimilarity.Similarity(thurrock.Questions[5].Text, thurrock.Questions[6].Text), Is.LessThan(0.9), "questions 6 and 7 differ");
    }

    // Worked by hand with pg_trgm's rules (not yet run against a live PostgreSQL; the lead's DB tests can confirm).
    [TestCase("word", "word", 1.0)]
    [TestCase("word", "two words", 0.36363637)] // 4 shared trigrams of 11 distinct
    [TestCase("abc", "xyz", 0.0)]
    public void TrigramSimilarity_AsPgTrgm(string a, string b, double expected)
    {
        Assert.That(QuestionSimilarity.TrigramSimilarity(a, b), Is.EqualTo(expected).Within(1e-6));
    }

    [Test]
    public void Trigrams_Word_PaddedLikePgTrgm()
    {
        // pg_trgm documentation: show_trgm('cat') gives {"  c"," ca","at ","cat"}
        Assert.That(QuestionSimilarity.Trigrams("Cat"), Is.EquivalentTo(new[] { "  c", " ca", "cat", "at " }));
    }
}
