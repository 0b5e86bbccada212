using System.Globalization;
using FoiDesk.Audit;
using FoiDesk.Cases;
using FoiDesk.Deadlines;
using FoiDesk.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FoiDesk.Web.Api;

/// <summary>Cases, their clocks and question assignment: /api/v1/cases.</summary>
public static class CaseApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/cases", ListAsync).RequireAuthorization(Policies.Manager).WithName("ListCases");
        api.MapGet("/cases/{reference}", GetAsync).RequireAuthorization(Policies.Manager).WithName("GetCase").ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/cases/{reference}/clock-events", RecordClockEventAsync).RequireAuthorization(Policies.Officer).WithName("RecordClockEvent")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/cases/{reference}/questions/{id:long}/assignment", AssignAsync).RequireAuthorization(Policies.Officer).WithName("AssignQuestion")
            .WithSummary("Give a question to a team, and optionally to one person in it")
            .WithDescription("A submitted, approved or merged question cannot be reassigned (409). The team's commissioners see it in ListMyQuestions.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPut("/cases/{reference}/letter-language", ChooseLetterLanguageAsync).RequireAuthorization(Policies.Officer).WithName("ChooseLetterLanguage")
            .WithSummary("Choose the language of the case's letters")
            .WithDescription($"language is one of {string.Join(", ", LetterLanguages.All)} (bilingual: one email, Welsh first). Every letter sent or previewed for the case follows it; a letter with no Welsh wording cannot then be sent.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Results<Ok<CaseSummary>, ProblemHttpResult>> ChooseLetterLanguageAsync(
        string reference, LetterLanguageInput body, CaseStore cases, FoiDesk.Replies.CaseLetters letters, HttpContext http, CancellationToken ct)
    {
        if (!LetterLanguages.All.Contains(body.Language ?? ""))
        {
            return Problems.Field("language", $"language is required: one of {string.Join(", ", LetterLanguages.All)}");
        }

        // The same service as the case page: the choice goes on the timeline and in the audit log.
        if (!await letters.ChooseLanguageAsync(reference, body.Language!, http.User.ApprovalActor(), ct))
        {
            return Problems.NoCase(reference);
        }

        return TypedResults.Ok(CaseSummary.From((await cases.FindAsync(reference, ct))!));
    }

    private static async Task<Ok<IReadOnlyList<CaseSummary>>> ListAsync(CaseStore cases, int? limit, AuditLog audit, HttpContext http, CancellationToken ct)
    {
        var rows = await cases.ListAsync(Math.Clamp(limit ?? 100, 1, 1000), ct);
        // The list carries requesters' names and addresses: a view of personal data, audited (security review, Low).
        await audit.RecordAsync(AccountClaims.AccountId(http.User), http.User.Identity!.Name!, "case-list-viewed", null,
            new { via = "api", cases = rows.Select(r => r.Reference) }, ct);
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
        string reference, NewClockEvent body, CaseStore cases, CaseWorkflow workflow, HttpContext http, CancellationToken ct)
    {
        if (await cases.FindAsync(reference, ct) is null)
        {
            return Problems.NoCase(reference);
        }

        if (!DateOnly.TryParseExact(body.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return Problems.Invalid($"date must be yyyy-MM-dd, not '{body.Date}'");
        }

        var (result, dates) = await workflow.RecordClockEventAsync(reference, body.Name, date, body.Note ?? "", http.User.ActorVia("api"), ct);
        return result.Problem switch
        {
            null => TypedResults.Ok(DeadlinesBody.From(dates!)),
            { Kind: CaseProblemKind.Invalid } invalid => Problems.Invalid(invalid.Message),
            var problem => Problems.From(problem, reference),
        };
    }

    private static async Task<Results<Ok<CaseQuestions>, ProblemHttpResult>> AssignAsync(
        string reference, long id, AssignmentInput body, CaseStore cases, CaseWorkflow workflow, HttpContext http, CancellationToken ct)
    {
        if (body.TeamId is not { } teamId)
        {
            return await cases.FindAsync(reference, ct) is null
                ? Problems.NoCase(reference)
                : Problems.Field("teamId", "teamId is required: the team the question goes to");
        }

        // The command refuses an unknown team or a person outside it (400), a question past assignment (409).
        return await workflow.AssignAsync(reference, id, teamId, body.AssigneeId, http.User.ActorVia("api"), ct) is { Problem: { } problem }
            ? Problems.From(problem, reference)
            : await ApprovalApi.CaseQuestionsAsync(reference, cases, ct);
    }
}
