using Dapper;
using FoiDesk.Cases;
using FoiDesk.Questions.Evaluation;
using FoiDesk.Tests.Intake;

namespace FoiDesk.Tests.Cases;

/// <summary>An officer's corrections become a labelled example, exported redacted, through the real database.</summary>
public sealed class SplitCorrectionsTests
{
    private const string Mail = """
        From: Jane Example <jane.example@mail.example>
        To: foi@council.example
        Subject: Parking fines
        Message-ID: <corr-1@mail.example>

        Dear Council,

        Please tell me how many parking fines you issued in 2024 and how much they raised. Please also provide the number of appeals upheld.

        Yours faithfully,

        Jane Example
        07700 900123
        """;

    [Test]
    public async Task Export_AfterSplitMergeAndEdit_WritesRedactedLabelledRecord()
    {
        await using var db = await IntakeDb.CreateAsync();
        var opened = await db.DropAsync("corr.eml", Mail);
        var c = (await db.Cases.FindAsync(opened.CaseReference!, CancellationToken.None))!;
        var work = new QuestionWork(db.Cases, db.Time);
        await using var conn = await db.Db.OpenConnectionAsync();
        var ids = (await conn.QueryAsync<long>("select id from question where case_id = @Id order by position", new { c.Id })).ToList();
        Assert.That(ids, Has.Count.EqualTo(2), "the splitter's two prose requests");

        // The officer splits the first sentence at "and how much", then edits the first half's wording, then renumbers.
        var first = await conn.QuerySingleAsync<string>("select text from question where id = @id", new { id = ids[0] });
        var cut = first.IndexOf(" and how much", StringComparison.Ordinal);
        db.Time.Advance(TimeSpan.FromHours(1));
        await work.SplitAsync(c, ids[0], cut, "officer@test", CancellationToken.None);
        await work.EditTextAsync(c, ids[0], "How many parking fines were issued in 2024?", "officer@test", CancellationToken.None);
        await work.RenumberAsync(c, "officer@test", CancellationToken.None);

        var dir = Path.Combine(Path.GetTempPath(), "foidesk-export-" + Guid.NewGuid().ToString("N"));
        try
        {
            var before = await new SplitCorrections(db.Db).ExportAsync(db.Time.GetUtcNow().AddMinutes(1), dir + "-none", CancellationToken.None);
            var count = await new SplitCorrections(db.Db).ExportAsync(db.Time.GetUtcNow().AddDays(-1), dir, CancellationToken.None);
            var record = LabelledCorpus.Load(dir).Single();

            Assert.Multiple(() =>
            {
                Assert.That(before, Is.Zero, "nothing corrected after the --since time");
                Assert.That(count, Is.EqualTo(1));
                Assert.That(record.Questions.Select(q => q.Text), Is.EqualTo(new[]
                {
                    "How many parking fines were issued in 2024?",
                    "and how much they raised.",
                    "Please also provide the number of appeals upheld.",
                }));
                Assert.That(record.FormatTags, Is.EqualTo(new[] { "officer-correction", "question-split", "question-edited", "questions-renumbered" }));
                Assert.That(record.Notes, Does.Contain("the splitter gave 2 questions"));
                Assert.That(record.Text, Does.Not.Contain("Jane").And.Not.Contain("Example").And.Not.Contain("07700"));
                Assert.That(record.Text, Does.Contain("[name redacted]").And.Contain("[phone number redacted]"));
                Assert.That(record.Text, Does.Contain("how many parking fines"), "the request itself is kept");
            });

            // The exported folder is a labelled set the evaluator reads: the splitter gave 2, the officer made 3.
            var evaluation = SplitEvaluator.Evaluate([record], FoiDesk.Questions.QuestionSplitter.Split);
            Assert.That(evaluation.Scores.Single().Outcome, Is.EqualTo(Outcome.TooFew));
        }
        finally
        {
            foreach (var d in new[] { dir, dir + "-none" }.Where(Directory.Exists))
            {
                Directory.Delete(d, recursive: true);
            }
        }
    }
}
