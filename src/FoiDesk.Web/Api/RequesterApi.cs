using FoiDesk.Approval;
using FoiDesk.Requesters;
using FoiDesk.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FoiDesk.Web.Api;

/// <summary>
/// A requester's other cases and the repeated-request flags (FOIA s.14(2)). IG officers only (never commissioners:
/// docs/security.md M1); each read is audited, as on the case page.
/// </summary>
public static class RequesterApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var cases = api.MapGroup("/cases/{reference}").RequireAuthorization(Policies.Officer).WithTags("Requester history");
        cases.MapGet("/requester-history", GetAsync).WithName("GetRequesterHistory")
            .WithSummary("The requester's other cases, and possible repeated requests")
            .WithDescription("Same email address, same WhatDoTheyKnow user, or same name and postcode. Each read is audited.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        cases.MapPost("/repeat-decisions", DecideAsync).WithName("DecideRepeatRequest")
            .WithSummary("Record whether a flagged request is a repeat of the earlier one (s.14(2)), and why")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Results<Ok<RequesterHistoryBody>, ProblemHttpResult>> GetAsync(string reference, RequesterHistory history, RepeatRequests repeats, HttpContext http, CancellationToken ct)
    {
        reference = reference.Trim().ToUpperInvariant();
        if (await history.ViewAsync(reference, new Actor(http.User.AccountId(), http.User.Identity!.Name!), "api", ct) is not { } others)
        {
            return Problems.NoCase(reference);
        }

        var flags = await repeats.FlagsAsync(reference, ct) ?? [];
        return TypedResults.Ok(new RequesterHistoryBody(reference,
            [.. others.Select(o => new RequesterCaseBody(o.Reference, o.Subject, o.ReceivedAt, o.Status, o.Outcome, o.RespondedOn, [.. o.Matches.Select(m => m.ToString())]))],
            [.. flags.Select(f => new RepeatFlagBody(f.EarlierReference, f.RespondedOn, f.IntervalEndsOn, f.Similarity, f.Identical, DecisionBody.From(f.Decision)))]));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DecideAsync(string reference, FlagDecisionInput body, RepeatRequests repeats, HttpContext http, CancellationToken ct)
    {
        if (body.Other is null || body.Yes is null)
        {
            return Problems.Field(body.Other is null ? "other" : "yes", "other (the earlier case's reference) and yes (a repeat or not) are required");
        }

        try
        {
            await repeats.DecideAsync(reference, body.Other, body.Yes.Value, body.Reason ?? "", new Actor(http.User.AccountId(), http.User.Identity!.Name!), "api", ct);
        }
        catch (RequesterException e) when (e.Problem == RequesterProblem.NoCase)
        {
            return Problems.NoCase(reference);
        }
        catch (RequesterException e)
        {
            return Problems.Field(string.IsNullOrWhiteSpace(body.Reason) ? "reason" : "other", e.Message);
        }

        return TypedResults.NoContent();
    }
}
