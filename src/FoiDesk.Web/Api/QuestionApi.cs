using System.Text.Json;
using FoiDesk.Audit;
using FoiDesk.Cases;
using FoiDesk.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FoiDesk.Web.Api;

/// <summary>
/// A commissioner's questions: /api/v1/my-questions, the API twin of /my-questions. Every operation goes through
/// <see cref="Answers"/> and <see cref="QuestionWork"/> as the pages do, and a question that is not assigned to the
/// caller or their teams is not found (404), never forbidden, so its existence does not leak.
/// </summary>
public static class QuestionApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var mine = api.MapGroup("/my-questions").RequireAuthorization(Policies.Commissioner).WithTags("My questions");
        mine.MapGet("", ListAsync).WithName("ListMyQuestions")
            .WithSummary("Questions assigned to me or my teams")
            .WithDescription("Ordered by the internal draft target (10 working days from assignment), with the statutory date beside it. Never carries the requester.");
        mine.MapGet("/{id:long}", GetAsync).WithName("GetMyQuestion")
            .WithSummary("One of my questions, with its draft answer")
            .ProducesProblem(StatusCodes.Status404NotFound);
        mine.MapPut("/{id:long}/answer", UpdateAnswerAsync).WithName("UpdateAnswer")
            .WithSummary("Save the draft answer")
            .WithDescription("kind is answer, not-held or exempt; with exempt, exemption.code is a section or regulation (s.43(2), reg 12(5)(e)) and exemption.reasons the commissioner's reasons. The question moves to drafting.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        mine.MapPost("/{id:long}/submit", SubmitAsync).WithName("SubmitAnswer")
            .WithSummary("Submit the saved draft for approval")
            .WithDescription("Submits the answer last saved with UpdateAnswer. 409 when it is already submitted or approved.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        mine.MapPost("/{id:long}/hand-back", HandBackAsync).WithName("HandBackQuestion")
            .WithSummary("Hand the question back to the officers, with the reason")
            .WithDescription("For a question sent to the wrong team. It leaves the caller's list, so the answer is 204.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<Ok<IReadOnlyList<MyQuestionBody>>> ListAsync(Answers answers, HttpContext http, CancellationToken ct)
    {
        var queue = await answers.QueueAsync(http.User.AccountId(), ct);
        return TypedResults.Ok<IReadOnlyList<MyQuestionBody>>([.. queue.Select(MyQuestionBody.From)]);
    }

    private static async Task<Results<Ok<MyQuestionBody>, ProblemHttpResult>> GetAsync(long id, Answers answers, HttpContext http, CancellationToken ct) =>
        await answers.FindAsync(id, http.User.AccountId(), ct) is { } q ? TypedResults.Ok(MyQuestionBody.From(q)) : Problems.NoQuestion(id);

    private static async Task<Results<Ok<MyQuestionBody>, ProblemHttpResult>> UpdateAnswerAsync(long id, AnswerInput body, Answers answers, AuditLog audit, HttpContext http, CancellationToken ct)
    {
        var (me, actor) = Caller(http);
        if (await answers.FindAsync(id, me, ct) is null)
        {
            return Problems.NoQuestion(id);
        }

        var (draft, errors) = body.ToDraft();
        if (draft is null)
        {
            return Problems.Fields(errors);
        }

        return await ActAsync(id, "save", "answer", () => answers.SaveAsync(id, me, draft, actor, ct), answers, audit, me, actor, ct)
            ?? await CurrentAsync(id, answers, me, ct);
    }

    private static async Task<Results<Ok<MyQuestionBody>, ProblemHttpResult>> SubmitAsync(long id, Answers answers, AuditLog audit, HttpContext http, CancellationToken ct)
    {
        var (me, actor) = Caller(http);
        if (await answers.FindAsync(id, me, ct) is not { } queued)
        {
            return Problems.NoQuestion(id);
        }

        var q = queued.Question;
        if (!Editable(q.Status))
        {
            return Problems.Conflict($"question {q.Number} is already {q.Status}; only a question being answered (assigned, drafting or returned) can be submitted");
        }

        // The saved draft, as the answer page would post it back.
        var kind = q.AnswerKind ?? "answer";
        var exemption = q.Exemption is null ? null : JsonSerializer.Deserialize<ProposedExemption>(q.Exemption, JsonSerializerOptions.Web);
        var draft = new AnswerDraft(q.Answer, kind, exemption);
        return await ActAsync(id, "submit", kind == "exempt" ? "exemption" : "answer", () => answers.SubmitAsync(id, me, draft, actor, ct), answers, audit, me, actor, ct)
            ?? await CurrentAsync(id, answers, me, ct);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> HandBackAsync(long id, ReasonInput body, Answers answers, QuestionWork work, AuditLog audit, HttpContext http, CancellationToken ct)
    {
        var (me, actor) = Caller(http);
        if (await answers.FindAsync(id, me, ct) is null)
        {
            return Problems.NoQuestion(id);
        }

        return await ActAsync(id, "handback", "reason", () => work.HandBackAsync(id, me, body.Reason ?? "", actor, ct), answers, audit, me, actor, ct) is { } problem
            ? problem
            : TypedResults.NoContent();
    }

    private static (long AccountId, string Actor) Caller(HttpContext http) => (http.User.AccountId(), http.User.Identity?.Name ?? "unknown");

    /// <summary>The states in which a commissioner may still change their answer (as on the answer page).</summary>
    private static bool Editable(string status) => QuestionStatuses.IsWithCommissioner(status);

    private static async Task<Results<Ok<MyQuestionBody>, ProblemHttpResult>> CurrentAsync(long id, Answers answers, long me, CancellationToken ct) =>
        await answers.FindAsync(id, me, ct) is { } now ? TypedResults.Ok(MyQuestionBody.From(now)) : Problems.NoQuestion(id);

    /// <summary>
    /// Runs a commissioner's change; null when it was made. A refusal is told apart by
    /// the question's state afterwards: gone from the caller's list (404), no longer editable (409), or else the
    /// input (400 on the field the answer page would mark).
    /// </summary>
    private static async Task<ProblemHttpResult?> ActAsync(
        long id, string handler, string field, Func<Task> act, Answers answers, AuditLog audit, long me, string actor, CancellationToken ct)
    {
        try
        {
            await act();
        }
        catch (QuestionWorkException e)
        {
            return await answers.FindAsync(id, me, ct) switch
            {
                null => Problems.NoQuestion(id),
                { Question: var q } when !Editable(q.Status) => Problems.Conflict($"question {q.Number} is {q.Status}; it cannot be changed now"),
                _ => Problems.Field(field, e.Message),
            };
        }

        // The same audit action as the answer page ("question-" + its handler).
        await audit.RecordAsync(me, actor, "question-" + handler, $"question:{id}", new { via = "api" }, ct);
        return null;
    }
}
