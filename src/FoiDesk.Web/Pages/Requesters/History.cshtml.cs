using FoiDesk.Approval;
using FoiDesk.Requesters;
using FoiDesk.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FoiDesk.Web.Pages.Requesters;

/// <summary>A case's requester history and repeated-request flags on a page of its own; IG officers only, each view audited.</summary>
[Authorize(Policy = Policies.Officer)]
public sealed class HistoryModel(RequesterHistory history, RepeatRequests repeats) : PageModel
{
    [FromRoute]
    public string Reference { get; set; } = "";

    public RequesterHistoryView View { get; private set; } = null!;

    public string? ErrorMessage { get; private set; }

    public string ErrorField { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    /// <summary>A POST that names no action is a bad request.</summary>
    public IActionResult OnPost() => BadRequest("name the action (handler) to perform");

    /// <summary>The officer's decision on a repeated-request flag (FOIA s.14(2)), with the reason.</summary>
    public async Task<IActionResult> OnPostRepeatAsync(string? earlier, string? decision, string? reason, CancellationToken ct)
    {
        try
        {
            await repeats.DecideAsync(Reference, earlier ?? "", decision == "repeated", reason ?? "", new Actor(User.AccountId(), User.Actor()), "web", ct);
        }
        catch (RequesterException e) when (e.Problem == RequesterProblem.NoCase)
        {
            return NotFound();
        }
        catch (RequesterException e)
        {
            ErrorMessage = e.Message;
            ErrorField = "repeat-reason-" + earlier?.Trim().ToUpperInvariant();
            return await LoadAsync(ct) ? Page() : NotFound();
        }

        return Redirect($"/cases/{Uri.EscapeDataString(Reference.Trim().ToUpperInvariant())}#requester-history");
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        Reference = Reference.Trim().ToUpperInvariant();
        if (await RequesterHistoryViewComponent.LoadAsync(history, repeats, Reference, new Actor(User.AccountId(), User.Actor()), "web", ct) is not { } view)
        {
            return false;
        }

        View = view;
        return true;
    }
}
