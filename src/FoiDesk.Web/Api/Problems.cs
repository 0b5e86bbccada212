using FoiDesk.Cases;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FoiDesk.Web.Api;

/// <summary>The API's RFC 9457 problems (application/problem+json).</summary>
public static class Problems
{
    public static ProblemHttpResult NoCase(string reference) =>
        TypedResults.Problem(title: "No such case", detail: $"no case {reference}", statusCode: StatusCodes.Status404NotFound);

    /// <summary>
    /// Not found, whether the question does not exist or belongs to another team: a commissioner learns nothing
    /// of questions that are not theirs (the answer pages answer 404 alike).
    /// </summary>
    public static ProblemHttpResult NoQuestion(long id) =>
        TypedResults.Problem(title: "No such question", detail: $"no question {id} assigned to you or your teams", statusCode: StatusCodes.Status404NotFound);

    public static ProblemHttpResult NoMessage(long rawEmailId) =>
        TypedResults.Problem(title: "No such message", detail: $"no message {rawEmailId}", statusCode: StatusCodes.Status404NotFound);

    public static ProblemHttpResult Invalid(string detail) =>
        TypedResults.Problem(title: "The request is not valid for this case", detail: detail, statusCode: StatusCodes.Status400BadRequest);

    /// <summary>400 with the fields at fault (HttpValidationProblemDetails: "errors" maps each field to its messages).</summary>
    public static ProblemHttpResult Fields(IDictionary<string, string[]> errors) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors)
        {
            Title = "One or more fields are not valid",
            Detail = string.Join("; ", errors.SelectMany(e => e.Value)),
            Status = StatusCodes.Status400BadRequest,
        });

    public static ProblemHttpResult Field(string field, string message) => Fields(new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [message] });

    /// <summary>409: the request is well formed but the thing is in the wrong state for it (already submitted, already resolved ...).</summary>
    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(title: "Not possible in the current state", detail: detail, statusCode: StatusCodes.Status409Conflict);

    /// <summary>A case command's refusal as HTTP: no such case or question 404, bad input 400 (with its field), wrong status 409.</summary>
    public static ProblemHttpResult From(CaseProblem problem, string reference) => problem.Kind switch
    {
        CaseProblemKind.NotFound when problem.Field == "reference" => NoCase(reference),
        CaseProblemKind.NotFound => TypedResults.Problem(title: "No such question", detail: problem.Message, statusCode: StatusCodes.Status404NotFound),
        CaseProblemKind.Invalid when problem.Field.Length > 0 => Field(problem.Field, problem.Message),
        CaseProblemKind.Invalid => Invalid(problem.Message),
        _ => Conflict(problem.Message),
    };
}
