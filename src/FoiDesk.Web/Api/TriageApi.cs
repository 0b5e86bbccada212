using FoiDesk.Audit;
using FoiDesk.Cases;
using FoiDesk.Intake;
using FoiDesk.Replies;
using FoiDesk.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FoiDesk.Web.Api;

/// <summary>
/// An information governance officer's triage: confirm what a case is (as the case page's Confirm does, which
/// also queues the acknowledgement) and decide on mail in the holding pen (<see cref="HoldingPen"/>).
/// </summary>
public static class TriageApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/cases/{reference}/classification", ConfirmAsync).RequireAuthorization(Policies.Officer).WithTags("Triage").WithName("ConfirmClassification")
            .WithSummary("Confirm or change what a case is")
            .WithDescription($"classification is one of {string.Join(", ", Classifications.All)}; the regime (and so the statutory clock) follows from it. A request that opens is acknowledged once: the acknowledgement goes to the outbox. not-foi and duplicate close the case.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        var pen = api.MapGroup("/holding-pen").RequireAuthorization(Policies.Officer).WithTags("Triage");
        pen.MapGet("", ListAsync).WithName("ListHeldMessages")
            .WithSummary("Mail that matched no case (held) or could not be parsed (failed), with the reason");
        pen.MapPost("/{rawId:long}/attach", AttachAsync).WithName("AttachHeldMessage")
            .WithSummary("Attach a held message to a case as correspondence on it")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        pen.MapPost("/{rawId:long}/open-case", OpenCaseAsync).WithName("OpenCaseFromHeldMessage")
            .WithSummary("Open a new case from a held message")
            .WithDescription("The case is received when the message arrived, not when it was opened.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<Results<Ok<ClassificationResult>, ProblemHttpResult>> ConfirmAsync(
        string reference, ClassificationInput body, CaseStore cases, CaseWorkflow workflow, IntakeProcessor intake, HttpContext http, CancellationToken ct)
    {
        // The same command as the case page's Confirm: classification, timeline, audit and acknowledgement in one transaction.
        var classification = body.Classification ?? "";
        var result = await workflow.ConfirmTriageAsync(reference, classification, intake.RegimeFor(classification), http.User.ActorVia("api"), http.User.FindFirst(AccountClaims.DisplayName)?.Value, ct);
        switch (result)
        {
            case { Problem: { Kind: CaseProblemKind.Invalid } invalid }:
                return Problems.Field("classification", $"{invalid.Message}: use one of {string.Join(", ", Classifications.All)}");
            case { Problem: { } problem }:
                return Problems.From(problem, reference);
            case { Warning: { } warning }:
                return Problems.Conflict($"the classification is confirmed, but the acknowledgement could not be queued: {warning.Message}");
        }

        return TypedResults.Ok(new ClassificationResult
        {
            Case = CaseSummary.From((await cases.FindAsync(reference, ct))!),
            AcknowledgementMessageId = result.OutboxId,
        });
    }

    private static async Task<Ok<IReadOnlyList<HeldMessageBody>>> ListAsync(HoldingPen pen, AuditLog audit, HttpContext http, CancellationToken ct)
    {
        var held = (await pen.ListAsync(ct)).Select(HeldMessageBody.From).ToList();
        // Held mail shows senders' names and addresses: a view of personal data, audited (security review, Low).
        await audit.RecordAsync(http.User.AccountId(), http.User.Identity?.Name ?? "unknown", "holding-pen-viewed", null, new { via = "api", count = held.Count }, ct);
        return TypedResults.Ok<IReadOnlyList<HeldMessageBody>>(held);
    }

    private static async Task<Results<Ok<PenDecision>, ProblemHttpResult>> AttachAsync(long rawId, AttachInput body, HoldingPen pen, HttpContext http, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(body.Reference))
        {
            return await pen.FindAsync(rawId, ct) is null
                ? Problems.NoMessage(rawId)
                : Problems.Field("reference", "reference is required: the case the message belongs to");
        }

        try
        {
            var reference = await pen.AttachToCaseAsync(rawId, body.Reference, Decider(http), ct);
            return TypedResults.Ok(new PenDecision { RawEmailId = rawId, Reference = reference, Route = "follow-up" });
        }
        catch (HoldingPenException e)
        {
            return Problem(rawId, e);
        }
    }

    private static async Task<Results<Created<PenDecision>, ProblemHttpResult>> OpenCaseAsync(long rawId, HoldingPen pen, HttpContext http, CancellationToken ct)
    {
        try
        {
            var reference = await pen.OpenCaseAsync(rawId, Decider(http), ct);
            return TypedResults.Created($"/api/v1/cases/{Uri.EscapeDataString(reference)}", new PenDecision { RawEmailId = rawId, Reference = reference, Route = "request" });
        }
        catch (HoldingPenException e)
        {
            return Problem(rawId, e);
        }
    }

    private static PenDecider Decider(HttpContext http) => new(http.User.Identity?.Name ?? "unknown", http.User.AccountId(), "api");

    private static ProblemHttpResult Problem(long rawId, HoldingPenException e) => e.Problem switch
    {
        HoldingPenProblem.NoMessage => Problems.NoMessage(rawId),
        HoldingPenProblem.NoCase => Problems.Field("reference", e.Message),
        _ => Problems.Conflict(e.Message),
    };
}
