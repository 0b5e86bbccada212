using FoiDesk.Cases;
using FoiDesk.Ico;
using FoiDesk.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FoiDesk.Web.Pages.Ico;

/// <summary>A case's ICO complaints: record one, its submissions, the outcome and any tribunal decision; download the evidence bundle.</summary>
[Authorize(Policy = Policies.Manager)]
public sealed class ComplaintsModel(CaseStore cases, IcoComplaints complaints) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Reference { get; set; } = "";

    public CaseRow Case { get; private set; } = null!;
    public IReadOnlyList<IcoComplaint> Complaints { get; private set; } = [];
    public string? Error { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    /// <summary>A post without a handler changes nothing: back to the page (officers only may post here).</summary>
    public IActionResult OnPost() => User.IsInRole(FoiDesk.Accounts.Roles.IgOfficer)
        ? Redirect($"/cases/{Uri.EscapeDataString(Reference.Trim().ToUpperInvariant())}/ico")
        : Forbid();

    public Task<IActionResult> OnPostRecordAsync(string? icoReference, DateOnly? receivedOn, DateOnly? responseDueOn, CancellationToken ct) =>
        DoAsync(() => receivedOn is null || responseDueOn is null
            ? throw new IcoException(IcoProblem.Invalid, "enter the date the ICO's letter was received and the ICO's deadline")
            : complaints.RecordAsync(Reference, icoReference ?? "", receivedOn.Value, responseDueOn.Value, User.AccountId(), User.Actor(), ct), "ICO complaint recorded.", ct);

    public Task<IActionResult> OnPostSubmittedAsync(long id, DateOnly? submittedOn, CancellationToken ct) =>
        DoAsync(() => submittedOn is null
            ? throw new IcoException(IcoProblem.Invalid, "enter the date the submissions were sent")
            : complaints.SubmittedAsync(id, submittedOn.Value, User.AccountId(), User.Actor(), ct), "Submissions recorded.", ct);

    public Task<IActionResult> OnPostDecideAsync(long id, string? outcome, DateOnly? decidedOn, DateOnly? complianceDueOn, CancellationToken ct) =>
        DoAsync(() => decidedOn is null
            ? throw new IcoException(IcoProblem.Invalid, "enter the date of the outcome")
            : complaints.DecideAsync(id, outcome ?? "", decidedOn.Value, complianceDueOn, User.AccountId(), User.Actor(), ct), "Outcome recorded.", ct);

    public Task<IActionResult> OnPostTribunalAsync(long id, DateOnly? decidedOn, CancellationToken ct) =>
        DoAsync(() => decidedOn is null
            ? throw new IcoException(IcoProblem.Invalid, "enter the date of the tribunal's decision")
            : complaints.TribunalDecidedAsync(id, decidedOn.Value, User.AccountId(), User.Actor(), ct), "Tribunal decision recorded.", ct);

    private async Task<IActionResult> DoAsync(Func<Task> action, string done, CancellationToken ct)
    {
        if (!User.IsInRole(FoiDesk.Accounts.Roles.IgOfficer))
        {
            return Forbid();
        }

        try
        {
            await action();
            Message = done;
            return Redirect($"/cases/{Uri.EscapeDataString(Reference.Trim().ToUpperInvariant())}/ico");
        }
        catch (IcoException e) when (e.Problem != IcoProblem.NoCase)
        {
            // Bad input: say what is wrong and change nothing.
            Error = e.Message;
            return await LoadAsync(ct) ? Page() : NotFound();
        }
        catch (IcoException)
        {
            return NotFound();
        }
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (await cases.FindAsync(Reference.Trim().ToUpperInvariant(), ct) is not { } c)
        {
            return false;
        }

        Case = c;
        Complaints = await complaints.ForCaseAsync(c.Reference, ct);
        return true;
    }
}
