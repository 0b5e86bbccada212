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
        string reference, ClassificationInput body, CaseStore cases, FoiDesk.Cases.Triage triage, IntakeProcessor intake, CaseLetters letters, AuditLog audit, HttpContext http, CancellationToken ct)
    {
        if (await cases.FindAsync(reference, ct) is not { } c)
        {
            return Problems.NoCase(reference);
        }

        if (string.IsNullOrWhiteSpace(body.Classification))
        {
            return Problems.Field("classification", $"classification is required: one of {string.Join(", ", Classifications.All)}");
        }

        var (accountId, actor) = (http.User.AccountId(), http.User.Identity?.Name ?? "unknown");
        try
        {
            await triage.ConfirmAsync(c, body.Classification, intake.RegimeFor(body.Classification), actor, ct);
        }
        catch (TriageException e)
        {
            return Problems.Field("classification", $"{e.Message}; use one of {string.Join(", ", Classifications.All)}");
        }

        await audit.RecordAsync(accountId, actor, "case-changed", c.Reference, new { handler = "confirm", via = "api" }, ct);
        long? acknowledgement;
        try
        {
            // Confirming a request acknowledges it (once): the letter goes to the outbox, as from the case page.
            acknowledgement = await letters.QueueAcknowledgementOnceAsync(c.Reference, actor, http.User.FindFirst(AccountClaims.DisplayName)?.Value, ct);
        }
        catch (Exception e) when (e is LetterNotReadyException or SafetyGateBlockedException)
        {
            return Problems.Conflict($"the classification is confirmed, but the acknowledgement could not be queued: {e.Message}");
        }

        return TypedResults.Ok(new ClassificationResult
        {
            Case = CaseSummary.From((await cases.FindAsync(c.Reference, ct))!),
            AcknowledgementMessageId = acknowledgement,
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
