using FoiDesk.Deadlines;

namespace FoiDesk.Tests.Deadlines.Store;

public sealed class QuestionTargetsTests
{
    private static readonly DateTimeOffset Received = new(2025, 6, 2, 10, 0, 0, TimeSpan.FromHours(1));

    // Assigned 3 June 23:30 UTC, which is 00:30 BST on Wed 4 June: targets count from the London date.
    [TestCase(10, 3, "2025-06-18", "2025-06-25", false)] // defaults: 10 WD after 4 June; 3 WD before Mon 30 June
    [TestCase(5, 3, "2025-06-11", "2025-06-25", false)] // FoiDesk:Deadlines:DraftWorkingDays = 5
    [TestCase(10, 10, "2025-06-16", "2025-06-16", true)] // escalation 10 WD before: the draft is clamped to it
    public async Task Compute_AssignedQuestion_DraftAndEscalationFromOptions(int draftDays, int escalateBefore, string draft, string escalate, bool clamped)
    {
        await using var db = await ClockDatabase.CreateAsync(Received, new InternalTargetOptions { DraftWorkingDays = draftDays, EscalationWorkingDaysBefore = escalateBefore });
        var manager = await db.AccountAsync("m@test", "manager");
        var team = await db.TeamAsync("Finance", manager);
        var (caseId, reference) = await db.OpenFoiaAsync(Received, "One?", "Two?");
        await db.AssignFirstQuestionAsync(caseId, team, manager, new DateTimeOffset(2025, 6, 3, 23, 30, 0, TimeSpan.Zero));

        var targets = (await db.Targets.ComputeAsync(caseId, CancellationToken.None))!;

        Assert.That(targets.Reference, Is.EqualTo(reference));
        Assert.That((targets.StatutoryDateName, targets.StatutoryDue), Is.EqualTo((DateNames.ResponseDue, (DateOnly?)new DateOnly(2025, 6, 30))));
        var q1 = targets.Questions[0];
        Assert.That(q1.AssignedOn, Is.EqualTo(new DateOnly(2025, 6, 4)));
        Assert.That((q1.DraftDue, q1.EscalateOn, q1.DraftClamped), Is.EqualTo((Day(draft), Day(escalate), clamped)));
        Assert.That((targets.Questions[1].DraftDue, targets.Questions[1].EscalateOn), Is.EqualTo(((DateOnly?)null, Day(escalate))), "unassigned: no draft target, but still an escalation date");
    }

    private static DateOnly? Day(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Test]
    public async Task Compute_ClockStoppedForClarification_NoEscalationDate()
    {
        await using var db = await ClockDatabase.CreateAsync(Received);
        var (caseId, _) = await db.OpenFoiaAsync(Received, "One?");
        var c = (await db.Cases.FindAsync(caseId, CancellationToken.None))!;
        await db.Clock.RecordAsync(c, ClockEventNames.ClarificationSent, new DateOnly(2025, 6, 4), "test", "", CancellationToken.None);

        var targets = (await db.Targets.ComputeAsync(caseId, CancellationToken.None))!;

        Assert.That(targets.StatutoryDue, Is.Null);
        Assert.That(targets.Questions[0].EscalateOn, Is.Null);
    }

    [Test]
    public async Task Compute_UnknownCase_IsNull()
    {
        await using var db = await ClockDatabase.CreateAsync(Received);

        Assert.That(await db.Targets.ComputeAsync(999, CancellationToken.None), Is.Null);
    }
}
