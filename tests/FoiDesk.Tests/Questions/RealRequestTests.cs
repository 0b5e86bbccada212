using System.Globalization;
using System.Text.RegularExpressions;
using FoiDesk.Questions;
using FoiDesk.Questions.Evaluation;

namespace FoiDesk.Tests.Questions;

/// <summary>
/// The splitter on real requests (TestData/real-requests): exact-request accuracy on the validation split, which the
/// splitter was never tuned on, must not fall below the figures docs/question-splitting.md reports.
/// </summary>
public sealed class RealRequestTests
{
    private const string Corpus = "TestData/real-requests";

    private static readonly Regex Floor = new(@"<!-- validation-floor: unambiguous (?<u>\d+)/(?<un>\d+), all (?<a>\d+)/(?<an>\d+) -->", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    [Test]
    public void Evaluate_ValidationSplit_NotBelowDocumentedAccuracy()
    {
        var docs = File.ReadAllText(Path.Combine(TestFiles.Root(), "..", "..", "docs", "question-splitting.md"));
        var floor = Floor.Match(docs);
        Assert.That(floor.Success, "docs/question-splitting.md states the validation floor");
        int Value(string g) => int.Parse(floor.Groups[g].Value, CultureInfo.InvariantCulture);

        var validation = LabelledCorpus.ValidationIds(TestFiles.PathOf(Corpus));
        var evaluation = SplitEvaluator.Evaluate(LabelledCorpus.Load(TestFiles.PathOf(Corpus)).Where(r => validation.Contains(r.Id)), QuestionSplitter.Split);
        TestContext.Out.WriteLine(evaluation.Report("validation split"));

        Assert.Multiple(() =>
        {
            Assert.That(evaluation.Unambiguous.Requests, Is.EqualTo(Value("un")), "unambiguous validation requests");
            Assert.That(evaluation.All.Requests, Is.EqualTo(Value("an")), "validation requests");
            Assert.That(evaluation.Unambiguous.Exact, Is.GreaterThanOrEqualTo(Value("u")), "exact unambiguous validation requests");
            Assert.That(evaluation.All.Exact, Is.GreaterThanOrEqualTo(Value("a")), "exact validation requests");
        });
    }

    [Test]
    public void Split_RealRequests_EveryQuestionPointsAtItsSourceAndHasAReason()
    {
        foreach (var r in LabelledCorpus.Load(TestFiles.PathOf(Corpus)))
        {
            var split = QuestionSplitter.Split(r.Text);
            foreach (var q in split.Questions)
            {
                Assert.That(split.Original[q.SourceStart..q.SourceEnd], Is.EqualTo(q.Source), r.Id);
                Assert.That(q.Reason, Is.Not.Empty, r.Id);
            }
        }
    }
}
