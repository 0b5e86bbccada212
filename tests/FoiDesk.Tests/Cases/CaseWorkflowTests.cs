using Dapper;
using FoiDesk.Approval;
using FoiDesk.Audit;
using FoiDesk.Cases;
using FoiDesk.Tests.Intake;
using FoiDesk.Tests.Replies;
using Npgsql;

namespace FoiDesk.Tests.Cases;

/// <summary>The case workflow's commands against a real database: one transaction each, typed problems, the table obeyed.</summary>
public sealed class CaseWorkflowTests
{
    private static readonly Actor Officer = new(null, "officer@council.example", "test");

    [Test]
    public async Task ConfirmTriage_NewRequest_OpensWithTimelineAuditAndAcknowledgementTogether()
    {
        await using var db = await IntakeDb.CreateAsync();
        var reference = await OpenAsync(db);

        var result = await Workflow(db).ConfirmTriageAsync(reference, Classifications.Foi, "foia", Officer, "Officer", CancellationToken.None);

        Assert.That(result.Problem, Is.Null);
        Assert.That(result.Status, Is.EqualTo(CaseStatus.Open));
        Assert.That(result.OutboxId, Is.Not.Null);
        await using var conn = await db.Db.OpenConnectionAsync();
        var row = await conn.QuerySingleAsync<(string Status, bool Confirmed, string? Regime)>(
            "select status, classification_confirmed, regime from foi_case where reference = @reference", new { reference });
        Assert.That(row, Is.EqualTo((CaseStatuses.Open, true, (string?)"foia")));
        Assert.That(await conn.ExecuteScalarAsync<long>("select count(*) from case_event where kind = 'classification-confirmed'"), Is.EqualTo(1));
        Assert.That(await conn.ExecuteScalarAsync<string>("select detail->>'via' from audit_event where action = 'case-changed' and subject = @reference", new { reference }), Is.EqualTo("test"));
        Assert.That(await conn.ExecuteScalarAsync<long>("select count(*) from outgoing_message where letter = 'acknowledgement'"), Is.EqualTo(1));
    }

    [Test]
    public async Task ConfirmTriage_OutboxStepFails_CommitsNothing()
    {
        await using var db = await IntakeDb.CreateAsync();
        var reference = await OpenAsync(db);
        var workflow = new CaseWorkflow(db.Db, db.Cases, new CaseClock(db.Cases, db.Holidays, db.Time), new AuditLog(db.Db, db.Time), new FailingOutbox(), db.Time);

        Assert.That(() => workflow.ConfirmTriageAsync(reference, Classifications.Foi, "foia", Officer, null, CancellationToken.None), Throws.InvalidOperationException);

        await using var conn = await db.Db.OpenConnectionAsync();
        Assert.That(await conn.ExecuteScalarAsync<string>("select status from foi_case where reference = @reference", new { reference }), Is.EqualTo(CaseStatuses.New));
        Assert.That(await conn.ExecuteScalarAsync<long>("select count(*) from case_event where kind = 'classification-confirmed'"), Is.Zero);
        Assert.That(await conn.ExecuteScalarAsync<long>("select count(*) from audit_event where action = 'case-changed'"), Is.Zero);
    }

    [Test]
    public async Task ConfirmTriage_UnknownClassificationOrCase_IsATypedProblem()
    {
        await using var db = await IntakeDb.CreateAsync();
        var reference = await OpenAsync(db);
        var workflow = Workflow(db);

        var invalid = await workflow.ConfirmTriageAsync(reference, "poetry", null, Officer, null, CancellationToken.None);
        var missing = await workflow.ConfirmTriageAsync("FOI-1999-00001", Classifications.Foi, "foia", Officer, null, CancellationToken.None);

        Assert.That(invalid.Problem, Is.EqualTo(new CaseProblem(CaseProblemKind.Invalid, "classification", "unknown classification 'poetry'")));
        Assert.That(missing.Problem?.Kind, Is.EqualTo(CaseProblemKind.NotFound));
        Assert.That((await db.Cases.FindAsync(reference, CancellationToken.None))!.Status, Is.EqualTo(CaseStatuses.New));
    }

    [Test]
    public async Task Approve_QuestionsUnanswered_IsNotAllowedAndChangesNothing()
    {
        await using var db = await IntakeDb.CreateAsync();
        var reference = await OpenAsync(db);

        var result = await Workflow(db).ApproveAsync(reference, Officer, CancellationToken.None);

        Assert.That(result.Problem?.Kind, Is.EqualTo(CaseProblemKind.NotAllowed));
        Assert.That((await db.Cases.FindAsync(reference, CancellationToken.None))!.Status, Is.EqualTo(CaseStatuses.New));
    }

    [Test]
    public async Task RecordClockEvent_ClarificationSentThenOutOfOrder_StopsTheClockThenRefuses()
    {
        await using var db = await IntakeDb.CreateAsync();
        var reference = await OpenAsync(db);
        var workflow = Workflow(db);
        await workflow.ConfirmTriageAsync(reference, Classifications.Foi, "foia", Officer, null, CancellationToken.None);

        var (sent, dates) = await workflow.RecordClockEventAsync(reference, FoiDesk.Deadlines.ClockEventNames.ClarificationSent, new DateOnly(2025, 6, 3), "", Officer, CancellationToken.None);
        var (early, _) = await workflow.RecordClockEventAsync(reference, FoiDesk.Deadlines.ClockEventNames.ClarificationReceived, new DateOnly(2025, 5, 1), "", Officer, CancellationToken.None);

        Assert.That(sent.Status, Is.EqualTo(CaseStatus.OnHold));
        Assert.That(dates, Is.Not.Null);
        Assert.That(early.Problem?.Kind, Is.EqualTo(CaseProblemKind.Invalid));
        await using var conn = await db.Db.OpenConnectionAsync();
        Assert.That(await conn.ExecuteScalarAsync<long>("select count(*) from audit_event where action = 'clock-event-recorded'"), Is.EqualTo(1));
        Assert.That(await conn.ExecuteScalarAsync<string>("select status from foi_case where reference = @reference", new { reference }), Is.EqualTo(CaseStatuses.OnHold));
    }

    private static CaseWorkflow Workflow(IntakeDb db) =>
        new(db.Db, db.Cases, new CaseClock(db.Cases, db.Holidays, db.Time), new AuditLog(db.Db, db.Time), SampleLetters.CaseLetters(db.Db, db.Time), db.Time);

    private static async Task<string> OpenAsync(IntakeDb db) =>
        (await db.DropAsync("req.eml", IntakeDb.Request("Jane Example <jane@mail.example>", "Parking", "wf-1@mail.example", "How many parking fines were issued in 2024?", "How much did they raise?"))).CaseReference!;

    /// <summary>An outbox whose letter cannot be written (a broken template store, say): the confirmation must not commit without it.</summary>
    private sealed class FailingOutbox : ICaseOutbox
    {
        public Task<(long? OutboxId, string? Problem)> QueueAcknowledgementAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CaseRow confirmed, Actor by, string? officerName, CancellationToken ct) =>
            throw new InvalidOperationException("the outbox is broken");
    }
}
