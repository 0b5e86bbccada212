using FoiDesk.Retention;
using FoiDesk.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FoiDesk.Web.Api;

/// <summary>Retention (admin): what is due, the pending list, confirming it, holds. /api/v1/retention.</summary>
public static class RetentionApi
{
    public sealed record HoldInput(string? Reason, DateOnly? ExpiresOn);

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/retention/due", DueAsync).RequireAuthorization(Policies.Admin).WithName("RetentionDue")
            .WithSummary("Closed cases past their retention period, with what keeps any of them (hold, open review, open ICO complaint)");
        api.MapPost("/retention/runs", ListAsync).RequireAuthorization(Policies.Admin).WithName("ListRetentionRun")
            .WithSummary("List the cases due now as a run waiting for confirmation (what the weekly job does)");
        api.MapGet("/retention/runs/{id:long}", GetRunAsync).RequireAuthorization(Policies.Admin).WithName("GetRetentionRun")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/retention/runs/{id:long}/confirm", ConfirmAsync).RequireAuthorization(Policies.Admin).WithName("ConfirmRetentionRun")
            .WithSummary("Delete the listed cases' personal data; the run becomes the deletion certificate")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/cases/{reference}/holds", HoldAsync).RequireAuthorization(Policies.Admin).WithName("PlaceRetentionHold")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Ok<IReadOnlyList<CaseDueForDeletion>>> DueAsync(RetentionSchedule schedule, TimeProvider time, CancellationToken ct) =>
        TypedResults.Ok(await schedule.DueAsync(LondonTime.DateOf(time.GetUtcNow()), ct));

    private static async Task<Results<Ok<RetentionRun>, NoContent>> ListAsync(RetentionRuns runs, CancellationToken ct) =>
        await runs.ListAsync(ct) is { } id && await runs.FindAsync(id, ct) is { } run ? TypedResults.Ok(run) : TypedResults.NoContent();

    private static async Task<Results<Ok<RetentionRun>, ProblemHttpResult>> GetRunAsync(long id, RetentionRuns runs, CancellationToken ct) =>
        await runs.FindAsync(id, ct) is { } run ? TypedResults.Ok(run) : NoRun(id);

    private static async Task<Results<Ok<RetentionRun>, ProblemHttpResult>> ConfirmAsync(long id, RetentionRuns runs, HttpContext http, CancellationToken ct)
    {
        try
        {
            return TypedResults.Ok(await runs.ConfirmAsync(id, AccountClaims.AccountId(http.User), http.User.Identity!.Name!, ct));
        }
        catch (RetentionException e)
        {
            return e.Problem == RetentionProblem.NoRun ? NoRun(id) : Problems.Conflict(e.Message);
        }
    }

    private static async Task<Results<Created, ProblemHttpResult>> HoldAsync(string reference, HoldInput body, RetentionHolds holds, HttpContext http, CancellationToken ct)
    {
        if (body.ExpiresOn is null)
        {
            return Problems.Field("expiresOn", "expiresOn is required (YYYY-MM-DD)");
        }

        try
        {
            var id = await holds.PlaceAsync(reference, body.Reason ?? "", body.ExpiresOn.Value, AccountClaims.AccountId(http.User), http.User.Identity!.Name!, ct);
            return TypedResults.Created($"/api/v1/cases/{reference}/holds/{id}");
        }
        catch (RetentionException e)
        {
            return e.Problem == RetentionProblem.NoCase ? Problems.NoCase(reference) : Problems.Invalid(e.Message);
        }
    }

    private static ProblemHttpResult NoRun(long id) =>
        TypedResults.Problem(title: "No such retention run", detail: $"no retention run {id}", statusCode: StatusCodes.Status404NotFound);
}
