using FoiDesk.Retention;
using FoiDesk.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FoiDesk.Web.Pages.Retention;

/// <summary>Admin: the retention schedule, holds, the list waiting for confirmation and past certificates.</summary>
[Authorize(Policy = Policies.Admin)]
public sealed class IndexModel(RetentionSchedule schedule, RetentionHolds holds, RetentionRuns runs, TimeProvider time) : PageModel
{
    public IReadOnlyList<RetentionRule> Rules { get; private set; } = [];
    public IReadOnlyList<CaseDueForDeletion> Blocked { get; private set; } = [];
    public IReadOnlyList<RetentionHold> Holds { get; private set; } = [];
    public RetentionRun? Pending { get; private set; }
    public IReadOnlyList<RetentionRun> Recent { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public Task<IActionResult> OnPostRuleAsync(string? regime, string? outcome, int years, int yearsIfIco, CancellationToken ct) =>
        DoAsync(() => schedule.SaveRuleAsync(regime, outcome, years, yearsIfIco, User.AccountId(), User.Actor(), ct), "Rule saved.", ct);

    public Task<IActionResult> OnPostRemoveRuleAsync(long id, CancellationToken ct) =>
        DoAsync(() => schedule.RemoveRuleAsync(id, User.AccountId(), User.Actor(), ct), "Rule removed.", ct);

    public Task<IActionResult> OnPostHoldAsync(string? reference, string? reason, DateOnly? expiresOn, CancellationToken ct) =>
        DoAsync(async () =>
        {
            if (string.IsNullOrWhiteSpace(reference) || expiresOn is null)
            {
                throw new RetentionException(RetentionProblem.Invalid, "enter the case reference, a reason and an expiry date");
            }

            await holds.PlaceAsync(reference, reason ?? "", expiresOn.Value, User.AccountId(), User.Actor(), ct);
        }, $"Hold placed on {reference?.Trim().ToUpperInvariant()}.", ct);

    public Task<IActionResult> OnPostReleaseAsync(long id, CancellationToken ct) =>
        DoAsync(() => holds.ReleaseAsync(id, User.AccountId(), User.Actor(), ct), "Hold released.", ct);

    public Task<IActionResult> OnPostListAsync(CancellationToken ct) =>
        DoAsync(() => runs.ListAsync(ct), "The list of cases due for deletion was made now.", ct);

    public async Task<IActionResult> OnPostConfirmAsync(long runId, CancellationToken ct)
    {
        try
        {
            await runs.ConfirmAsync(runId, User.AccountId(), User.Actor(), ct);
            return Redirect($"/admin/retention/certificates/{runId}");
        }
        catch (RetentionException e)
        {
            Error = e.Message;
            await LoadAsync(ct);
            return Page();
        }
    }

    private async Task<IActionResult> DoAsync(Func<Task> action, string done, CancellationToken ct)
    {
        try
        {
            await action();
            Message = done;
            return Redirect("/admin/retention");
        }
        catch (RetentionException e)
        {
            // Bad input: say what is wrong and change nothing.
            Error = e.Message;
            await LoadAsync(ct);
            return Page();
        }
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Rules = await schedule.RulesAsync(ct);
        Blocked = [.. (await schedule.DueAsync(LondonTime.DateOf(time.GetUtcNow()), ct)).Where(d => d.Blocked is not null)];
        Holds = await holds.ActiveAsync(ct);
        Pending = await runs.PendingAsync(ct);
        Recent = [.. (await runs.RecentAsync(20, ct)).Where(r => r.Status == "deleted")];
    }
}
