using FoiDesk.Deadlines;
using Microsoft.Extensions.Options;

namespace FoiDesk.Cases;

/// <summary>
/// A question's internal targets: the authority's own dates, never statutory ones (the Act has no per-question
/// deadline). Computed from the assignment and the case's clock each time, never stored.
/// </summary>
/// <param name="AssignedOn">The Europe/London date of question.assigned_at; null while unassigned.</param>
/// <param name="DraftDue">N working days after assignment, clamped to the escalation date; null while unassigned.</param>
/// <param name="EscalateOn">N working days before the statutory date; null while the clock is stopped.</param>
public sealed record QuestionTarget
{
    public required long QuestionId { get; init; }
    public required string Number { get; init; }
    public required string Status { get; init; }
    public long? TeamId { get; init; }
    public long? AssigneeId { get; init; }
    public DateOnly? AssignedOn { get; init; }
    public DateOnly? DraftDue { get; init; }
    public DateOnly? EscalateOn { get; init; }
    public bool DraftClamped { get; init; }
}

/// <param name="StatutoryDue">The date the response is due now (<see cref="StatutoryDates.CurrentDue"/>); null when no clock runs.</param>
public sealed record CaseTargets
{
    public required long CaseId { get; init; }
    public required string Reference { get; init; }
    public required CalendarId Calendar { get; init; }
    public string? StatutoryDateName { get; init; }
    public DateOnly? StatutoryDue { get; init; }
    public required IReadOnlyList<QuestionTarget> Questions { get; init; }
}

public sealed class QuestionTargets(CaseStore cases, HolidayStore holidays, IOptions<InternalTargetOptions> options)
{
    /// <summary>Question statuses still waiting for a draft from the assignee.</summary>
    public static IReadOnlyList<string> AwaitingDraft { get; } = ["assigned", "drafting", "returned"];

    /// <summary>Question statuses with no approved answer yet: an escalation still matters.</summary>
    public static IReadOnlyList<string> Unanswered { get; } = ["unassigned", "assigned", "drafting", "submitted", "returned"];

    public InternalTargetOptions Options => options.Value;

    public async Task<CaseTargets?> ComputeAsync(long caseId, CancellationToken ct)
    {
        var c = await cases.FindAsync(caseId, ct);
        if (c is null)
        {
            return null;
        }

        var table = await holidays.CurrentAsync(ct);
        return Compute(c, await cases.ClockEventsAsync(caseId, ct), await cases.QuestionsAsync(caseId, ct), table, options.Value);
    }

    public static CaseTargets Compute(CaseRow c, IReadOnlyList<ClockEventRow> events, IReadOnlyList<QuestionRow> questions, HolidayTable table, InternalTargetOptions options)
    {
        var result = CaseClock.Compute(c, events, table);
        var calendarId = result?.Calendar ?? CalendarId.Uk;
        var calendar = table.Calendar(calendarId);
        var statutory = result?.Statutory.CurrentDue;
        return new CaseTargets
        {
            CaseId = c.Id,
            Reference = c.Reference,
            Calendar = calendarId,
            StatutoryDateName = statutory?.Name,
            StatutoryDue = statutory?.Date,
            Questions = [.. questions.Select(q => For(q, statutory?.Date, calendar, options))],
        };
    }

    private static QuestionTarget For(QuestionRow q, DateOnly? statutory, WorkingCalendar calendar, InternalTargetOptions options)
    {
        var assignedOn = q.AssigneeId is not null && q.AssignedAt is { } at ? LondonTime.DateOf(at) : (DateOnly?)null;
        var target = new QuestionTarget
        {
            QuestionId = q.Id,
            Number = q.Number,
            Status = q.Status,
            TeamId = q.TeamId,
            AssigneeId = q.AssigneeId,
            AssignedOn = assignedOn,
        };
        return (assignedOn, statutory) switch
        {
            ({ } assigned, { } due) => InternalTargets.For(assigned, due, calendar, options) is var t
                ? target with { DraftDue = t.DraftDue, EscalateOn = t.EscalateOn, DraftClamped = t.DraftClamped }
                : target,
            ({ } assigned, null) => target with { DraftDue = calendar.AddWorkingDays(assigned, options.DraftWorkingDays) },
            (null, { } due) => target with { EscalateOn = calendar.SubtractWorkingDays(due, options.EscalationWorkingDaysBefore) },
            _ => target,
        };
    }
}
