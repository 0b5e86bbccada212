using Dapper;
using FoiDesk.Intake;

namespace FoiDesk.Tests.Intake;

public sealed class SimilarQuestionsTests
{
    [Test]
    public async Task Find_RepeatedQuestion_LinksEarlierCaseAndAnswer()
    {
        await using var t = await IntakeDb.CreateAsync();
        var earlier = await t.DropAsync("1.eml", IntakeDb.Request("a@example.org", "Agency staff", "1@example.org",
            "How much did the council spend on agency social workers in 2023/24?", "How many library books were lost last year?"), new DateTimeOffset(2025, 1, 6, 9, 0, 0, TimeSpan.Zero));
        await using (var conn = await t.Db.OpenConnectionAsync())
        {
            await conn.ExecuteAsync("update question set answer = '£1.2 million', answer_kind = 'answer' where position = 1");
        }

        var later = await t.DropAsync("2.eml", IntakeDb.Request("b@example.org", "Agency spend", "2@example.org",
            "Please tell me how much the council spent on agency social workers in 2023/24.", "What is the chief executive's salary?"));
        var c = (await t.Cases.FindAsync(later.CaseReference!, CancellationToken.None))!;

        var report = await new SimilarQuestions(t.Db).FindAsync(c.Id, CancellationToken.None);

        Assert.That(report.Questions, Has.Count.EqualTo(1), "only the repeated question, not the unrelated ones");
        var match = report.Questions[0];
        Assert.That(match.Number, Is.EqualTo("1"));
        Assert.That(match.EarlierReference, Is.EqualTo(earlier.CaseReference));
        Assert.That(match.EarlierAnswer, Is.EqualTo("£1.2 million"));
        Assert.That(match.Similarity, Is.GreaterThanOrEqualTo(SimilarQuestions.QuestionThreshold));
        Assert.That(report.RoundRobin, Is.Empty, "the requests as wholes differ");
    }

    [Test]
    public async Task Find_EarlierCaseOnly_NeverLinksToLaterCases()
    {
        await using var t = await IntakeDb.CreateAsync();
        var first = await t.DropAsync("1.eml", IntakeDb.Request("a@example.org", "Potholes", "1@example.org", "How many potholes were reported on classified roads in 2024?"), new DateTimeOffset(2025, 1, 6, 9, 0, 0, TimeSpan.Zero));
        await t.DropAsync("2.eml", IntakeDb.Request("b@example.org", "Potholes", "2@example.org", "How many potholes were reported on classified roads in 2024?"));
        var c = (await t.Cases.FindAsync(first.CaseReference!, CancellationToken.None))!;

        var report = await new SimilarQuestions(t.Db).FindAsync(c.Id, CancellationToken.None);

        Assert.That(report.Questions, Is.Empty);
    }

    [Test]
    public async Task Find_RoundRobinRequest_FindsTheOtherCopies()
    {
        await using var t = await IntakeDb.CreateAsync();
        string[] questions = ["How many electric vehicle charge points does the council operate?", "How much income did they raise in 2024?", "Who maintains them?"];
        var a = await t.DropAsync("1.eml", IntakeDb.Request("campaign@example.org", "EV charging", "1@example.org", questions));
        var b = await t.DropAsync("2.eml", IntakeDb.Request("someone.else@example.org", "EV charging", "2@example.org", questions));
        await t.DropAsync("3.eml", IntakeDb.Request("c@example.org", "Parks", "3@example.org", "How many parks does the council maintain?"));
        var c = (await t.Cases.FindAsync(b.CaseReference!, CancellationToken.None))!;

        var report = await new SimilarQuestions(t.Db).FindAsync(c.Id, CancellationToken.None);

        Assert.That(report.RoundRobin.Select(r => r.Reference), Is.EqualTo(new[] { a.CaseReference }));
        Assert.That(report.Questions.Select(q => q.EarlierReference).Distinct(), Is.EqualTo(new[] { a.CaseReference }));
    }
}
