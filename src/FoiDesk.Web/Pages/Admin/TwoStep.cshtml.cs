using FoiDesk.TwoStep;
using FoiDesk.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FoiDesk.Web.Pages.Admin;

/// <summary>Whom two-step verification is required of (issue 16, MFA): everyone, or some roles. Audited.</summary>
[Authorize(Policy = Policies.Admin)]
public sealed class TwoStepModel(TwoStepPolicy policy) : PageModel
{
    [BindProperty]
    public bool Everyone { get; set; }

    [BindProperty]
    public List<string> SelectedRoles { get; set; } = [];

    public string? Saved { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var requirement = await policy.GetAsync(ct);
        Everyone = requirement.Everyone;
        SelectedRoles = [.. requirement.Roles];
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await policy.SetAsync(Everyone, [.. SelectedRoles.Where(FoiDesk.Accounts.Roles.IsKnown)], User.AccountId(), User.Identity!.Name!, ct);
        Saved = "Saved. It applies from each person's next sign-in";
        await OnGetAsync(ct);
        return Page();
    }
}
