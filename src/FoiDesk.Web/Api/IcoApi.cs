using FoiDesk.Ico;
using FoiDesk.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FoiDesk.Web.Api;

/// <summary>ICO complaints on a case and the evidence bundle: /api/v1/cases/{reference}/ico-complaints, /bundle.</summary>
public static class IcoApi
{
    public sealed record IcoComplaintInput(string? IcoReference, DateOnly? ReceivedOn, DateOnly? ResponseDueOn);

    public sealed record IcoOutcomeInput(string? Outcome, DateOnly? DecidedOn, DateOnly? ComplianceDueOn);

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/cases/{reference}/ico-complaints", ListAsync).RequireAuthorization(Policies.Manager).WithName("ListIcoComplaints");
        api.MapPost("/cases/{reference}/ico-complaints", RecordAsync).RequireAuthorization(Policies.Officer).WithName("RecordIcoComplaint")
            .WithSummary("Record a complaint to the ICO (FOIA s.50) with the ICO's reference and its deadline for our submissions")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/ico-complaints/{id:long}/outcome", DecideAsync).RequireAuthorization(Policies.Officer).WithName("RecordIcoOutcome")
            .WithDescription($"outcome is one of {string.Join(", ", IcoOutcomes.All)}")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/cases/{reference}/bundle", BundleAsync).RequireAuthorization(Policies.Manager).WithName("GetEvidenceBundle")
            .WithSummary("The evidence bundle for the ICO as a ZIP (index, chronology, correspondence, internal review, exemptions, audit extract)")
            .Produces(StatusCodes.Status200OK, contentType: "application/zip").ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Ok<IReadOnlyList<IcoComplaint>>> ListAsync(string reference, IcoComplaints complaints, CancellationToken ct) =>
        TypedResults.Ok(await complaints.ForCaseAsync(reference, ct));

    private static async Task<Results<Created, ProblemHttpResult>> RecordAsync(string reference, IcoComplaintInput body, IcoComplaints complaints, HttpContext http, CancellationToken ct)
    {
        if (body.ReceivedOn is null || body.ResponseDueOn is null)
        {
            return Problems.Field(body.ReceivedOn is null ? "receivedOn" : "responseDueOn", "receivedOn and responseDueOn are required (YYYY-MM-DD)");
        }

        try
        {
            var id = await complaints.RecordAsync(reference, body.IcoReference ?? "", body.ReceivedOn.Value, body.ResponseDueOn.Value, AccountClaims.AccountId(http.User), http.User.Identity!.Name!, ct);
            return TypedResults.Created($"/api/v1/cases/{reference}/ico-complaints/{id}");
        }
        catch (IcoException e)
        {
            return e.Problem == IcoProblem.NoCase ? Problems.NoCase(reference) : Problems.Invalid(e.Message);
        }
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DecideAsync(long id, IcoOutcomeInput body, IcoComplaints complaints, HttpContext http, CancellationToken ct)
    {
        if (body.DecidedOn is null)
        {
            return Problems.Field("decidedOn", "decidedOn is required (YYYY-MM-DD)");
        }

        try
        {
            await complaints.DecideAsync(id, body.Outcome ?? "", body.DecidedOn.Value, body.ComplianceDueOn, AccountClaims.AccountId(http.User), http.User.Identity!.Name!, ct);
            return TypedResults.NoContent();
        }
        catch (IcoException e)
        {
            return e.Problem == IcoProblem.NoComplaint
                ? TypedResults.Problem(title: "No such ICO complaint", detail: e.Message, statusCode: StatusCodes.Status404NotFound)
                : Problems.Invalid(e.Message);
        }
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> BundleAsync(string reference, EvidenceBundle bundle, HttpContext http, CancellationToken ct)
    {
        try
        {
            return await bundle.FilesAsync(reference, AccountClaims.AccountId(http.User), http.User.Identity!.Name!, ct) is { } files
                ? TypedResults.File(EvidenceBundle.Zip(files), "application/zip", $"{reference.Trim().ToUpperInvariant()}-evidence-bundle.zip")
                : Problems.NoCase(reference);
        }
        catch (IcoException e)
        {
            return Problems.Conflict(e.Message);
        }
    }
}
