using Microsoft.AspNetCore.Http.HttpResults;

namespace FoiDesk.Web.Api;

/// <summary>The API's RFC 9457 problems (application/problem+json).</summary>
public static class Problems
{
    public static ProblemHttpResult NoCase(string reference) =>
        TypedResults.Problem(title: "No such case", detail: $"no case {reference}", statusCode: StatusCodes.Status404NotFound);

    public static ProblemHttpResult Invalid(string detail) =>
        TypedResults.Problem(title: "The request is not valid for this case", detail: detail, statusCode: StatusCodes.Status400BadRequest);
}
