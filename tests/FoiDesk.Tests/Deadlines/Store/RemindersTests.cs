using FoiDesk.Deadlines;
using FoiDesk.Notifications;

namespace FoiDesk.Tests.Deadlines.Store;

/// <summary>
/// The morning run. Case received Mon 2 June 2025 (FOIA response due Mon 30 June); question 1 assigned Tue 3 June,
/// so its draft is due Tue 17 June (10 WD) and it is escalated from Wed 25 June (3 WD before 30 June).
/// </summary>
public sealed class RemindersTests
{
    private static readonly DateTimeOffset Received = new(2025, 6, 2, 10, 0, 0, TimeSpan.FromHours(1));
    private ClockDatabase _db = null!;
    private long _caseId;
    private long _questionId;
    private long _assignee;
    private long _teamManager;
    private long _otherManager;
    private long _officer;

    [SetUp]
    public async Task SetUp()
    {
        _db = await ClockDatabase.CreateAsync(Received);
        _assignee = await _db.AccountAsync("assignee@test", "commissioner");
        _teamManager = await _db.AccountAsync("team-manager@test", "manager");
        _otherManager = await _db.AccountAsync("other-manager@test", "manager");
        _officer = await _db.AccountAsync("officer@test", "ig-officer");
        var team = await _db.TeamAsync("Children's services", _assignee, _teamManager);
        (_caseId, _) = await _db.OpenFoiaAsync(Received, "How many placements?", "What did they cost?");
        _questionId = await _db.AssignFirstQuestionAsync(_caseId, team, _assignee, new DateTimeOffset(2025, 6, 3, 9, 0, 0, TimeSpan.FromHours(1)));
    }

    [TearDown]
    public async Task TearDown() => await _db.DisposeAsync();

    /// <summary>07:30 Europe/London on the given day (the job's cron time).</summary>
    private void MorningOf(int month, int day) => _db.Time.Set(new DateTimeOffset(2025, month, day, 7, 30, 0, TimeSpan.FromHours(1)));

    private Task<ReminderRun> RunAsync() => _db.Reminders.RunAsync(CancellationToken.None);

    [Test]
    public async Task Run_DraftDueInTwoWorkingDays_RemindsAssigneeOnceEvenWhenRunTwice()
    {
        MorningOf(6, 13); // Fri 13 June: Mon 16 and Tue 17 remain

        var first = await RunAsync();
        var second = await RunAsync();

        Assert.That(first, Is.EqualTo(new ReminderRun(new DateOnly(2025, 6, 13), true, 1, 0, 0)));
        Assert.That(second, Is.EqualTo(new ReminderRun(new DateOnly(2025, 6, 13), true, 0, 0, 0)));
        var rows = await _db.NotificationsAsync();
        Assert.That(rows, Has.Count.EqualTo(1));
        Assert.That(rows[0].Kind, Is.EqualTo(NotificationKinds.Reminder));
        Assert.That(rows[0].RecipientAccountId, Is.EqualTo(_assignee));
        Assert.That(rows[0].QuestionId, Is.EqualTo(_questionId));
        Assert.That(rows[0].DueDate, Is.EqualTo(new DateOnly(2025, 6, 17)));
        Assert.That(rows[0].Status, Is.EqualTo("pending"));
    }

    [Test]
    public async Task Run_ThreeWorkingDaysBeforeDraftDue_RemindsNobody()
    {
        MorningOf(6, 12); // Thu 12 June: Fri 13, Mon 16, Tue 17 remain

        var run = await RunAsync();

        Assert.That(run, Is.EqualTo(new ReminderRun(new DateOnly(2025, 6, 12), true, 0, 0, 0)));
        Assert.That(await _db.NotificationsAsync(), Is.Empty);
    }

    [Test]
    public async Task Run_NextWorkingDay_RemindsAgain()
    {
        MorningOf(6, 13);
        await RunAsync();
        MorningOf(6, 16);

        await RunAsync();

        var rows = await _db.NotificationsAsync();
        Assert.That(rows.Select(r => r.ForWorkingDay), Is.EqualTo(new[] { new DateOnly(2025, 6, 13), new DateOnly(2025, 6, 16) }));
    }

    [Test]
    public async Task Run_DraftOverdue_KeepsReminding()
    {
        MorningOf(6, 19); // two working days after the draft was due

        await RunAsync();

        Assert.That((await _db.NotificationsAsync()).Single().Kind, Is.EqualTo(NotificationKinds.Reminder));
    }

    [TestCase(6, 14)] // Saturday
    [TestCase(6, 15)] // Sunday
    [TestCase(8, 4)] // Summer bank holiday in Scotland only: still not a working day on the UK calendar (FOIA s10(6))
    [TestCase(8, 25)] // Summer bank holiday in England, Wales and Northern Ireland
    public async Task Run_NonWorkingDay_DoesNothing(int month, int day)
    {
        MorningOf(month, day); // by August everything is overdue: a working day would record plenty

        var run = await RunAsync();

        Assert.That(run.WorkingDay, Is.False);
        Assert.That(await _db.NotificationsAsync(), Is.Empty);
    }

    [Test]
    public async Task Run_OnEscalationDate_EscalatesToTeamManagerAndWarnsOfficers()
    {
        MorningOf(6, 25); // Wed 25 June: 3 WD before 30 June

        var run = await RunAsync();

        var rows = await _db.NotificationsAsync();
        var escalations = rows.Where(r => r.Kind == NotificationKinds.Escalation && r.QuestionId == _questionId).ToList();
        Assert.That(escalations.Select(r => r.RecipientAccountId), Is.EqualTo(new[] { _teamManager }), "the team's manager, not every manager");
        Assert.That(escalations[0].DueDate, Is.EqualTo(new DateOnly(2025, 6, 30)));
        var unassigned = rows.Where(r => r.Kind == NotificationKinds.Escalation && r.QuestionId != _questionId);
        Assert.That(unassigned.Select(r => r.RecipientAccountId), Is.EquivalentTo(new[] { _teamManager, _otherManager }), "question 2 has no team: every manager");
        var caseDue = rows.Where(r => r.Kind == NotificationKinds.CaseDue).ToList();
        Assert.That(caseDue.Select(r => (r.RecipientAccountId, r.QuestionId)), Is.EqualTo(new[] { (_officer, (long?)null) }), "30 June is 3 WD away");
        Assert.That(run, Is.EqualTo(new ReminderRun(new DateOnly(2025, 6, 25), true, 1, 3, 1)), "the overdue draft is reminded too");
        Assert.That(await RunAsync(), Is.EqualTo(new ReminderRun(run.Day, true, 0, 0, 0)), "a case-level row with no question is not repeated either");
    }

    [Test]
    public async Task Run_DayBeforeEscalationDate_DoesNotEscalate()
    {
        MorningOf(6, 24);

        await RunAsync();

        Assert.That((await _db.NotificationsAsync()).Where(r => r.Kind == NotificationKinds.Escalation), Is.Empty);
    }

    [Test]
    public async Task Run_TeamWithoutManager_EscalatesToEveryManager()
    {
        await _db.ExecuteAsync("delete from team_member where account_id = @_teamManager", new { _teamManager });
        MorningOf(6, 25);

        await RunAsync();

        var escalated = (await _db.NotificationsAsync()).Where(r => r.Kind == NotificationKinds.Escalation && r.QuestionId == _questionId);
        Assert.That(escalated.Select(r => r.RecipientAccountId), Is.EquivalentTo(new[] { _teamManager, _otherManager }));
    }

    [Test]
    public async Task Run_SubmittedDraft_NoReminderButStillEscalated()
    {
        await _db.ExecuteAsync("update question set status = 'submitted' where id = @_questionId", new { _questionId });
        MorningOf(6, 25);

        await RunAsync();

        var mine = (await _db.NotificationsAsync()).Where(r => r.QuestionId == _questionId).ToList();
        Assert.That(mine.Select(r => r.Kind), Is.EqualTo(new[] { NotificationKinds.Escalation }), "a submitted draft is not reminded; the answer is not approved yet");
    }

    [Test]
    public async Task Run_RespondedCase_RemindsNobody()
    {
        await _db.ExecuteAsync("update foi_case set status = 'responded' where id = @_caseId", new { _caseId });
        MorningOf(6, 25);

        await RunAsync();

        Assert.That(await _db.NotificationsAsync(), Is.Empty);
    }

    [Test]
    public async Task Run_AddedHolidayBeforeDraftDue_RemindsOfTheMovedDate()
    {
        // An admin adds Mon 16 June: the draft is now due Wed 18 June.
        await _db.Admin.AddAsync(new DateOnly(2025, 6, 16), "Proclaimed test holiday", [Division.EnglandAndWales], "London Gazette", "admin@test", CancellationToken.None);
        MorningOf(6, 13);

        await RunAsync();

        Assert.That((await _db.NotificationsAsync()).Single().DueDate, Is.EqualTo(new DateOnly(2025, 6, 18)));
    }
}
