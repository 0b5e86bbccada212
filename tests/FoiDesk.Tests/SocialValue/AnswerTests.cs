using System.Text;
using FoiDesk.SocialValue;
using FoiDesk.SocialValue.Answers;
using Npgsql;

namespace FoiDesk.Tests.SocialValue;

/// <summary>
/// Each builder's figures against sums computed here from the CSV files (Sample.Rows: an independent reading),
/// applying the documented rules: a group's contracts are those with that foi_service_group ("all" = any of
/// the four); verified figures are those of verified and queried returns; a return is in a range when its
/// period starts on or after From and ends on or before To.
/// </summary>
public sealed class AnswerTests
{
    private static readonly DateOnly SampleAsAt = new(2025, 5, 31); // the sample README's as-at date
    private NpgsqlDataSource _ds = null!;

    [OneTimeSetUp]
    public async Task OneTimeSetUp() => _ds = await Sample.ImportedDatabaseAsync();

    [OneTimeTearDown]
    public async Task OneTimeTearDown() => await _ds.DisposeAsync();

    private SocialValueAnswers Answers => new(_ds, TimeProvider.System);

    public static IEnumerable<string> Groups => [.. SocialValueVocabulary.ServiceGroups, "all"];

    private static List<Dictionary<string, string>> Contracts(string group) =>
        Sample.Rows("contracts.csv").Where(c => group == "all" ? c["foi_service_group"].Length > 0 : c["foi_service_group"] == group).ToList();

    private static List<Dictionary<string, string>> Returns(string group, DateOnly? from = null, DateOnly? to = null)
    {
        var refs = Contracts(group).Select(c => c["contract_ref"]).ToHashSet();
        return Sample.Rows("returns.csv").Where(r => refs.Contains(r["contract_ref"])
            && (from is null || Sample.Date(r["period_start"]) >= from)
            && (to is null || Sample.Date(r["period_end"]) <= to)).ToList();
    }

    private static bool Accepted(Dictionary<string, string> r) => r["status"] is "verified" or "queried";

    private Task<SocialValueAnswer> Answer(string question, string group, DateOnly? from = null, DateOnly? to = null, DateOnly? asAt = null) =>
        Answers.BuildAsync(question, group, from, to, asAt ?? SampleAsAt, CancellationToken.None);

    [TestCaseSource(nameof(Groups))]
    public async Task Weighting_Group_MatchesContractsCsv(string group)
    {
        var data = (WeightingData)(await Answer(SocialValueQuestions.Weighting, group)).Data;

        var weights = Contracts(group).Select(c => Sample.Dec(c["sv_weighting_pct"])).ToList();
        Assert.That(data.Contracts, Is.EqualTo(weights.Count));
        Assert.That(data.Scored, Is.EqualTo(weights.Count(w => w > 0)));
        Assert.That(data.MinPct, Is.EqualTo(weights.Where(w => w > 0).DefaultIfEmpty().Min()));
        Assert.That(data.MaxPct, Is.EqualTo(weights.Max()));
    }

    [TestCaseSource(nameof(Groups))]
    public async Task Consideration_Group_MatchesContractsCsv(string group)
    {
        var data = (ConsiderationData)(await Answer(SocialValueQuestions.Consideration, group)).Data;

        Assert.That(data.Contracts, Is.EqualTo(Contracts(group).Count));
        Assert.That(data.ConsideredPreProcurement, Is.EqualTo(Contracts(group).Count(c => c["sv_considered_pre_procurement"] == "Y")));
        Assert.That(data.AssessedAtAward, Is.EqualTo(Contracts(group).Count(c => c["sv_in_scope"] == "Y")));
    }

    [TestCaseSource(nameof(Groups))]
    public async Task Communication_Group_CountsEachChannel(string group)
    {
        var data = (CommunicationData)(await Answer(SocialValueQuestions.Communication, group)).Data;

        var expected = Contracts(group).SelectMany(c => c["sv_comm_channels"].Split(';', StringSplitOptions.RemoveEmptyEntries))
            .GroupBy(x => x).ToDictionary(g => g.Key, g => g.Count());
        Assert.That(data.Rows.ToDictionary(r => r.Channel, r => r.Contracts), Is.EquivalentTo(expected));
    }

    [TestCaseSource(nameof(Groups))]
    public async Task Outcomes_Group_ListsEveryCommittedMeasure(string group)
    {
        var data = (OutcomesData)(await Answer(SocialValueQuestions.Outcomes, group)).Data;

        var refs = Contracts(group).Select(c => c["contract_ref"]).ToHashSet();
        var measures = Sample.Rows("commitments.csv").Where(c => refs.Contains(c["contract_ref"])).Select(c => c["measure_code"])
            .Concat(Sample.Rows("qualitative_commitments.csv").Where(c => refs.Contains(c["contract_ref"])).Select(c => c["measure_code"]))
            .Distinct();
        Assert.That(data.Rows.Select(r => r.MeasureCode), Is.EquivalentTo(measures));
    }

    [TestCaseSource(nameof(Groups))]
    public async Task Measurement_Group_CountsReturnsByStatus(string group)
    {
        var data = (MeasurementData)(await Answer(SocialValueQuestions.Measurement, group)).Data;

        var returns = Returns(group);
        Assert.That(data.Returns, Is.EqualTo(returns.Count));
        Assert.That(data.Verified, Is.EqualTo(returns.Count(r => r["status"] == "verified")));
        Assert.That(data.Challenged, Is.EqualTo(returns.Count(r => r["status"] is "queried" or "rejected")));
    }

    [TestCaseSource(nameof(Groups))]
    public async Task Impact_Group_SumsVerifiedQuantityPerMeasure(string group)
    {
        var data = (ImpactData)(await Answer(SocialValueQuestions.Impact, group)).Data;

        var expected = Returns(group).GroupBy(r => r["measure_code"])
            .ToDictionary(g => g.Key, g => g.Where(Accepted).Sum(r => Sample.Dec(r["verified_quantity"])));
        Assert.That(data.Rows.ToDictionary(r => r.MeasureCode, r => r.VerifiedQuantity), Is.EquivalentTo(expected));
    }

    [TestCaseSource(nameof(Groups))]
    public async Task FinancialReturn_Group_MatchesCsvSums(string group)
    {
        var data = (FinancialReturnData)(await Answer(SocialValueQuestions.FinancialReturn, group)).Data;

        var refs = Contracts(group).Select(c => c["contract_ref"]).ToHashSet();
        Assert.That(data.VerifiedSvGbp, Is.EqualTo(Returns(group).Where(Accepted).Sum(r => Sample.Dec(r["verified_sv_gbp"]))));
        Assert.That(data.ReportedSvGbp, Is.EqualTo(Returns(group).Sum(r => Sample.Dec(r["reported_sv_gbp"]))));
        Assert.That(data.CommittedSvGbp, Is.EqualTo(Sample.Rows("commitments.csv").Where(c => refs.Contains(c["contract_ref"])).Sum(c => Sample.Dec(c["committed_sv_gbp"]))));
    }

    [TestCase("2023-04-01", "2024-03-31")] // FY 2023/24 (README: about £1.10m verified for the four groups)
    [TestCase("2024-04-01", "2025-03-31")] // FY 2024/25 (README: about £1.41m)
    [TestCase("2023-04-01", "2023-09-30")] // two quarters: the biannual "2023-24 Q1-Q2" returns fit exactly
    [TestCase("2023-05-01", "2023-09-30")] // a range that starts mid-quarter: Q1 and Q1-Q2 are out
    public async Task FinancialReturn_PeriodRange_CountsReturnsInsideIt(string from, string to)
    {
        var (f, t) = (Sample.Date(from), Sample.Date(to));
        var data = (FinancialReturnData)(await Answer(SocialValueQuestions.FinancialReturn, "all", f, t)).Data;

        Assert.That(data.VerifiedSvGbp, Is.EqualTo(Returns("all", f, t).Where(Accepted).Sum(r => Sample.Dec(r["verified_sv_gbp"]))));
        Assert.That(data.ReportedSvGbp, Is.EqualTo(Returns("all", f, t).Sum(r => Sample.Dec(r["reported_sv_gbp"]))));
    }

    [Test]
    public async Task Measurement_AllGroups_MatchesReadmeWorkedExample()
    {
        var data = (MeasurementData)(await Answer(SocialValueQuestions.Measurement, "all")).Data;

        // README: "Out of 666 returns, 520 were verified; 41 were queried, 18 rejected, 27 nil returns and 4 overdue."
        var byStatus = data.ByStatus.ToDictionary(s => s.Name, s => s.Count);
        Assert.That((data.Returns, byStatus["verified"], byStatus["queried"], byStatus["rejected"], byStatus["nil_return"], byStatus["overdue"]),
            Is.EqualTo((666, 520, 41, 18, 27, 4)));
    }

    [Test]
    public async Task FinancialReturn_AsAtBeforeVerification_CountsOnlyWhatWasKnown()
    {
        var asAt = new DateOnly(2024, 6, 30);
        var data = (FinancialReturnData)(await Answer(SocialValueQuestions.FinancialReturn, "all", asAt: asAt)).Data;

        // As at a date: returns submitted by then; verified figures only for checks made by then.
        var known = Returns("all").Where(r => r["submitted_date"].Length > 0 ? Sample.Date(r["submitted_date"]) <= asAt : Sample.Date(r["period_end"]) <= asAt).ToList();
        Assert.That(data.ReportedSvGbp, Is.EqualTo(known.Sum(r => Sample.Dec(r["reported_sv_gbp"]))));
        Assert.That(data.VerifiedSvGbp, Is.EqualTo(known.Where(r => Accepted(r) && Sample.Date(r["verified_date"]) <= asAt).Sum(r => Sample.Dec(r["verified_sv_gbp"]))));
        Assert.That(data.VerifiedSvGbp, Is.LessThan(((FinancialReturnData)(await Answer(SocialValueQuestions.FinancialReturn, "all")).Data).VerifiedSvGbp));
    }

    [Test]
    public async Task Impact_PeopleCountsOneToFour_ShownAsFewerThanFive()
    {
        // One quarter (2024-25 Q1): small enough for counts of 1 to 4 in some groups.
        var answers = await Answers.BuildManyAsync([SocialValueQuestions.Impact], Groups.ToList(), new DateOnly(2024, 4, 1), new DateOnly(2024, 6, 30), SampleAsAt, CancellationToken.None);

        var rows = answers.SelectMany(a => ((ImpactData)a.Data).Rows.Select(r => (a, r))).ToList();
        var small = rows.Where(x => x.r.Unit is "fte_hire" or "count" && x.r.VerifiedQuantity is > 0 and < 5).ToList();
        Assert.That(small.Select(x => (x.a.Group, x.r.MeasureCode)), Does.Contain(("16+ semi-independent", "WCC-CS1")), "2 care leavers hired");
        foreach (var (a, r) in small)
        {
            Assert.That(r.Display, Is.EqualTo("fewer than 5"));
            Assert.That(a.Markdown, Does.Contain($"| {r.MeasureCode} | ").And.Contain("| fewer than 5 |"));
            Assert.That(a.Flags.Select(f => f.Code), Does.Contain("small-numbers"));
        }

        Assert.That(rows.Where(x => x.r.Unit is not ("fte_hire" or "count")).All(x => !x.r.Suppressed), Is.True, "hours, weeks and pounds are not counts of people");
    }

    [Test]
    public async Task FinancialReturn_AnyGroup_FlagsPerProviderFiguresForS43()
    {
        var answer = await Answer(SocialValueQuestions.FinancialReturn, "IFA");

        Assert.That(answer.Flags.Select(f => f.Code), Does.Contain("s43-commercial"));
        Assert.That(((FinancialReturnData)answer.Data).ByProvider, Has.Count.EqualTo(Contracts("IFA").Count));
        Assert.That(answer.Markdown, Does.Contain("s.43"));
        Assert.That(answer.Markdown, Does.Not.Contain(Contracts("IFA")[0]["provider_name"]), "provider names stay out of the draft");
    }

    [Test]
    public void Build_UnknownQuestionOrGroup_Throws()
    {
        Assert.ThrowsAsync<ArgumentException>(() => Answer("savings", "all"));
        Assert.ThrowsAsync<ArgumentException>(() => Answer(SocialValueQuestions.Impact, "Adult care"));
    }

    [Test]
    [Description("The seed request's seven questions for the sample's four service groups: one readable draft each.")]
    public async Task BuildMany_SevenQuestionsFourGroups_EachDraftHasTableAndSource()
    {
        var answers = await Answers.BuildManyAsync(SocialValueQuestions.All, SocialValueVocabulary.ServiceGroups, null, null, SampleAsAt, CancellationToken.None);

        Assert.That(answers, Has.Count.EqualTo(28));
        var doc = new StringBuilder("# Social value answers: example drafts\n\nGenerated by `AnswerTests` from the fictional Wexbridge sample (demo/social-value-sample), as at 31 May 2025.\n");
        foreach (var group in answers.GroupBy(a => a.Group))
        {
            doc.Append("\n## ").Append(SocialValueVocabulary.ServiceGroupLabels[group.Key]).Append('\n');
            foreach (var (answer, number) in group.Select((a, i) => (a, i + 1)))
            {
                Assert.That(answer.Markdown, Does.Match(@"(?m)^\| .+ \|\r?\n\|(---:?\|)+"), $"{answer.Group} {answer.Question}: a pipe table");
                Assert.That(answer.Markdown, Does.Contain("Source: FoiDesk social value monitoring data for"), $"{answer.Group} {answer.Question}: a source line");
                Assert.That(answer.Markdown, Does.Contain("as at 31 May 2025"));
                Assert.That(answer.Sources.Contracts, Is.EquivalentTo(Contracts(answer.Group).Select(c => c["contract_ref"])));
                doc.Append("\n### ").Append(number).Append(". ").Append(answer.Question).Append("\n\n").Append(answer.Markdown);
            }
        }

        var path = Path.Combine(TestContext.CurrentContext.WorkDirectory, "social-value-answers-example.md");
        await File.WriteAllTextAsync(path, doc.ToString());
        TestContext.Out.WriteLine($"written {path}");
    }

    [Test]
    public async Task SaveSnapshot_Draft_StoresDataMarkdownAndImportIds()
    {
        var answer = await Answer(SocialValueQuestions.Weighting, "UASC accommodation");

        var id = await Answers.SaveSnapshotAsync(answer, "commissioner@demo.foidesk.local", "FOI-2025-0042", 7, CancellationToken.None);
        var stored = await Answers.GetSnapshotAsync(id, CancellationToken.None);

        Assert.That(stored, Is.Not.Null);
        Assert.That((stored!.QuestionType, stored.ServiceGroup, stored.AsAt, stored.CaseReference, stored.QuestionId), Is.EqualTo(("weighting", "UASC accommodation", SampleAsAt, "FOI-2025-0042", 7L)));
        Assert.That(stored.Markdown, Is.EqualTo(answer.Markdown));
        Assert.That(stored.ImportIds, Is.EqualTo(answer.Sources.ImportIds).And.Not.Empty);
        Assert.That(stored.DataJson, Does.Contain("\"minPct\"").And.Contain("\"contracts\""));
    }
}
