using FoiDesk.Audit;
using FoiDesk.Intake;
using FoiDesk.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FoiDesk.Web.Pages.Triage;

/// <summary>
/// One held or failed message: why it is in the holding pen, its text, and an officer's decision on it (attach
/// it to a case, open a case from it, or read a failed one again). The decisions are <see cref="HoldingPen"/>'s,
/// which records them on the timeline and in the audit log as the API's do.
/// </summary>
[Authorize(Policy = Policies.Officer)]
public sealed class HeldModel(HoldingPen pen, AuditLog audit) : PageModel
{
    public const string ReferenceField = "reference";
    public const string DecisionField = "decision";

    public HeldMessageDetail Message { get; private set; } = null!;

    /// <summary>What the officer typed, shown back with the error.</summary>
    public string? Reference { get; private set; }

    public string? ErrorMessage { get; private set; }

    public string ErrorField { get; private set; } = "";

    /// <summary>Set after a re-read left the message in the pen ("held"), from the redirect's query.</summary>
    [BindProperty(SupportsGet = true, Name = "done")]
    public string? Done { get; set; }

    public async Task<IActionResult> OnGetAsync(long rawId, CancellationToken ct) =>
        await LoadAsync(rawId, ct) ? Page() : NotFound();

    /// <summary>A POST that names no decision.</summary>
    public IActionResult OnPost() => BadRequest("name the action (handler) to perform");

    public async Task<IActionResult> OnPostAttachAsync(long rawId, string? reference, CancellationToken ct)
    {
        Reference = reference;
        return string.IsNullOrWhiteSpace(reference)
            ? await ShowErrorAsync(rawId, ReferenceField, "Enter the reference of the case this message belongs to", ct)
            : await DecideAsync(rawId, async by => CaseRedirect(await pen.AttachToCaseAsync(rawId, reference, by, ct), "attached"), ct);
    }

    public Task<IActionResult> OnPostOpenAsync(long rawId, CancellationToken ct) =>
        DecideAsync(rawId, async by => CaseRedirect(await pen.OpenCaseAsync(rawId, by, ct), "opened"), ct);

    public Task<IActionResult> OnPostReprocessAsync(long rawId, CancellationToken ct) =>
        DecideAsync(rawId, async by =>
        {
            var outcome = await pen.ReprocessAsync(rawId, by, ct);
            return outcome switch
            {
                { Route: IntakeRoute.Failed } => await ShowErrorAsync(rawId, DecisionField, $"The message still cannot be read: {outcome.Reason}", ct),
                { CaseReference: { } reference } => CaseRedirect(reference, "reprocessed"),
                { Route: IntakeRoute.Held } => Redirect($"/triage/held/{rawId}?done=held"),

                // An auto-reply or a bounce: nothing for an officer to do, and it has left the queue.
                _ => Redirect("/triage"),
            };
        }, ct);

    private RedirectResult CaseRedirect(string reference, string done) => Redirect($"/cases/{Uri.EscapeDataString(reference)}?done={done}");

    /// <summary>Carries out a decision; when it cannot be, shows the message again with the reason in an error summary.</summary>
    private async Task<IActionResult> DecideAsync(long rawId, Func<PenDecider, Task<IActionResult>> decide, CancellationToken ct)
    {
        try
        {
            return await decide(new PenDecider(User.Actor(), User.AccountId(), "web"));
        }
        catch (HoldingPenException e) when (e.Problem != HoldingPenProblem.NoMessage)
        {
            return e.Problem switch
            {
                HoldingPenProblem.NoCase => await ShowErrorAsync(rawId, ReferenceField, $"There is no case {Reference?.Trim().ToUpperInvariant()}: check the reference", ct),
                HoldingPenProblem.NotHeld => await ShowErrorAsync(rawId, "resolution", "This message is no longer in the holding pen: it has already been dealt with", ct),
                _ => await ShowErrorAsync(rawId, DecisionField, e.Message, ct),
            };
        }
        catch (HoldingPenException)
        {
            return NotFound();
        }
    }

    private async Task<IActionResult> ShowErrorAsync(long rawId, string field, string message, CancellationToken ct)
    {
        (ErrorMessage, ErrorField) = (message, field);
        return await LoadAsync(rawId, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(long rawId, CancellationToken ct)
    {
        if (await pen.FindAsync(rawId, ct) is not { } message)
        {
            return false;
        }

        Message = message;

        // The page shows a stranger's address and words: every view is recorded, as the raw download's is.
        await audit.RecordAsync(User.AccountId(), User.Actor(), "held-mail-viewed", $"raw:{rawId}", null, ct);
        return true;
    }
}
