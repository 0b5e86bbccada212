using System.Net;
using Dapper;
using FoiDesk.Approval;
using FoiDesk.CostLimit;
using FoiDesk.Requesters;
using FoiDesk.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace FoiDesk.Web.Tests.Requesters;

/// <summary>Requester history, repeated requests (FOIA s.14(2)) and aggregation (Fees Regulations reg 5) through the real database.</summary>
public sealed class RequesterHistoryTests
{
    private TestWebApp _app = null!;
    private static readonly Actor Officer = new(null, "Iris Officer");
    private static readonly DateTimeOffset March = new(2025, 3, 3, 10, 0, 0, TimeSpan.Zero);

    [OneTimeSetUp]
    public async Task StartAsync() => _app = await TestWebApp.StartAsync(new DateTimeOffset(2025, 9, 1, 9, 0, 0, TimeSpan.Zero));

    [OneTimeTearDown]
    public async Task StopAsync() => await _app.DisposeAsync();

    private RequesterHistory History => _app.Services.GetRequiredService<RequesterHistory>();

    private RepeatRequests Repeats => _app.Services.GetRequiredService<RepeatRequests>();

    private static string Unique(string name) => $"{name} {Guid.NewGuid().ToString("N")[..6]}";

    [Test]
    public async Task OtherCases_SameAddressSameWdtkUserSameNameAndPostcode_EachFoundWithItsReason()
    {
        var name = Unique("Alex Person");
        var me = await RequesterCases.OpenAsync(_app, name, $"{name.Replace(' ', '.')}@example.org", March, ["How many potholes were repaired in 2024?"],
            closing: "Alex\n1 High Street\nAnytown AN1 2BB", wdtkRequestId: null);
        var sameAddress = await RequesterCases.OpenAsync(_app, "A. Person", $"{name.Replace(' ', '.')}@example.org", March.AddDays(-30), ["Library opening hours"]);
        var wdtkA = await RequesterCases.OpenAsync(_app, name, "request-1001-abcd1234@whatdotheyknow.com", March.AddDays(-20), ["Parking fines"], wdtkRequestId: 1001);
        var postcode = await RequesterCases.OpenAsync(_app, name, "other@example.net", March.AddDays(-10), ["Bin collections"], closing: "Yours, Alex\nAN1 2BB");
        var stranger = await RequesterCases.OpenAsync(_app, Unique("Sam Other"), "sam@example.net", March.AddDays(-5), ["How many potholes were repaired in 2024?"]);
        var sameNameOnly = await RequesterCases.OpenAsync(_app, name, "third@example.net", March.AddDays(-3), ["Parks budget"], closing: "ZZ9 9ZZ");

        var others = (await History.OtherCasesAsync(me.Reference, CancellationToken.None))!;
        var wdtkMe = await RequesterCases.OpenAsync(_app, name, "request-1002-beef5678@whatdotheyknow.com", March, ["Road gritting"], wdtkRequestId: 1002);
        var wdtkOthers = (await History.OtherCasesAsync(wdtkMe.Reference, CancellationToken.None))!;

        Assert.That(others.Single(o => o.Reference == sameAddress.Reference).Matches, Is.EqualTo(new[] { RequesterMatch.SameAddress }));
        Assert.That(others.Single(o => o.Reference == postcode.Reference).Matches, Is.EqualTo(new[] { RequesterMatch.SameNameAndPostcode }));
        Assert.That(others.Select(o => o.Reference), Does.Not.Contain(stranger.Reference).And.Not.Contain(sameNameOnly.Reference).And.Not.Contain(wdtkA.Reference),
            "a name alone is not enough; the first case did not come through WhatDoTheyKnow");
        Assert.That(wdtkOthers.Single(o => o.Reference == wdtkA.Reference).Matches, Is.EqualTo(new[] { RequesterMatch.SameWdtkUser }),
            "two WhatDoTheyKnow requests (different per-request addresses) under the same user name");
    }

    [Test]
    public async Task View_Officer_AuditedWithTheCasesShown()
    {
        var name = Unique("Audit Person");
        var me = await RequesterCases.OpenAsync(_app, name, $"{name.Replace(' ', '.')}@example.org", March, ["Question one about trees"]);
        var other = await RequesterCases.OpenAsync(_app, name, $"{name.Replace(' ', '.')}@example.org", March.AddDays(-1), ["Question two about parks"]);

        await History.ViewAsync(me.Reference, Officer, "test", CancellationToken.None);

        await using var conn = await _app.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        var detail = await conn.QuerySingleAsync<string>("select detail::text from audit_event where action = 'requester-history-viewed' and subject = @Reference", new { me.Reference });
        Assert.That(detail, Does.Contain(other.Reference));
    }

    [Test]
    public async Task CasePage_OfficerSeesHistoryManagerDoesNot_AndCommissionerCannotReachIt()
    {
        var name = Unique("Panel Person");
        var me = await RequesterCases.OpenAsync(_app, name, $"{name.Replace(' ', '.')}@example.org", March, ["Street lights"]);
        var other = await RequesterCases.OpenAsync(_app, name, $"{name.Replace(' ', '.')}@example.org", March.AddDays(-2), ["Street trees"]);
        using var officer = await _app.ClientAsync("ig-officer");
        using var manager = await _app.ClientAsync("manager");
        using var commissioner = await _app.ClientAsync("commissioner");

        var officerPage = await officer.GetStringAsync(new Uri($"/cases/{me.Reference}", UriKind.Relative));
        var managerPage = await manager.GetStringAsync(new Uri($"/cases/{me.Reference}", UriKind.Relative));
        var commissionerHistory = await commissioner.GetAsync(new Uri($"/cases/{me.Reference}/requester-history", UriKind.Relative));
        var commissionerApi = await commissioner.GetAsync(new Uri($"/api/v1/cases/{me.Reference}/requester-history", UriKind.Relative));

        Assert.That(officerPage, Does.Contain("id=\"requester-history\"").And.Contain(other.Reference));
        Assert.That(managerPage, Does.Not.Contain("id=\"requester-history\"").And.Not.Contain(other.Reference));
        Assert.That(commissionerHistory.StatusCode, Is.Not.EqualTo(HttpStatusCode.OK));
        Assert.That(commissionerApi.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden).Or.EqualTo(HttpStatusCode.Unauthorized));
    }

    [TestCase("How many potholes were repaired in 2024?", "How many potholes were repaired in 2024?", true, TestName = "Similarity_Identical_Repeat")]
    [TestCase("Please provide the number of potholes repaired in 2024.", "Could you tell me the number of potholes repaired in 2024?", true, TestName = "Similarity_RewordedGlue_Repeat")]
    // A known limit of word pairs: "how many" and "the number of" share no content word, so this pair scores 0.40.
    [TestCase("Please provide the number of potholes repaired in 2024.", "How many potholes were repaired in 2024? Thank you.", false, TestName = "Similarity_HowManyVersusNumberOf_BelowThreshold")]
    [TestCase("How many potholes were repaired in 2024 on A roads?", "How many potholes were repaired in 2024 on A roads and B roads?", true, TestName = "Similarity_SmallAddition_Repeat")]
    [TestCase("How many potholes were repaired in 2024?", "How much did the council spend on agency staff in 2024?", false, TestName = "Similarity_DifferentSubject_NotRepeat")]
    [TestCase("Potholes repaired in Anytown ward in 2024", "Complaints about potholes in Anytown ward in 2023", false, TestName = "Similarity_SameTopicDifferentInformation_NotRepeat")]
    public void Similarity_Examples(string a, string b, bool repeat) =>
        Assert.That(RequestSimilarity.Repeat(a, b) >= RequestSimilarity.SubstantiallySimilar, Is.EqualTo(repeat), $"similarity {RequestSimilarity.Repeat(a, b):0.00}");

    [Test]
    public async Task Flags_SimilarRequestAnsweredWithin60WorkingDays_FlaggedWithEarlierCase()
    {
        var name = Unique("Repeat Person");
        var email = $"{name.Replace(' ', '.')}@example.org";
        var earlier = await RequesterCases.OpenAsync(_app, name, email, March, ["How many potholes were repaired in 2024?"]);
        await RequesterCases.RespondedAsync(_app, earlier, new DateOnly(2025, 3, 20));
        var within = await RequesterCases.OpenAsync(_app, name, email, new DateTimeOffset(2025, 5, 1, 9, 0, 0, TimeSpan.Zero), ["Could you tell me how many potholes were repaired in 2024, please?"]);

        var flags = (await Repeats.FlagsAsync(within.Reference, CancellationToken.None))!;

        Assert.That(flags.Single().EarlierReference, Is.EqualTo(earlier.Reference));
        // 60 working days after Thursday 20 March 2025 on the UK calendar (Good Friday, Easter Monday and the two May bank holidays skipped).
        Assert.That(flags.Single().IntervalEndsOn, Is.EqualTo(new DateOnly(2025, 6, 18)));
    }

    [Test]
    public async Task Flags_AfterTheIntervalOrDifferentOrUnanswered_NotFlagged()
    {
        var name = Unique("Late Person");
        var email = $"{name.Replace(' ', '.')}@example.org";
        var answered = await RequesterCases.OpenAsync(_app, name, email, March, ["How many potholes were repaired in 2024?"]);
        await RequesterCases.RespondedAsync(_app, answered, new DateOnly(2025, 3, 20));
        var late = await RequesterCases.OpenAsync(_app, name, email, new DateTimeOffset(2025, 6, 19, 9, 0, 0, TimeSpan.Zero), ["How many potholes were repaired in 2024?"]);
        var different = await RequesterCases.OpenAsync(_app, name, email, new DateTimeOffset(2025, 4, 1, 9, 0, 0, TimeSpan.Zero), ["How much was spent on agency staff?"]);
        var unanswered = await RequesterCases.OpenAsync(_app, Unique("Open Person"), "open@example.org", March, ["Library opening hours"]);
        var again = await RequesterCases.OpenAsync(_app, unanswered.RequesterName!, "open@example.org", March.AddDays(7), ["Library opening hours"]);

        Assert.That(await Repeats.FlagsAsync(late.Reference, CancellationToken.None), Is.Empty, "received the day after the interval ends");
        Assert.That(await Repeats.FlagsAsync(different.Reference, CancellationToken.None), Is.Empty);
        Assert.That(await Repeats.FlagsAsync(again.Reference, CancellationToken.None), Is.Empty, "the earlier one has not been answered");
    }

    [Test]
    public async Task Decide_RepeatWithReason_RecordedOnTimelineAndAudit_WithoutReasonRefused()
    {
        var name = Unique("Decide Person");
        var email = $"{name.Replace(' ', '.')}@example.org";
        var earlier = await RequesterCases.OpenAsync(_app, name, email, March, ["How many potholes were repaired in 2024?"]);
        await RequesterCases.RespondedAsync(_app, earlier, new DateOnly(2025, 3, 20));
        var now = await RequesterCases.OpenAsync(_app, name, email, new DateTimeOffset(2025, 4, 2, 9, 0, 0, TimeSpan.Zero), ["How many potholes were repaired in 2024?"]);

        var refused = Assert.ThrowsAsync<RequesterException>(() => Repeats.DecideAsync(now.Reference, earlier.Reference, true, " ", Officer, "test", CancellationToken.None));
        await Repeats.DecideAsync(now.Reference, earlier.Reference, true, "Same question, answered 20 March", Officer, "test", CancellationToken.None);

        Assert.That(refused!.Problem, Is.EqualTo(RequesterProblem.BadDecision));
        var flag = (await Repeats.FlagsAsync(now.Reference, CancellationToken.None))!.Single();
        Assert.That(flag.Decision!.Yes, Is.True);
        await using var conn = await _app.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        Assert.That(await conn.ExecuteScalarAsync<long>("select count(*) from audit_event where action = 'repeat-request-decided' and subject = @Reference", new { now.Reference }), Is.EqualTo(1));
        Assert.That(await conn.ExecuteScalarAsync<long>("select count(*) from case_event where kind = 'repeat-request-decided' and case_id = @Id", new { now.Id }), Is.EqualTo(1));
    }

    [Test]
    public async Task Aggregation_SameRequesterSimilarWithin60WorkingDays_CandidateAndDecisionRecorded()
    {
        var name = Unique("Aggregate Person");
        var email = $"{name.Replace(' ', '.')}@example.org";
        var first = await RequesterCases.OpenAsync(_app, name, email, March, ["Agency social worker spending in 2023"]);
        var second = await RequesterCases.OpenAsync(_app, name, email, March.AddDays(21), ["Number of agency social workers employed in 2023"]);
        var unrelated = await RequesterCases.OpenAsync(_app, name, email, March.AddDays(14), ["Library opening hours on Sundays"]);
        var tooLate = await RequesterCases.OpenAsync(_app, name, email, March.AddDays(120), ["Agency social worker spending in 2024"]);
        var aggregation = _app.Services.GetRequiredService<Aggregation>();

        var candidates = await aggregation.CandidatesAsync(second.Reference, CancellationToken.None);
        await aggregation.DecideAsync(second.Reference, first.Reference, true, "Same subject, same month", Officer, "test", CancellationToken.None);
        var refused = Assert.ThrowsAsync<CostLimitException>(() => aggregation.DecideAsync(second.Reference, unrelated.Reference, true, "why not", Officer, "test", CancellationToken.None));

        Assert.That(candidates.Select(c => c.Reference), Is.EqualTo(new[] { first.Reference }));
        Assert.That(candidates[0].SameRequester, Is.True);
        Assert.That(candidates.Select(c => c.Reference), Does.Not.Contain(tooLate.Reference));
        Assert.That(refused!.Problem, Is.EqualTo(CostLimitProblem.BadDecision));
        Assert.That((await aggregation.CandidatesAsync(second.Reference, CancellationToken.None)).Single().Decision!.Yes, Is.True);
    }
}
