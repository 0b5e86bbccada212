using FoiDesk.Cases;
using FoiDesk.Search;
using FoiDesk.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace FoiDesk.Web.Tests.Manager;

/// <summary>
/// One visibility rule (FoiDesk.Questions.QuestionVisibility) for "my questions" and a commissioner's search:
/// questions assigned to them, or queued for a team they are in; not other teams', not merged ones.
/// </summary>
public sealed class QuestionVisibilityTests
{
    private sealed record Seeded(long Commissioner, string Own, string Team, string OwnInTeam, string OtherTeam, string MergedOnly);

    [Test]
    public async Task MyQuestions_Commissioner_SeesOwnAndTeamQuestionsOnly()
    {
        await using var app = await TestWebApp.StartAsync();
        var s = await SeedAsync(app);

        var queue = await app.Services.GetRequiredService<Answers>().QueueAsync(s.Commissioner, CancellationToken.None);

        // Their own question in their own team's queue is listed once, not once per way they can see it.
        Assert.That(queue.Select(q => q.Question.Reference).Order(StringComparer.Ordinal), Is.EqualTo(new[] { s.Own, s.Team, s.OwnInTeam }.Order(StringComparer.Ordinal)));
    }

    [Test]
    [Description("The queue reads each case's clock events with its questions: FOIA s10(3), a PIT extension gives 20 more working days.")]
    public async Task MyQuestions_CaseWithPitExtension_StatutoryDateFromItsEvents()
    {
        await using var app = await TestWebApp.StartAsync();
        var s = await SeedAsync(app);
        await CaseFixtures.RecordAsync(app, s.Own, "pit_notice_sent", new DateOnly(2025, 3, 24));

        var queue = await app.Services.GetRequiredService<Answers>().QueueAsync(s.Commissioner, CancellationToken.None);

        // Received Mon 3 Mar 2025. St Patrick's Day (Mon 17 Mar) is a bank holiday in Northern Ireland, so not
        // a working day anywhere under s10(6): due Tue 1 Apr. 20 working days on, past Good Friday (18 Apr) and
        // Easter Monday (21 Apr), is Thu 1 May.
        var due = queue.ToDictionary(q => q.Question.Reference, q => q.StatutoryDue);
        Assert.That(due[s.Own], Is.EqualTo(new DateOnly(2025, 5, 1)));
        Assert.That(due[s.Team], Is.EqualTo(new DateOnly(2025, 4, 1)));
    }

    [Test]
    public async Task Search_CommissionerScope_SeesTheCasesOfTheSameQuestions()
    {
        await using var app = await TestWebApp.StartAsync();
        var s = await SeedAsync(app);
        var search = app.Services.GetRequiredService<CaseSearch>();

        var scoped = await search.FindAsync("zebra", s.Commissioner, CancellationToken.None);
        var everyone = await search.FindAsync("zebra", null, CancellationToken.None);

        Assert.That(scoped.Select(h => h.Reference).Order(StringComparer.Ordinal), Is.EqualTo(new[] { s.Own, s.Team, s.OwnInTeam }.Order(StringComparer.Ordinal)));
        Assert.That(everyone, Has.Count.EqualTo(5), "officers and managers see every case");
    }

    private static async Task<Seeded> SeedAsync(TestWebApp app)
    {
        var commissioner = await CaseFixtures.AccountIdAsync(app, "commissioner");
        var other = await CaseFixtures.AccountIdAsync(app, "ig-officer");
        var mine = await CaseFixtures.ScalarAsync<long>(app, "insert into team (name) values ('Highways') returning id");
        var theirs = await CaseFixtures.ScalarAsync<long>(app, "insert into team (name) values ('Housing') returning id");
        await CaseFixtures.ExecuteAsync(app, "insert into team_member (team_id, account_id) values (@mine, @commissioner), (@theirs, @other)", new { mine, theirs, commissioner, other });

        var (ownId, own) = await CaseFixtures.OpenAsync(app, CaseFixtures.At(2025, 3, 3), "Zebra crossings", ["How many zebra crossings?"]);
        var (teamId, team) = await CaseFixtures.OpenAsync(app, CaseFixtures.At(2025, 3, 3), "Zebra crossing repairs", ["What was spent on zebra crossings?"]);
        var (bothId, both) = await CaseFixtures.OpenAsync(app, CaseFixtures.At(2025, 3, 3), "Zebra crossing signs", ["How many zebra crossing signs?"]);
        var (otherId, otherTeam) = await CaseFixtures.OpenAsync(app, CaseFixtures.At(2025, 3, 3), "Zebra crossing lights", ["Which zebra crossings have lights?"]);
        var (mergedId, merged) = await CaseFixtures.OpenAsync(app, CaseFixtures.At(2025, 3, 3), "Zebra crossing paint", ["What paint is used on zebra crossings?", "Which paint?"]);
        const string Assign = "update question set status = 'assigned', team_id = @team, assignee_id = @assignee, assigned_at = now() where case_id = @caseId and position = @position";
        // Assigned to the commissioner in person, with no team.
        await CaseFixtures.ExecuteAsync(app, Assign, new { team = (long?)null, assignee = (long?)commissioner, caseId = ownId, position = 1 });
        // In their team's queue, not yet picked up.
        await CaseFixtures.ExecuteAsync(app, Assign, new { team = (long?)mine, assignee = (long?)null, caseId = teamId, position = 1 });
        // In their team's queue and picked up by them.
        await CaseFixtures.ExecuteAsync(app, Assign, new { team = (long?)mine, assignee = (long?)commissioner, caseId = bothId, position = 1 });
        // Another team's, assigned to someone else.
        await CaseFixtures.ExecuteAsync(app, Assign, new { team = (long?)theirs, assignee = (long?)other, caseId = otherId, position = 1 });
        // Theirs only through a question merged into another team's question.
        await CaseFixtures.ExecuteAsync(app, Assign, new { team = (long?)theirs, assignee = (long?)other, caseId = mergedId, position = 1 });
        await CaseFixtures.ExecuteAsync(app, """
            update question set status = 'merged', assignee_id = @commissioner, team_id = @mine,
                merged_into_id = (select id from question where case_id = @mergedId and position = 1)
            where case_id = @mergedId and position = 2
            """, new { commissioner, mine, mergedId });
        return new Seeded(commissioner, own, team, both, otherTeam, merged);
    }
}
