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
}
