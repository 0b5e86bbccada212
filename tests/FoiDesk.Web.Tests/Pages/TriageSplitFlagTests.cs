using FoiDesk.Cases;
using FoiDesk.Questions;
using FoiDesk.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace FoiDesk.Web.Tests.Pages;

/// <summary>A split the splitter is unsure of is flagged at triage with its reasons; a sure one is not.</summary>
public sealed class TriageSplitFlagTests
{
    private static async Task<string> OpenAsync(TestWebApp app, string subject, string text)
    {
        var split = QuestionSplitter.Split(text);
        var store = app.Services.GetRequiredService<CaseStore>();
        await using var conn = await store.DataSource.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync();
        var (_, reference) = await store.OpenAsync(conn, tx, new NewCase
        {
            Classification = Classifications.Foi,
            ProposedClassification = Classifications.Foi,
            ProposalReasons = ["asks for recorded information"],
            Subject = subject,
            ReceivedAt = new DateTimeOffset(2025, 3, 10, 9, 14, 3, TimeSpan.Zero),
            RequestText = text,
            Questions = [.. split.Questions.Select(q => new NewQuestion(q.Number, q.Text, [], QuestionSimilarity.Normalise(q.Text)))],
        }, "test", CancellationToken.None);
        await tx.CommitAsync();
        return reference;
    }

    [Test]
    public async Task Triage_UnsureSplit_FlaggedWithReasons_SureSplitNot()
    {
        await using var app = await TestWebApp.StartAsync();
        using var officer = await app.ClientAsync("ig-officer");
        var prose = await OpenAsync(app, "Agency staff", "Please tell me how many staff you employ. Please also provide the cost of agency staff in 2023.");
        var listed = await OpenAsync(app, "Foster carers", "1. How many foster carers do you have?\n2. What is your fostering budget?");

        var html = await officer.GetStringAsync(new Uri("/triage", UriKind.Relative));

        var proseRow = Row(html, prose);
        var listedRow = Row(html, listed);
        Assert.Multiple(() =>
        {
            Assert.That(proseRow, Does.Contain("Check the split").And.Contain("prose with 2 candidate requests"));
            Assert.That(listedRow, Does.Contain("Split looks sure").And.Not.Contain("Check the split"));
        });
    }

    private static string Row(string html, string reference)
    {
        var at = html.IndexOf($">{reference}<", StringComparison.Ordinal);
        Assert.That(at, Is.GreaterThan(0), $"{reference} on the triage page");
        var end = html.IndexOf("</tr>", at, StringComparison.Ordinal);
        return html[at..end];
    }
}
