using System.Net;
using FoiDesk.Cases;
using FoiDesk.SocialValue;
using FoiDesk.SocialValue.Answers;
using FoiDesk.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static FoiDesk.Web.Tests.Pages.OfficerTestData;

namespace FoiDesk.Web.Tests.Pages;

public sealed class SocialValueInsertTests
{
    [Test]
    public async Task SocialValue_PreviewThenInsert_ShowsSourcesAppendsMarkdownAndKeepsSnapshot()
    {
        await using var app = await TestWebApp.StartAsync();
        var seeded = await SocialValueDemo.SeedAsync(app.Services, CancellationToken.None);
        Assert.That(seeded, Is.Not.Null, "the sample ships beside the host binary");
        var c = await OpenCaseAsync(app, regime: "foia");
        var store = app.Services.GetRequiredService<CaseStore>();
        var children = await TeamIdAsync(app, "Children's Commissioning");
        await app.Services.GetRequiredService<FoiDesk.Cases.Teams>().AddMemberAsync(children, TestWebApp.EmailFor("commissioner"), CancellationToken.None);
        var question = (await store.QuestionsAsync(c.Id, CancellationToken.None))[0];
        await app.Services.GetRequiredService<QuestionWork>().AssignAsync(c, question.Id, children, null, "test", CancellationToken.None);
        using var commissioner = await app.ClientAsync("commissioner");
        var page = $"/my-questions/{question.Id}/social-value";
        var fields = new Dictionary<string, string> { ["QuestionType"] = "consideration", ["Group"] = "IFA", ["From"] = "", ["To"] = "" };

        var preview = await (await PostAsync(commissioner, page, $"{page}?handler=preview", new(fields))).Content.ReadAsStringAsync();
        var beforeInsert = (await store.QuestionsAsync(c.Id, CancellationToken.None))[0].Answer;
        var insert = await PostAsync(commissioner, page, $"{page}?handler=insert", new(fields));

        var expected = await app.Services.GetRequiredService<SocialValueAnswers>().BuildAsync("consideration", "IFA", null, null, null, CancellationToken.None);
        var after = (await store.QuestionsAsync(c.Id, CancellationToken.None))[0];
        Assert.That(preview, Does.Contain("Where the figures come from").And.Contain(expected.Sources.Contracts[0]));
        Assert.That(beforeInsert, Is.Empty);
        Assert.That(insert.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That((after.Answer, after.Status), Is.EqualTo((expected.Markdown, "drafting")));
        await using var conn = await store.DataSource.OpenConnectionAsync();
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = $"select s.question_type from question q join sv_answer_snapshot s on s.id = q.social_value_snapshot_id where q.id = {question.Id}";
        Assert.That(await cmd.ExecuteScalarAsync(), Is.EqualTo("consideration"));
    }
}
