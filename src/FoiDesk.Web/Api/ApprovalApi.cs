using FoiDesk.Cases;
using FoiDesk.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FoiDesk.Web.Api;

/// <summary>The approver's side, through <see cref="CaseWorkflow"/> as the approval page: return a question with comments, or approve the reply.</summary>
public static class ApprovalApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/cases/{reference}/approval", ApproveAsync).RequireAuthorization(Policies.Approver).WithTags("Approval").WithName("ApproveCase")
            .WithSummary("Approve the assembled reply")
            .WithDescription("Every question needs a submitted answer (409 otherwise). The questions become approved and the case awaits sending.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/cases/{reference}/questions/{id:long}/return", ReturnAsync).RequireAuthorization(Policies.Approver).WithTags("Approval").WithName("ReturnQuestion")
            .WithSummary("Return a submitted answer to its commissioner with comments")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<Results<Ok<CaseQuestions>, ProblemHttpResult>> ApproveAsync(string reference, CaseWorkflow workflow, CaseStore cases, HttpContext http, CancellationToken ct) =>
        await workflow.ApproveAsync(reference, http.User.ActorVia("api"), ct) is { Problem: { } problem }
            ? Problems.From(problem, reference)
            : await CaseQuestionsAsync(reference, cases, ct);

    private static async Task<Results<Ok<CaseQuestions>, ProblemHttpResult>> ReturnAsync(string reference, long id, ReasonInput body, CaseWorkflow workflow, CaseStore cases, HttpContext http, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(body.Reason))
        {
            return Problems.Field("reason", "Enter comments for the commissioner");
        }

        return await workflow.ReturnAnswerAsync(reference, id, body.Reason.Trim(), http.User.ActorVia("api"), ct) is { Problem: { } problem }
            ? Problems.From(problem, reference)
            : await CaseQuestionsAsync(reference, cases, ct);
    }

    /// <summary>The case and its questions after the change (no requester: an approver's action needs no personal data back).</summary>
    internal static async Task<Results<Ok<CaseQuestions>, ProblemHttpResult>> CaseQuestionsAsync(string reference, CaseStore cases, CancellationToken ct) =>
        await cases.FindAsync(reference, ct) is { } c
            ? TypedResults.Ok(CaseQuestions.From(c, await cases.QuestionsAsync(c.Id, ct)))
            : Problems.NoCase(reference);
}
