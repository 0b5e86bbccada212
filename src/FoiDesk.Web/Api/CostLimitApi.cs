using FoiDesk.Approval;
using FoiDesk.Cases;
using FoiDesk.CostLimit;
using FoiDesk.Replies;
using FoiDesk.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FoiDesk.Web.Api;

/// <summary>
/// The cost limit (FOIA s.12; EIR reg 12(4)(b)): a commissioner's estimate per question, the case's total against
/// the appropriate limit with the proposed refusal, and aggregation candidates (Fees Regulations reg 5) with the
/// officer's decision. The same services as the pages.
/// </summary>
public static class CostLimitApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var mine = api.MapGroup("/my-questions").RequireAuthorization(Policies.Commissioner).WithTags("Cost limit");
        mine.MapGet("/{id:long}/cost-estimate", GetEstimateAsync).WithName("GetCostEstimate")
            .WithSummary("The cost estimate recorded for one of my questions").ProducesProblem(StatusCodes.Status404NotFound);
        mine.MapPut("/{id:long}/cost-estimate", PutEstimateAsync).WithName("PutCostEstimate")
            .WithSummary("Record the cost estimate for one of my questions")
            .WithDescription("Hours for each activity the Fees Regulations 2004 reg 4(3) count: determining whether held, locating, retrieving, extracting. A missing activity is 0 hours.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

        var cases = api.MapGroup("/cases/{reference}").WithTags("Cost limit");
        cases.MapGet("/cost-limit", GetCaseAsync).RequireAuthorization(Policies.Manager).WithName("GetCostLimit")
            .WithSummary("The case's estimates against the appropriate limit, with the proposed refusal when over it")
            .ProducesProblem(StatusCodes.Status404NotFound);
        cases.MapGet("/aggregation-candidates", CandidatesAsync).RequireAuthorization(Policies.Officer).WithName("ListAggregationCandidates")
            .WithSummary("Requests that may be aggregated with this one (Fees Regulations reg 5)")
            .ProducesProblem(StatusCodes.Status404NotFound);
        cases.MapPost("/aggregation-decisions", DecideAsync).RequireAuthorization(Policies.Officer).WithName("DecideAggregation")
            .WithSummary("Record whether a candidate is aggregated with this request, and why")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Results<Ok<CostEstimateBody>, ProblemHttpResult>> GetEstimateAsync(long id, Answers answers, CostEstimates estimates, HttpContext http, CancellationToken ct)
    {
        if (await answers.FindAsync(id, http.User.AccountId(), ct) is null)
        {
            return Problems.NoQuestion(id);
        }

        return await estimates.ForQuestionAsync(id, ct) is { } e
            ? TypedResults.Ok(CostEstimateBody.From(e))
            : TypedResults.Problem(title: "No estimate", detail: $"no cost estimate has been recorded for question {id}", statusCode: StatusCodes.Status404NotFound);
    }

    private static async Task<Results<Ok<CostEstimateBody>, ProblemHttpResult>> PutEstimateAsync(long id, CostEstimateBody body, Answers answers, CostEstimates estimates, HttpContext http, CancellationToken ct)
    {
        if (await answers.FindAsync(id, http.User.AccountId(), ct) is null)
        {
            return Problems.NoQuestion(id);
        }

        var estimate = new CostEstimate(body.Determining ?? 0, body.Locating ?? 0, body.Retrieving ?? 0, body.Extracting ?? 0, body.Basis ?? "");
        try
        {
            await estimates.SaveAsync(id, estimate, new Actor(http.User.AccountId(), http.User.Identity!.Name!), "api", ct);
        }
        catch (CostLimitException e) when (e.Problem == CostLimitProblem.BadFigures)
        {
            return Problems.Field("hours", e.Message);
        }

        return TypedResults.Ok(CostEstimateBody.From(estimate));
    }

    private static async Task<Results<Ok<CaseCostBody>, ProblemHttpResult>> GetCaseAsync(string reference, CostEstimates estimates, CaseLetters letters, HttpContext http, CancellationToken ct)
    {
        reference = reference.Trim().ToUpperInvariant();
        if (await estimates.ForCaseAsync(reference, ct) is not { } cost)
        {
            return Problems.NoCase(reference);
        }

        CostLimitProposal? proposal = null;
        if (cost.OverLimit)
        {
            var letter = await letters.RenderAsync(reference, LetterIds.CostLimit, http.User.FindFirst("display_name")?.Value, ct);
            proposal = new CostLimitProposal(LetterIds.CostLimit, letter.Subject, letter.Text, letter.CanSend,
                [.. letter.MissingFields.Select(f => $"missing {f}"), .. letter.Problems.Select(p => p.Detail)]);
        }

        return TypedResults.Ok(CaseCostBody.From(cost, proposal));
    }

    private static async Task<Results<Ok<IReadOnlyList<AggregationCandidateBody>>, ProblemHttpResult>> CandidatesAsync(string reference, CaseStore cases, Aggregation aggregation, CancellationToken ct)
    {
        reference = reference.Trim().ToUpperInvariant();
        if (await cases.FindAsync(reference, ct) is null)
        {
            return Problems.NoCase(reference);
        }

        var candidates = await aggregation.CandidatesAsync(reference, ct);
        return TypedResults.Ok<IReadOnlyList<AggregationCandidateBody>>([.. candidates.Select(c =>
            new AggregationCandidateBody(c.Reference, c.ReceivedAt, c.SameRequester, c.Similarity, c.Why, DecisionBody.From(c.Decision)))]);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DecideAsync(string reference, FlagDecisionInput body, Aggregation aggregation, HttpContext http, CancellationToken ct)
    {
        if (body.Other is null || body.Yes is null)
        {
            return Problems.Field(body.Other is null ? "other" : "yes", "other (the other case's reference) and yes (aggregate or not) are required");
        }

        try
        {
            await aggregation.DecideAsync(reference, body.Other, body.Yes.Value, body.Reason ?? "", new Actor(http.User.AccountId(), http.User.Identity!.Name!), "api", ct);
        }
        catch (CostLimitException e) when (e.Problem == CostLimitProblem.NoCase)
        {
            return Problems.NoCase(reference);
        }
        catch (CostLimitException e)
        {
            return Problems.Field(string.IsNullOrWhiteSpace(body.Reason) ? "reason" : "other", e.Message);
        }

        return TypedResults.NoContent();
    }
}
