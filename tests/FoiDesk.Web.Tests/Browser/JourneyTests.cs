using System.Globalization;
using FoiDesk.Accounts;
using FoiDesk.SocialValue;
using FoiDesk.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace FoiDesk.Web.Tests.Browser;

/// <summary>
/// The seed request from the triage queue to the manager's dashboard, every role in a real browser, through
/// clicks and form fills only: the officer triages and assigns to two teams, commissioner A answers (one answer
/// with a social value table), commissioner B hands one back, the officer reassigns it, the manager approves and
/// sees the statutory date. Each main page is screenshotted and checked with axe-core in its populated state.
/// The steps run in order and share the one app; a step whose predecessor failed is inconclusive, not failed twice.
/// </summary>
[Category("browser")]
[NonParallelizable]
public sealed partial class JourneyTests
{
    // The request reaches the mailbox on Wednesday 2 April 2025 at 09:30 London time (BST), so the 20 working
    // days run over Good Friday and Easter Monday.
    private static readonly DateTimeOffset Arrival = new(2025, 4, 2, 8, 30, 0, TimeSpan.Zero);

    private const string TeamA = "Children and families commissioning";
    private const string TeamB = "Contracts and procurement";
    private const string CommissionerB = "commissioner-b@test.foidesk.local";
    private const string CommissionerBName = "Test commissioner B";
    private const string CommissionerAName = "Test commissioner";
    private const string HandBackReason = "Contracts and procurement do not hold this: the commissioning team keeps the outcome returns.";

    private BrowserFixture _browser = null!;
    private string _reference = "";
    private int _stepsDone;

    /// <summary>Number and text of each question as the officer saw them at triage.</summary>
    private List<(string Number, string Text)> _questions = [];

    /// <summary>What was typed (or inserted) as each question's answer, by question number.</summary>
    private readonly Dictionary<string, string> _answers = new(StringComparer.Ordinal);

    /// <summary>The social value table as the builder previewed it: header cells, then each body row's text.</summary>
    private List<string> _svTable = [];

    private string _svNumber = "";

    /// <summary>axe-core's serious and critical findings, per screenshotted page.</summary>
    private readonly Dictionary<string, IReadOnlyList<string>> _axe = new(StringComparer.Ordinal);

    private string Q(int n) => _questions[n - 1].Number;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        // The fixture opens the demo request through IntakeProcessor at the clock's start: real intake, as mail would.
        _browser = await BrowserFixture.StartAsync(Arrival);
        _reference = _browser.CaseReference;
        var services = _browser.App.Services;

        // Set-up that no journey page offers: a second commissioner account (admins create accounts, and a new
        // one must change its password first) and the social value monitoring data the builder reads.
        await services.GetRequiredService<AccountService>().CreateAsync(CommissionerB, CommissionerBName, TestWebApp.Password, [Roles.Commissioner], mustChangePassword: false, CancellationToken.None);
        Assert.That(await SocialValueDemo.SeedAsync(services, CancellationToken.None), Is.Not.Null, "the social value sample imported");
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
    }

    [Test]
    [Order(1)]
    public async Task Step1_Officer_TriagesSeedRequestIntoTwoTeams()
    {
        var page = await SignInAsync(TestWebApp.EmailFor(Roles.IgOfficer));

        await BrowserFixture.NavigateAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Triage", Exact = true }));
        await page.WaitForURLAsync("**/triage");
        var queue = page.GetByRole(AriaRole.Table, new() { Name = "New requests awaiting triage, oldest first" });
        var queued = queue.Locator("tbody tr", new() { HasText = _reference });
        Assert.That(await queued.CountAsync(), Is.EqualTo(1), "the seed request waits in the triage queue");
        Assert.That(Normalise(await queued.Locator(".govuk-tag").TextContentAsync() ?? ""), Is.EqualTo("foi"), "proposed as an FOI request");
        await VisitAsync(page, "01-triage-queue");

        await BrowserFixture.NavigateAsync(page, queued.GetByRole(AriaRole.Link, new() { Name = _reference }));
        var rows = QuestionTable(page).Locator("tbody tr");
        Assert.That(await rows.CountAsync(), Is.EqualTo(7), "the request's seven numbered questions");
        for (var i = 0; i < await rows.CountAsync(); i++)
        {
            _questions.Add((Normalise(await rows.Nth(i).Locator("th").TextContentAsync() ?? ""), (await CellsAsync(rows.Nth(i)))[0]));
        }

        Assert.That(_questions.Select(q => q.Number), Is.EqualTo(new[] { "1", "2", "3", "4", "5", "6", "7" }));
        Assert.That(await SummaryValue(page, "Classification"), Does.EndWith("(proposed, not yet confirmed)"));
        await VisitAsync(page, "02-case-new");

        await page.GetByLabel("Freedom of Information (FOIA)", new() { Exact = true }).CheckAsync();
        await BrowserFixture.NavigateAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Confirm classification" }));
        Assert.That(await SummaryValue(page, "Classification"), Is.EqualTo("Freedom of Information (FOIA) (confirmed)"));

        // Two teams, one commissioner in each, through the Teams page.
        await BrowserFixture.NavigateAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Teams", Exact = true }));
        await page.WaitForURLAsync("**/teams");
        foreach (var (team, member) in new[] { (TeamA, TestWebApp.EmailFor(Roles.Commissioner)), (TeamB, CommissionerB) })
        {
            await page.GetByLabel("Team name", new() { Exact = true }).FillAsync(team);
            await BrowserFixture.NavigateAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Add team", Exact = true }));
            await page.GetByLabel($"Add someone to {team} by email address").FillAsync(member);
            await BrowserFixture.NavigateAsync(page, page.GetByRole(AriaRole.Button, new() { Name = $"Add to {team}", Exact = true }));
        }

        Assert.That(await page.GetByRole(AriaRole.Table, new() { Name = $"Members of {TeamA}" }).InnerTextAsync(), Does.Contain(CommissionerAName));
        Assert.That(await page.GetByRole(AriaRole.Table, new() { Name = $"Members of {TeamB}" }).InnerTextAsync(), Does.Contain(CommissionerBName));
        await VisitAsync(page, "03-teams");

        // Question 1 goes to team A's queue (A claims it); 2, 3, 4 and 6 to A by name; 5 and 7 to B by name.
        await BrowserFixture.NavigateAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Cases", Exact = true }));
        await BrowserFixture.NavigateAsync(page, page.GetByRole(AriaRole.Link, new() { Name = _reference, Exact = true }));
        await AssignAsync(page, Q(1), TeamA, null);
        foreach (var n in new[] { 2, 3, 4, 6 })
        {
            await AssignAsync(page, Q(n), TeamA, CommissionerAName);
        }

        await AssignAsync(page, Q(5), TeamB, CommissionerBName);
        await AssignAsync(page, Q(7), TeamB, CommissionerBName);

        var expected = new Dictionary<string, (string Team, string Who)>
        {
            [Q(1)] = (TeamA, "Team queue"), [Q(2)] = (TeamA, CommissionerAName), [Q(3)] = (TeamA, CommissionerAName), [Q(4)] = (TeamA, CommissionerAName),
            [Q(5)] = (TeamB, CommissionerBName), [Q(6)] = (TeamA, CommissionerAName), [Q(7)] = (TeamB, CommissionerBName),
        };
        foreach (var (number, (team, who)) in expected)
        {
            var cells = await CellsAsync(QuestionRow(page, number));
            Assert.That((cells[1], cells[2], cells[3]), Is.EqualTo((team, who, "assigned")), $"question {number}");
        }

        await VisitAsync(page, "04-case-assigned");
        await page.Context.CloseAsync();
        _stepsDone = 1;
    }

    [Test]
    [Order(2)]
    public async Task Step2_CommissionerA_AnswersWithSocialValueTable()
    {
        RequireStep(1);
        _browser.App.Time.Set(Arrival.AddDays(1).AddHours(1)); // Thursday 3 April, 10:30
        var page = await SignInAsync(TestWebApp.EmailFor(Roles.Commissioner));
        Assert.That(new Uri(page.Url).AbsolutePath, Is.EqualTo("/my-questions"));
        var mine = page.GetByRole(AriaRole.Table, new() { Name = "Questions assigned to you and your teams, soonest draft due first" });
        Assert.That(await mine.Locator("tbody tr").CountAsync(), Is.EqualTo(5), "questions 1, 2, 3, 4 and 6 are team A's");
        await VisitAsync(page, "05-my-questions");

        // The weighting question is answered from the monitoring data with the builder: preview, then insert.
        var weighting = _questions.Where(q => q.Text.Contains("weighting", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.That(weighting, Has.Count.EqualTo(1));
        _svNumber = weighting[0].Number;
        await OpenQuestionAsync(page, _svNumber);
        var editor = new Uri(page.Url).AbsolutePath;
        await BrowserFixture.NavigateAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Insert a social value answer from the monitoring data" }));
        await page.GetByLabel("What the question asks").SelectOptionAsync(new SelectOptionValue { Label = "Weighting in evaluation" });
        await page.GetByLabel("Service group").SelectOptionAsync(new SelectOptionValue { Label = "All four groups" });
        Assert.That(await page.GetByRole(AriaRole.Button, new() { Name = "Insert into the answer" }).CountAsync(), Is.Zero, "nothing to insert before the figures are shown");
        await BrowserFixture.NavigateAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Show the figures" }));
        var previewed = page.Locator(".govuk-inset-text table");
        Assert.That(await previewed.CountAsync(), Is.EqualTo(1), "the builder previews a table");
        _svTable = await TableTextAsync(previewed);
        Assert.That(_svTable, Has.Count.GreaterThan(1), "a header and at least one row of figures");
        await VisitAsync(page, "06-social-value-preview");
        await BrowserFixture.NavigateAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Insert into the answer" }));

        Assert.That(new Uri(page.Url).AbsolutePath, Is.EqualTo(editor), "back in the answer editor");
        var inserted = await page.GetByLabel("Answer", new() { Exact = true }).InputValueAsync();
        Assert.That(inserted, Does.Contain("|"), "the Markdown table is in the draft");
        _answers[_svNumber] = inserted;
        await BrowserFixture.NavigateAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Preview", Exact = true }));
        Assert.That(await TableTextAsync(page.Locator("#preview + .govuk-inset-text table")), Is.EqualTo(_svTable), "the editor's preview shows the builder's figures");
        await VisitAsync(page, "07-answer-editor-preview");
        await BrowserFixture.NavigateAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }));
        Assert.That(await SummaryValue(page, "Status"), Is.EqualTo("drafting"));
        await BrowserFixture.NavigateAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Submit for approval" }));
        Assert.That(new Uri(page.Url).AbsolutePath, Is.EqualTo("/my-questions"));

        // The rest through the editor as well (five short forms): question 1 claimed from the team queue,
        // question 6 not held.
        await BrowserFixture.NavigateAsync(page, page.GetByRole(AriaRole.Button, new() { Name = $"Claim {_reference} question {Q(1)}" }));
        await AnswerAsync(page, Q(1), "Yes. Social value is considered at pre-procurement for all four services.");
        foreach (var n in new[] { 2, 3 })
        {
            await OpenQuestionAsync(page, Q(n));
            await AnswerAsync(page, Q(n), $"Answer to question {Q(n)}: the outcomes are set out in each service specification.");
        }

        await OpenQuestionAsync(page, Q(6));
        await page.GetByLabel("The information is not held").CheckAsync();
        await AnswerAsync(page, Q(6), "Not held: the council has not measured local impact. We searched the contract files and monitoring returns.");

        var statuses = await mine.Locator("tbody tr .govuk-tag").AllTextContentsAsync();
        Assert.That(statuses, Is.All.EqualTo("submitted"));
        await page.Context.CloseAsync();
        _stepsDone = 2;
    }

    [Test]
    [Order(3)]
    public async Task Step3_CommissionerB_HandsBackOne_OfficerReassigns_AnsweredByA()
    {
        RequireStep(2);
        _browser.App.Time.Set(Arrival.AddDays(1).AddHours(3)); // Thursday 3 April, 12:30
        var b = await SignInAsync(CommissionerB);
        var mine = b.GetByRole(AriaRole.Table, new() { Name = "Questions assigned to you and your teams, soonest draft due first" });
        Assert.That(await mine.Locator("tbody tr").CountAsync(), Is.EqualTo(2), "questions 5 and 7 are team B's");
        await OpenQuestionAsync(b, Q(5));
        await AnswerAsync(b, Q(5), "Delivery is measured quarterly against the social value plan in each contract.");
        await OpenQuestionAsync(b, Q(7));
        await b.GetByLabel("Why are you handing it back?").FillAsync(HandBackReason);
        await VisitAsync(b, "08-answer-editor-hand-back");
        await BrowserFixture.NavigateAsync(b, b.GetByRole(AriaRole.Button, new() { Name = "Hand back" }));
        Assert.That(await mine.InnerTextAsync(), Does.Not.Contain($"{_reference} question {Q(7)}"), "the handed-back question leaves B's list");
        await b.Context.CloseAsync();

        _browser.App.Time.Set(Arrival.AddDays(1).AddHours(5)); // 14:30: the officer sees it came back and reassigns it
        var officer = await SignInAsync(TestWebApp.EmailFor(Roles.IgOfficer));
        await officer.GotoAsync("/triage");
        Assert.That(await officer.GetByRole(AriaRole.Table, new() { Name = "New requests awaiting triage, oldest first" }).CountAsync(), Is.Zero, "a confirmed case leaves the triage queue");
        await BrowserFixture.NavigateAsync(officer, officer.GetByRole(AriaRole.Link, new() { Name = "Cases", Exact = true }));
        await BrowserFixture.NavigateAsync(officer, officer.GetByRole(AriaRole.Link, new() { Name = _reference, Exact = true }));
        var returned = await CellsAsync(QuestionRow(officer, Q(7)));
        Assert.That(returned[0], Does.Contain($"Handed back: {HandBackReason}"));
        Assert.That(returned[3], Is.EqualTo("returned"));
        await VisitAsync(officer, "09-case-handed-back");
        await AssignAsync(officer, Q(7), TeamA, CommissionerAName);
        var reassigned = await CellsAsync(QuestionRow(officer, Q(7)));
        Assert.That((reassigned[1], reassigned[2], reassigned[3]), Is.EqualTo((TeamA, CommissionerAName, "assigned")));
        await officer.Context.CloseAsync();

        _browser.App.Time.Set(Arrival.AddDays(2).AddHours(1)); // Friday 4 April, 10:30
        var a = await SignInAsync(TestWebApp.EmailFor(Roles.Commissioner));
        await OpenQuestionAsync(a, Q(7));
        await AnswerAsync(a, Q(7), "No financial return has been calculated for these services.");
        await a.Context.CloseAsync();
        _stepsDone = 3;
    }

    [Test]
    [Order(4)]
    public async Task Step4_Manager_SeesAnswersInterleavedAndApproves()
    {
        RequireStep(3);
        _browser.App.Time.Set(new DateTimeOffset(2025, 4, 28, 8, 0, 0, TimeSpan.Zero)); // Monday 28 April, 09:00
        var page = await SignInAsync(TestWebApp.EmailFor(Roles.Manager));
        await BrowserFixture.NavigateAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Cases", Exact = true }));
        await BrowserFixture.NavigateAsync(page, page.GetByRole(AriaRole.Link, new() { Name = _reference, Exact = true }));
        await BrowserFixture.NavigateAsync(page, page.GetByRole(AriaRole.Link, new() { Name = $"Review and approve the reply to {_reference}" }));
        Assert.That(new Uri(page.Url).AbsolutePath, Is.EqualTo($"/cases/{_reference}/approval"));

        // Question, then its answer, in question order.
        var sections = page.Locator("main section");
        Assert.That(await sections.CountAsync(), Is.EqualTo(_questions.Count));
        for (var i = 0; i < _questions.Count; i++)
        {
            var (number, text) = _questions[i];
            var section = sections.Nth(i);
            Assert.That(await section.Locator("h2").InnerTextAsync(), Does.StartWith($"Question {number} "));
            Assert.That(Normalise(await section.Locator(".govuk-inset-text").TextContentAsync() ?? ""), Is.EqualTo(text));
            if (number == _svNumber)
            {
                Assert.That(await TableTextAsync(section.Locator(".app-answer table")), Is.EqualTo(_svTable), "the inserted social value table");
            }
            else
            {
                Assert.That(Normalise(await section.Locator(".app-answer").InnerTextAsync()), Is.EqualTo(Normalise(_answers[number])), $"answer {number}");
            }
        }

        Assert.That(await page.GetByRole(AriaRole.Button, new() { Name = "Approve the reply" }).IsEnabledAsync(), Is.True);
        await VisitAsync(page, "10-approval");
        await BrowserFixture.NavigateAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Approve the reply" }));
        Assert.That(await page.Locator(".govuk-notification-banner").InnerTextAsync(), Does.Contain("The reply is approved and ready to send"));
        Assert.That(await sections.Locator("h2 .govuk-tag").AllTextContentsAsync(), Is.All.EqualTo("approved"));
        await VisitAsync(page, "11-approval-approved");
        await page.Context.CloseAsync();
        _stepsDone = 4;
    }

    [Test]
    [Order(5)]
    public async Task Step5_ManagerDashboard_ShowsCaseWithStatutoryDeadline()
    {
        RequireStep(4);
        var expected = await ExpectedResponseDueAsync();
        var page = await SignInAsync(TestWebApp.EmailFor(Roles.Manager));

        await BrowserFixture.NavigateAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Dashboard", Exact = true }));
        await page.WaitForURLAsync("**/dashboard");
        var row = page.GetByRole(AriaRole.Table, new() { Name = "Cases due this week" }).Locator("tbody tr", new() { HasText = _reference });
        Assert.That(await row.CountAsync(), Is.EqualTo(1), "the case falls due this week (Monday 28 April to Sunday 4 May)");
        var cells = await CellsAsync(row);
        Assert.That(cells[2], Is.EqualTo(expected.ToString("d MMM yyyy", CultureInfo.InvariantCulture)), "the statutory date, day month year");
        Assert.That(cells[3], Is.EqualTo("approved"));
        await VisitAsync(page, "12-dashboard");

        // The case page agrees, in its long form.
        await BrowserFixture.NavigateAsync(page, row.GetByRole(AriaRole.Link, new() { Name = _reference }));
        var due = page.Locator("tbody tr", new() { Has = page.Locator("th", new() { HasTextRegex = ResponseDueRow() }) }).Locator("td").First;
        Assert.That(await due.InnerTextAsync(), Is.EqualTo(expected.ToString("dddd d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"))));

        await BrowserFixture.NavigateAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Statistics", Exact = true }));
        await page.WaitForURLAsync("**/statistics");
        Assert.That(await page.Locator("h1").InnerTextAsync(), Is.EqualTo("Quarterly FOI statistics"));
        await VisitAsync(page, "13-statistics");
        await page.Context.CloseAsync();
        _stepsDone = 5;
    }

    [Test]
    [Order(6)]
    public void JourneyPages_Axe_NoSeriousOrCriticalViolations()
    {
        RequireStep(5);
        Assert.That(_axe, Has.Count.EqualTo(13), "every journey page was checked");
        var found = _axe.Where(p => p.Value.Count > 0).SelectMany(p => p.Value.Select(v => $"{p.Key}: {v}")).ToList();
        Assert.That(found, Is.Empty, string.Join(Environment.NewLine, found));
    }
}
