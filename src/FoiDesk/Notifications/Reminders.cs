using Dapper;
using FoiDesk.Cases;
using FoiDesk.Deadlines;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace FoiDesk.Notifications;

/// <summary>The kinds of notification the morning run records (the notification.kind column).</summary>
public static class NotificationKinds
{
    /// <summary>To the assignee: the draft is due within <see cref="Reminders.DraftReminderWorkingDays"/> WD, or overdue.</summary>
    public const string Reminder = "reminder";

    /// <summary>To the question's team managers (all managers if the team has none), on or after the escalation date.</summary>
    public const string Escalation = "escalation";

    /// <summary>To every IG officer: the statutory response is due within <see cref="Reminders.CaseDueWorkingDays"/> WD, or overdue.</summary>
    public const string CaseDue = "case-due";

    /// <summary>To every IG officer: a date the ICO set on a complaint (FOIA s.50) is within <see cref="Reminders.CaseDueWorkingDays"/> WD, or past.</summary>
    public const string IcoDue = "ico-due";
}

/// <param name="Day">The Europe/London date the run was for.</param>
/// <param name="WorkingDay">False on a weekend or UK bank holiday: nothing was looked at.</param>
public sealed record ReminderRun(DateOnly Day, bool WorkingDay, int Reminders, int Escalations, int CaseDue);

/// <summary>
/// Each working morning: finds questions and cases due soon or overdue and records a pending notification for
/// each recipient, once per working day per item (the notification table's unique key; the insert does nothing
/// on conflict), so running twice the same day adds nothing. The outbox sender will deliver them.
/// </summary>
public sealed class Reminders(NpgsqlDataSource db, CaseStore cases, HolidayStore holidays, IOptions<InternalTargetOptions> options, TimeProvider time, ILogger<Reminders> log)
{
    public const int DraftReminderWorkingDays = 2;
    public const int CaseDueWorkingDays = 3;

    public async Task<ReminderRun> RunAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var today = LondonTime.DateOf(now);
        var table = await holidays.CurrentAsync(ct);
        // The UK calendar: no reminders on a bank holiday in any part of the UK (FOIA s10(6)).
        if (!table.Calendar(CalendarId.Uk).IsWorkingDay(today))
        {
            return new ReminderRun(today, false, 0, 0, 0);
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        const string OpenCases = """
            select id from foi_case
            where regime is not null and status in ('new', 'open', 'on-hold', 'awaiting-approval', 'approved')
            order by id
            """;
        var caseIds = (await conn.QueryAsync<long>(new CommandDefinition(OpenCases, cancellationToken: ct))).ToList();
        var officers = (await conn.QueryAsync<long>(new CommandDefinition(
            "select id from account where 'ig-officer' = any(roles) and not disabled order by id", cancellationToken: ct))).ToList();
        var managersByTeam = new Dictionary<long, IReadOnlyList<long>>();
        int reminders = 0, escalations = 0, caseDue = 0;
        foreach (var id in caseIds)
        {
            var c = await cases.FindAsync(id, ct);
            if (c is null)
            {
                continue;
            }

            var targets = QuestionTargets.Compute(c, await cases.ClockEventsAsync(id, ct), await cases.QuestionsAsync(id, ct), table, options.Value);
            var calendar = table.Calendar(targets.Calendar);
            if (targets.StatutoryDue is { } due && IsDueWithin(today, due, CaseDueWorkingDays, calendar))
            {
                foreach (var officer in officers)
                {
                    caseDue += await InsertAsync(conn, NotificationKinds.CaseDue, officer, id, null, today, due, now, ct);
                }
            }

            foreach (var q in targets.Questions)
            {
                if (q.AssigneeId is { } assignee && q.DraftDue is { } draft && QuestionTargets.AwaitingDraft.Contains(q.Status)
                    && IsDueWithin(today, draft, DraftReminderWorkingDays, calendar))
                {
                    reminders += await InsertAsync(conn, NotificationKinds.Reminder, assignee, id, q.QuestionId, today, draft, now, ct);
                }

                if (q.EscalateOn is { } escalate && today >= escalate && QuestionTargets.Unanswered.Contains(q.Status))
                {
                    foreach (var manager in await ManagersAsync(conn, q.TeamId, managersByTeam, ct))
                    {
                        escalations += await InsertAsync(conn, NotificationKinds.Escalation, manager, id, q.QuestionId, today, targets.StatutoryDue!.Value, now, ct);
                    }
                }
            }
        }

        // ICO complaints: the ICO's own dates (from its letters, not computed), reminded like a statutory due date on
        // the UK calendar, counted with the case-due notices.
        foreach (var owed in await Ico.IcoComplaints.OwedAsync(conn, today, ct))
        {
            if (IsDueWithin(today, owed.Due, CaseDueWorkingDays, table.Calendar(CalendarId.Uk)))
            {
                foreach (var officer in officers)
                {
                    caseDue += await InsertAsync(conn, NotificationKinds.IcoDue, officer, owed.CaseId, null, today, owed.Due, now, ct);
                }
            }
        }

        var run = new ReminderRun(today, true, reminders, escalations, caseDue);
        log.LogInformation("Reminders for {Day:yyyy-MM-dd}: {Reminders} reminders, {Escalations} escalations, {CaseDue} case-due notices", today, reminders, escalations, caseDue);
        return run;
    }

    /// <summary>Due within n working days (counting today's remaining working days to the due date), or overdue.</summary>
    public static bool IsDueWithin(DateOnly today, DateOnly due, int workingDays, WorkingCalendar calendar)
    {
        var status = WorkingDays.Remaining(today, due, calendar);
        return status.Overdue || status.WorkingDaysRemaining <= workingDays;
    }

    /// <summary>The team's managers (accounts with the manager role in team_member); if it has none, or no team, every manager.</summary>
    private static async Task<IReadOnlyList<long>> ManagersAsync(NpgsqlConnection conn, long? teamId, Dictionary<long, IReadOnlyList<long>> cache, CancellationToken ct)
    {
        var key = teamId ?? 0;
        if (cache.TryGetValue(key, out var found))
        {
            return found;
        }

        const string TeamManagers = """
            select a.id from account a join team_member m on m.account_id = a.id
            where m.team_id = @teamId and 'manager' = any(a.roles) and not a.disabled
            order by a.id
            """;
        var managers = teamId is null
            ? []
            : (await conn.QueryAsync<long>(new CommandDefinition(TeamManagers, new { teamId }, cancellationToken: ct))).ToList();
        if (managers.Count == 0)
        {
            managers = [.. await conn.QueryAsync<long>(new CommandDefinition(
                "select id from account where 'manager' = any(roles) and not disabled order by id", cancellationToken: ct))];
        }

        cache[key] = managers;
        return managers;
    }

    private static async Task<int> InsertAsync(NpgsqlConnection conn, string kind, long recipient, long caseId, long? questionId, DateOnly day, DateOnly due, DateTimeOffset now, CancellationToken ct)
    {
        const string Sql = """
            insert into notification (kind, recipient_account_id, case_id, question_id, for_working_day, due_date, created_at)
            values (@kind, @recipient, @caseId, @questionId, @day, @due, @now)
            on conflict (kind, recipient_account_id, case_id, question_id, for_working_day) do nothing
            """;
        return await conn.ExecuteAsync(new CommandDefinition(Sql, new { kind, recipient, caseId, questionId, day, due, now }, cancellationToken: ct));
    }
}

/// <summary>A recorded notification, as the outbox sender and the tests read it.</summary>
public sealed record NotificationRow
{
    public required long Id { get; init; }
    public required string Kind { get; init; }
    public required long RecipientAccountId { get; init; }
    public required long CaseId { get; init; }
    public long? QuestionId { get; init; }
    public required DateOnly ForWorkingDay { get; init; }
    public required DateOnly DueDate { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required string Status { get; init; }

    public const string Columns = """
        id, kind, recipient_account_id as RecipientAccountId, case_id as CaseId, question_id as QuestionId,
        for_working_day as ForWorkingDay, due_date as DueDate, created_at as CreatedAt, status
        """;
}
