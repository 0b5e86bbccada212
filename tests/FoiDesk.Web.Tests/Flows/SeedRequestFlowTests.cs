using Dapper;
using FoiDesk.Cases;
using FoiDesk.Deadlines;
using FoiDesk.Intake;
using FoiDesk.Mail;
using FoiDesk.Publication;
using FoiDesk.Replies;
using FoiDesk.SocialValue;
using FoiDesk.SocialValue.Answers;
using FoiDesk.Web.Hosting;
using FoiDesk.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace FoiDesk.Web.Tests.Flows;

/// <summary>
/// The seed request from arrival to published response, in the embedded default (drop folder in, pickup
/// folder out), through the same services the pages and jobs call.
/// </summary>
public sealed class SeedRequestFlowTests
{
    private const string SeedMessageId = "request-972166-abcd1234-seed@whatdotheyknow.com";

    [Test]
    public async Task SeedRequest_AnsweredApprovedAndSent_ThreadsToWdtkStatesReviewDeadlineAndPublishesWithoutPersonalData()
    {
        // Received Monday 10 March 2025; answered and sent Thursday 20 March 2025.
        await using var app = await TestWebApp.StartAsync(new DateTimeOffset(2025, 3, 20, 11, 0, 0, TimeSpan.Zero));
        var services = app.Services;
        var seed = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "demo", "mail", "000-thurrock-social-value-request.eml"));
        var opened = await services.GetRequiredService<IntakeProcessor>()
            .ProcessAsync(new SourceMessage("drop-folder", "seed.eml", seed, new DateTimeOffset(2025, 3, 10, 9, 15, 0, TimeSpan.Zero)), CancellationToken.None);
        var reference = opened.CaseReference!;
        var cases = services.GetRequiredService<CaseStore>();
        var c = (await cases.FindAsync(reference, CancellationToken.None))!;
        var questions = await cases.QuestionsAsync(c.Id, CancellationToken.None);
        Assert.That(questions, Has.Count.EqualTo(7));

        // Question 4 (tender weighting) is answered from the social value monitoring data.
        await SocialValueDemo.SeedAsync(services, CancellationToken.None);
        var weighting = await services.GetRequiredService<SocialValueAnswers>()
            .BuildAsync("weighting", "all", null, null, new DateOnly(2025, 5, 31), CancellationToken.None);
        var answers = questions.Select((q, i) => i == 3 ? weighting.Markdown : $"Answer {i + 1}: we hold this information and set it out here.").ToList();
        await using (var conn = await new NpgsqlDataSourceBuilder(app.ConnectionString).Build().OpenConnectionAsync())
        {
            await conn.ExecuteAsync("update foi_case set classification_confirmed = true, status = 'open', publish_to_log = true where id = @Id", new { c.Id });
            for (var i = 0; i < questions.Count; i++)
            {
                await conn.ExecuteAsync("update question set answer = @answer, answer_kind = 'answer', status = 'approved' where id = @id", new { answer = answers[i], id = questions[i].Id });
            }
        }

        await services.GetRequiredService<CaseLetters>().QueueAsync(reference, LetterIds.Response, TestWebApp.EmailFor("ig-officer"), "Test ig-officer", CancellationToken.None);
        var run = await services.GetRequiredService<OutboxSender>().SendDueAsync(10, CancellationToken.None);

        Assert.That(run.Sent, Is.EqualTo(1));
        var outbox = services.GetRequiredService<IOptions<FoiDeskOptions>>().Value.OutboxDirectory;
        using var sent = MailReader.ReadFile(Directory.GetFiles(outbox, "*.eml").Single());
        Assert.That(sent.Body!.ContentType.MimeType, Is.EqualTo("multipart/alternative"));
        Assert.That(sent.To.Single().Address, Is.EqualTo("request-972166-abcd1234@whatdotheyknow.com"));
        Assert.That(sent.InReplyTo, Is.EqualTo(SeedMessageId));
        Assert.That(sent.References, Does.Contain(SeedMessageId));
        Assert.That(sent.Subject, Does.StartWith("Re: Freedom of Information request - Social Care Value Act 2012"));
        Assert.That(sent.Subject, Does.Contain(reference));

        // Each question, then its answer, in order.
        var text = sent.TextBody!.ReplaceLineEndings(" ");
        var position = 0;
        for (var i = 0; i < questions.Count; i++)
        {
            var questionAt = text.IndexOf(Words(questions[i].Text, 8), position, StringComparison.Ordinal);
            Assert.That(questionAt, Is.GreaterThanOrEqualTo(position), $"question {i + 1} in order");
            var answerProbe = i == 3 ? "weighting" : $"Answer {i + 1}:";
            var answerAt = text.IndexOf(answerProbe, questionAt, StringComparison.OrdinalIgnoreCase);
            Assert.That(answerAt, Is.GreaterThan(questionAt), $"answer {i + 1} follows its question");
            position = answerAt;
        }

        // FOIA s45 Code: 40 working days from the response (20 Mar 2025), skipping Good Friday, Easter Monday
        // and the two May bank holidays: 20 May 2025, counted by hand and by the engine.
        var engine = DeadlineEngine.Compute(Regime.Foia, c.ReceivedAt, [new ClockEvent(ClockEventNames.ResponseSent, new DateOnly(2025, 3, 20))]);
        Assert.That(engine.Dates[DateNames.ReviewRequestDeadline], Is.EqualTo(new DateOnly(2025, 5, 20)));
        Assert.That(text, Does.Contain("20 May 2025"));
        var events = await cases.ClockEventsAsync(c.Id, CancellationToken.None);
        Assert.That(events.Select(e => (e.Name, e.OccurredOn)), Does.Contain((ClockEventNames.ResponseSent, new DateOnly(2025, 3, 20))));

        var logDirectory = Path.Combine(Path.GetTempPath(), $"log-{Guid.NewGuid():N}");
        var published = (await services.GetRequiredService<DisclosureLog>().PublishAsync(logDirectory, CancellationToken.None)).Published;
        Assert.That(published.Single().Reference, Is.EqualTo(reference));
        foreach (var file in Directory.GetFiles(logDirectory, "*", SearchOption.AllDirectories))
        {
            var content = await File.ReadAllTextAsync(file);
            Assert.That(content, Does.Not.Contain("Andrew").And.Not.Contain("Bell,").And.Not.Contain("request-972166"), file);
            Assert.That(content, Does.Not.Contain("Test ig-officer"), file + ": staff names below the configured grade are removed");
        }

        var page = await File.ReadAllTextAsync(Path.Combine(logDirectory, "responses", $"{reference}.html"));
        Assert.That(page, Does.Contain(Words(questions[1].Text, 6)), "the response itself is published");
        Directory.Delete(logDirectory, recursive: true);
    }

    private static string Words(string text, int count) => string.Join(' ', text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(count));
}
