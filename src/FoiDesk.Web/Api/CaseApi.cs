using System.Globalization;
using FoiDesk.Audit;
using FoiDesk.Cases;
using FoiDesk.Deadlines;
using FoiDesk.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FoiDesk.Web.Api;

/// <summary>Cases and their clocks: /api/v1/cases.</summary>
public static class CaseApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/cases", ListAsync).RequireAuthorization(Policies.Manager).WithName("ListCases");
        api.MapGet("/cases/{reference}", GetAsync).RequireAuthorization(Policies.Manager).WithName("GetCase").ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/cases/{reference}/clock-events", RecordClockEventAsync).RequireAuthorization(Policies.Officer).WithName("RecordClockEvent")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Ok<IReadOnlyList<CaseSummary>>> ListAsync(CaseStore cases, int? limit, CancellationToken ct)
    {
        var rows = await cases.ListAsync(Math.Clamp(limit ?? 100, 1, 1000), ct);
        return TypedResults.Ok<IReadOnlyList<CaseSummary>>([.. rows.Select(CaseSummary.From)]);
    }

    private static async Task<Results<Ok<CaseDetail>, ProblemHttpResult>> GetAsync(string reference, CaseStore cases, CaseClock clock, AuditLog audit, HttpContext http, CancellationToken ct)
    {
        if (await cases.FindAsync(reference, ct) is not { } c)
        {
            return Problems.NoCase(reference);
        }

        // The requester's name and address are personal data: every view is audited.
        await audit.RecordAsync(AccountClaims.AccountId(http.User), http.User.Identity!.Name!, "case-viewed", c.Reference, new { via = "api" }, ct);
        var questions = await cases.QuestionsAsync(c.Id, ct);
        var events = await cases.ClockEventsAsync(c.Id, ct);
        var deadlines = await clock.ComputeAsync(c, ct);
        return TypedResults.Ok(CaseDetail.From(c, questions, events, deadlines));
    }

    private static async Task<Results<Ok<DeadlinesBody>, ProblemHttpResult>> RecordClockEventAsync(
        string reference, NewClockEvent body, CaseStore cases, CaseClock clock, AuditLog audit, HttpContext http, CancellationToken ct)
    {
        if (await cases.FindAsync(reference, ct) is not { } c)
        {
            return Problems.NoCase(reference);
        }

        if (!DateOnly.TryParseExact(body.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return Problems.Invalid($"date must be yyyy-MM-dd, not '{body.Date}'");
        }

        var actor = http.User.Identity!.Name!;
        try
        {
            var result = await clock.RecordAsync(c, body.Name, date, actor, body.Note ?? "", ct);
            await audit.RecordAsync(AccountClaims.AccountId(http.User), actor, "clock-event-recorded", c.Reference, new { body.Name, body.Date, via = "api" }, ct);
            return TypedResults.Ok(DeadlinesBody.From(result!));
        }
        catch (DeadlineInputException e)
        {
            return Problems.Invalid(e.Message);
        }
    }
}

/// <summary>POST body: a clock event (one of the names in the case's regime) on a Europe/London date.</summary>
public sealed record NewClockEvent
{
    public required string Name { get; init; }

    /// <summary>yyyy-MM-dd.</summary>
    public required string Date { get; init; }

    public string? Note { get; init; }
}

public sealed record CaseSummary
{
    public required string Reference { get; init; }
    public required string Subject { get; init; }
    public required string Classification { get; init; }
    public required bool ClassificationConfirmed { get; init; }
    public string? Regime { get; init; }
    public required string Status { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }

    public static CaseSummary From(CaseRow c) => new()
    {
        Reference = c.Reference,
        Subject = c.Subject,
        Classification = c.Classification,
        ClassificationConfirmed = c.ClassificationConfirmed,
        Regime = c.Regime,
        Status = c.Status,
        ReceivedAt = c.ReceivedAt,
    };
}

public sealed record CaseDetail
{
    public required CaseSummary Case { get; init; }
    public string? ProposedClassification { get; init; }
    public string? Outcome { get; init; }
    public string? RequesterName { get; init; }
    public string? RequesterEmail { get; init; }
    public string? ReplyToAddress { get; init; }
    public required bool PublishedByPlatform { get; init; }
    public required string RequestText { get; init; }
    public required IReadOnlyList<QuestionBody> Questions { get; init; }
    public required IReadOnlyList<ClockEventBody> ClockEvents { get; init; }

    /// <summary>Null when the case has no statutory clock (not FOI, duplicate, or not yet classified with a regime).</summary>
    public DeadlinesBody? Deadlines { get; init; }

    public static CaseDetail From(CaseRow c, IReadOnlyList<QuestionRow> questions, IReadOnlyList<ClockEventRow> events, DeadlineResult? deadlines) => new()
    {
        Case = CaseSummary.From(c),
        ProposedClassification = c.ProposedClassification,
        Outcome = c.Outcome,
        RequesterName = c.RequesterName,
        RequesterEmail = c.RequesterEmail,
        ReplyToAddress = c.ReplyToAddress,
        PublishedByPlatform = c.PublishedByPlatform,
        RequestText = c.RequestText,
        Questions = [.. questions.Select(QuestionBody.From)],
        ClockEvents = [.. events.Select(e => new ClockEventBody { Name = e.Name, Date = e.OccurredOn, RecordedAt = e.RecordedAt, RecordedBy = e.RecordedBy, Note = e.Note })],
        Deadlines = deadlines is null ? null : DeadlinesBody.From(deadlines),
    };
}

public sealed record QuestionBody
{
    public required long Id { get; init; }
    public required string Number { get; init; }
    public required string Text { get; init; }
    public required string Status { get; init; }
    public long? AssigneeId { get; init; }
    public long? TeamId { get; init; }
    public required string Answer { get; init; }
    public string? AnswerKind { get; init; }
    public string? ReturnedReason { get; init; }

    public static QuestionBody From(QuestionRow q) => new()
    {
        Id = q.Id,
        Number = q.Number,
        Text = q.Text,
        Status = q.Status,
        AssigneeId = q.AssigneeId,
        TeamId = q.TeamId,
        Answer = q.Answer,
        AnswerKind = q.AnswerKind,
        ReturnedReason = q.ReturnedReason,
    };
}

public sealed record ClockEventBody
{
    public required string Name { get; init; }
    public required DateOnly Date { get; init; }
    public required DateTimeOffset RecordedAt { get; init; }
    public required string RecordedBy { get; init; }
    public required string Note { get; init; }
}

/// <summary>The computed dates and the working a person would check them with (never stored; see CaseClock).</summary>
public sealed record DeadlinesBody
{
    public required string Regime { get; init; }
    public required DateOnly ReceiptDate { get; init; }
    public required string Calendar { get; init; }
    public required IReadOnlyDictionary<string, DateOnly> Dates { get; init; }
    public required IReadOnlyList<WorkingStepBody> Working { get; init; }
    public required IReadOnlyList<string> Warnings { get; init; }
    public required string HolidayTableVersion { get; init; }

    public static DeadlinesBody From(DeadlineResult r) => new()
    {
        Regime = r.Regime.Key(),
        ReceiptDate = r.ReceiptDate,
        Calendar = r.Calendar.Key(),
        Dates = r.Dates,
        Working = [.. r.Working.Select(w => new WorkingStepBody { Kind = w.Kind.ToString(), Date = w.Date, Text = w.Text, Clock = w.Clock })],
        Warnings = r.Warnings,
        HolidayTableVersion = r.HolidayTableVersion,
    };
}

public sealed record WorkingStepBody
{
    public required string Kind { get; init; }
    public required DateOnly Date { get; init; }
    public required string Text { get; init; }
    public string? Clock { get; init; }
}
