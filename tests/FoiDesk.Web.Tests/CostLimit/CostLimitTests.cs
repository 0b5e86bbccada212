using System.Net;
using Dapper;
using FoiDesk.Approval;
using FoiDesk.CostLimit;
using FoiDesk.Replies;
using FoiDesk.Web.Tests.Requesters;
using FoiDesk.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static FoiDesk.Web.Tests.Api.ApiClients;

namespace FoiDesk.Web.Tests.CostLimit;

/// <summary>The cost limit (FOIA s.12, Fees Regulations 2004 regs 3-5, EIR reg 12(4)(b)) through the real database.</summary>
public sealed class CostLimitTests
{
    private TestWebApp _app = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _app = await TestWebApp.StartAsync(new DateTimeOffset(2025, 6, 2, 9, 0, 0, TimeSpan.Zero));

    [OneTimeTearDown]
    public async Task StopAsync() => await _app.DisposeAsync();

    private CostEstimates Estimates => _app.Services.GetRequiredService<CostEstimates>();

    private static readonly Actor Commissioner = new(null, "Casey Commissioner");

    private async Task<FoiDesk.Cases.CaseRow> CaseAsync(string regime = "foia") => await RequesterCases.OpenAsync(_app, "Pat Example", $"pat{Guid.NewGuid():N}@example.org",
        new DateTimeOffset(2025, 5, 1, 10, 0, 0, TimeSpan.Zero),
        ["Every contract for agency social workers since 2015, with the rates paid", "The number of agency social workers each month since 2015"], regime);

    private async Task<IReadOnlyList<FoiDesk.Cases.QuestionRow>> QuestionsAsync(FoiDesk.Cases.CaseRow c) =>
        await _app.Services.GetRequiredService<FoiDesk.Cases.CaseStore>().QuestionsAsync(c.Id, CancellationToken.None);

    [Test]
    public async Task CaseCost_EstimatesOnTwoQuestions_SumsEachActivityAgainstTheLocalAuthorityLimit()
    {
        var c = await CaseAsync();
        var q = await QuestionsAsync(c);

        await Estimates.SaveAsync(q[0].Id, new CostEstimate(1, 4, 6.5m, 3, "400 paper files"), Commissioner, "test", CancellationToken.None);
        await Estimates.SaveAsync(q[1].Id, new CostEstimate(0.5m, 1, 2, 1), Commissioner, "test", CancellationToken.None);
        var cost = (await Estimates.ForCaseAsync(c.Reference, CancellationToken.None))!;

        Assert.That(cost.LimitHours, Is.EqualTo(18m));
        Assert.That(cost.LimitAmount, Is.EqualTo(450m));
        Assert.That(cost.TotalHours, Is.EqualTo(19m));
        Assert.That(cost.TotalCost, Is.EqualTo(475m));
        Assert.That(cost.ByActivity().Select(a => a.Hours), Is.EqualTo(new[] { 1.5m, 5m, 8.5m, 4m }));
        Assert.That(cost.OverLimit, Is.True);
    }

    [Test]
    public async Task CaseCost_ExactlyTheLimit_IsWithinIt()
    {
        var c = await CaseAsync();
        var q = await QuestionsAsync(c);

        await Estimates.SaveAsync(q[0].Id, new CostEstimate(2, 4, 6, 6), Commissioner, "test", CancellationToken.None);
        var cost = (await Estimates.ForCaseAsync(c.Reference, CancellationToken.None))!;

        Assert.That(cost.TotalHours, Is.EqualTo(18m));
        Assert.That(cost.OverLimit, Is.False, "s.12(1) applies only where the cost would EXCEED the limit");
        Assert.That(cost.Unestimated, Is.EqualTo(1));
    }

    [Test]
    public async Task Save_SecondEstimate_ReplacesTheFirstAndBothAreAudited()
    {
        var c = await CaseAsync();
        var q = await QuestionsAsync(c);

        await Estimates.SaveAsync(q[0].Id, new CostEstimate(1, 1, 1, 1), Commissioner, "test", CancellationToken.None);
        await Estimates.SaveAsync(q[0].Id, new CostEstimate(0, 0, 10, 0), Commissioner, "test", CancellationToken.None);

        Assert.That((await Estimates.ForQuestionAsync(q[0].Id, CancellationToken.None))!.TotalHours, Is.EqualTo(10m));
        await using var conn = await _app.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        Assert.That(await conn.ExecuteScalarAsync<long>("select count(*) from audit_event where action = 'cost-estimated' and subject = @Reference", new { c.Reference }), Is.EqualTo(2));
        Assert.That(await conn.ExecuteScalarAsync<long>("select count(*) from case_event where kind = 'cost-estimated' and case_id = @Id", new { c.Id }), Is.EqualTo(2));
    }

    [TestCase(-1, "cannot be negative")]
    [TestCase(10001, "at most")]
    [TestCase(1.234, "two decimal places")]
    public async Task Save_BadHours_RefusedAndNothingSaved(decimal hours, string message)
    {
        var c = await CaseAsync();
        var q = await QuestionsAsync(c);

        var e = Assert.ThrowsAsync<CostLimitException>(() => Estimates.SaveAsync(q[0].Id, new CostEstimate(0, hours, 0, 0), Commissioner, "test", CancellationToken.None));

        Assert.That(e!.Problem, Is.EqualTo(CostLimitProblem.BadFigures));
        Assert.That(e.Message, Does.Contain(message));
        Assert.That(await Estimates.ForQuestionAsync(q[0].Id, CancellationToken.None), Is.Null);
    }

    [Test]
    public async Task Letter_OverTheLimitFoia_Section12RefusalWithBreakdownAndAdviceCanBeSent()
    {
        var c = await CaseAsync();
        var q = await QuestionsAsync(c);
        await Estimates.SaveAsync(q[0].Id, new CostEstimate(1, 6, 12, 8), Commissioner, "test", CancellationToken.None);
        await Estimates.SaveAsync(q[1].Id, new CostEstimate(0.5m, 1, 2, 1), Commissioner, "test", CancellationToken.None);

        var letter = await _app.Services.GetRequiredService<CaseLetters>().RenderAsync(c.Reference, LetterIds.CostLimit, "Sam Officer", CancellationToken.None);
        var text = OneLine(letter.Text);

        Assert.That(letter.Problems, Is.Empty, string.Join("; ", letter.Problems));
        Assert.That(letter.CanSend, Is.True);
        Assert.That(text, Does.Contain("section 12 of the Freedom of Information Act 2000"));
        Assert.That(text, Does.Contain("£450.00").And.Contain("31.5 hours").And.Contain("£787.50"));
        Assert.That(text, Does.Contain("question 2 within the limit (4.5 hours)"), "s.16 advice: what could be answered");
        Assert.That(text, Does.Contain("section 16"));
        Assert.That(text, Does.Not.Contain("manifestly unreasonable"));
    }

    [Test]
    public async Task Letter_OverTheLimitEir_ManifestlyUnreasonableWithPublicInterest()
    {
        var c = await CaseAsync("eir");
        var q = await QuestionsAsync(c);
        await Estimates.SaveAsync(q[0].Id, new CostEstimate(2, 10, 10, 10), Commissioner, "test", CancellationToken.None);

        var letter = await _app.Services.GetRequiredService<CaseLetters>().RenderAsync(c.Reference, LetterIds.CostLimit, "Sam Officer", CancellationToken.None);
        var text = OneLine(letter.Text);

        Assert.That(letter.Problems, Is.Empty, string.Join("; ", letter.Problems));
        Assert.That(text, Does.Contain("regulation 12(4)(b)").And.Contain("manifestly unreasonable").And.Contain("public interest"));
        Assert.That(text, Does.Not.Contain("section 12 of the Freedom"));
        Assert.That(text, Does.Contain("regulation 9"));
    }

    private static string OneLine(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ");

    [Test]
    public void LegalChecks_CostLimitLetterWithoutTheAdvice_Refused()
    {
        var model = SpecimenLetter.For(LetterRegime.Foia);
        var template = _app.Services.GetRequiredService<LetterRenderer>().Shipped(LetterIds.CostLimit, LetterLanguage.English);
        var edited = template with { Body = template.Body.Replace("{{ costLimit.advice }}", "", StringComparison.Ordinal) };

        var letter = LetterRenderer.Render(edited, model);

        Assert.That(letter.Problems.Select(p => p.Rule), Does.Contain("advice"));
        Assert.That(letter.CanSend, Is.False);
    }

    [Test]
    public async Task Api_CommissionerPutsEstimateOnAnotherTeamsQuestion_NotFound()
    {
        var c = await CaseAsync();
        var q = await QuestionsAsync(c);
        using var commissioner = await BearerAsync(_app, FoiDesk.Accounts.Roles.Commissioner);

        var (status, _) = await PutAsync(commissioner, $"/api/v1/my-questions/{q[0].Id}/cost-estimate", new { locating = 3 });

        Assert.That(status, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await Estimates.ForQuestionAsync(q[0].Id, CancellationToken.None), Is.Null);
    }

    [Test]
    public async Task Api_OfficerReadsCostLimitOverTheLimit_ProposalIsTheCostLimitLetter()
    {
        var c = await CaseAsync();
        var q = await QuestionsAsync(c);
        using var officer = await BearerAsync(_app, FoiDesk.Accounts.Roles.IgOfficer);
        await Estimates.SaveAsync(q[0].Id, new CostEstimate(2, 8, 8, 8), Commissioner, "test", CancellationToken.None);

        var (status, body) = await GetAsync(officer, $"/api/v1/cases/{c.Reference}/cost-limit");

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body.GetProperty("totalHours").GetDecimal(), Is.EqualTo(26m));
        Assert.That(body.GetProperty("overLimit").GetBoolean(), Is.True);
        Assert.That(body.GetProperty("proposal").GetProperty("letter").GetString(), Is.EqualTo("cost-limit"));
        Assert.That(body.GetProperty("proposal").GetProperty("canSend").GetBoolean(), Is.True);
    }

    [Test]
    public void Options_ZeroHours_FailsValidationAtStart()
    {
        Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(async () =>
        {
            await using var app = await TestWebApp.StartAsync(configure: c => c["FoiDesk:CostLimit:LocalAuthorityHours"] = "0");
        });
    }

    [Test]
    public void Options_CentralGovernment_TwentyFourHoursIsSixHundredPounds()
    {
        var o = new CostLimitOptions { Authority = AuthorityKind.CentralGovernment };

        Assert.That((o.LimitHours, o.LimitAmount), Is.EqualTo((24m, 600m)));
        Assert.That(o.Problems(), Is.Empty);
    }
}
