using FoiDesk.Accounts;
using FoiDesk.CostLimit;
using FoiDesk.Replies;
using FoiDesk.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FoiDesk.Web.Pages.CostLimit;

/// <summary>
/// A case's cost estimates added up against the appropriate limit (FOIA s.12; Fees Regulations 2004 regs 3-4).
/// Past the limit it proposes the refusal letter (s.12, or EIR reg 12(4)(b)) with the breakdown and the s.16
/// advice; the officer decides whether to send it. Aggregation candidates (reg 5) are listed for decision.
/// </summary>
[Authorize(Policy = Policies.Manager)]
public sealed class CaseCostLimitModel(CostEstimates estimates, Aggregation aggregation, CaseLetters letters, FoiDesk.Web.Jobs.JobStarter jobs) : PageModel
{
    [FromRoute]
    public string Reference { get; set; } = "";

    public CaseCost Cost { get; private set; } = null!;

    /// <summary>The proposed refusal, rendered from the case as it stands; null while within the limit.</summary>
    public RenderedLetter? Proposal { get; private set; }

    public IReadOnlyList<AggregationCandidate> Candidates { get; private set; } = [];

    public string? ErrorMessage { get; private set; }

    public string ErrorField { get; private set; } = "";

    public string? Done { get; private set; }

    public bool CanChange => User.IsInRole(Roles.IgOfficer);

    public async Task<IActionResult> OnGetAsync(string? done, CancellationToken ct)
    {
        Done = done;
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    /// <summary>A POST that names no action is a bad request.</summary>
    public IActionResult OnPost() => CanChange ? BadRequest("name the action (handler) to perform") : Forbid();

    /// <summary>Queues the proposed refusal. The legal checks and the safety gate run as for every letter.</summary>
    public async Task<IActionResult> OnPostSendAsync(CancellationToken ct)
    {
        if (!CanChange)
        {
            return Forbid();
        }

        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        if (!Cost.OverLimit)
        {
            return await ProblemAsync("send", "The estimate is within the limit: there is no cost limit refusal to send", ct);
        }

        try
        {
            await letters.QueueAuditedAsync(Cost.Reference, LetterIds.CostLimit, User.ApprovalActor(), User.FindFirst("display_name")?.Value,
                new { letter = LetterIds.CostLimit, hours = Cost.TotalHours, limit = Cost.LimitHours }, ct);
        }
        catch (Exception e) when (e is LetterNotReadyException or SafetyGateBlockedException or InvalidOperationException)
        {
            return await ProblemAsync("send", e.Message, ct);
        }

        jobs.StartNow(FoiDesk.Web.Jobs.JobTable.Outbox);
        return Redirect($"/cases/{Uri.EscapeDataString(Cost.Reference)}/cost-limit?done=sent");
    }

    /// <summary>The officer's decision on one aggregation candidate (Fees Regulations reg 5), with the reason.</summary>
    public async Task<IActionResult> OnPostAggregateAsync(string? other, string? decision, string? reason, CancellationToken ct)
    {
        if (!CanChange)
        {
            return Forbid();
        }

        try
        {
            await aggregation.DecideAsync(Reference, other ?? "", decision == "aggregate", reason ?? "", new FoiDesk.Approval.Actor(User.AccountId(), User.Actor()), "web", ct);
        }
        catch (CostLimitException e) when (e.Problem != CostLimitProblem.NoCase)
        {
            return await ProblemAsync("reason-" + other, e.Message, ct);
        }
        catch (CostLimitException)
        {
            return NotFound();
        }

        return Redirect($"/cases/{Uri.EscapeDataString(Reference)}/cost-limit?done=decided#aggregation");
    }

    private async Task<IActionResult> ProblemAsync(string field, string message, CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        ErrorMessage = message;
        ErrorField = field;
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        Reference = Reference.Trim().ToUpperInvariant();
        if (await estimates.ForCaseAsync(Reference, ct) is not { } cost)
        {
            return false;
        }

        Cost = cost;
        if (cost.OverLimit)
        {
            Proposal = await letters.RenderAsync(cost.Reference, LetterIds.CostLimit, User.FindFirst("display_name")?.Value, ct);
        }

        Candidates = CanChange ? await aggregation.CandidatesAsync(cost.Reference, ct) : [];
        return true;
    }
}
