using FoiDesk.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FoiDesk.Web.Pages;

/// <summary>
/// Sends each role to where its work is: an officer to Triage while anything awaits triage (else the case
/// list), a manager to the deadline dashboard, a commissioner to My questions, an administrator to accounts.
/// </summary>
[Authorize]
public sealed class IndexModel(FoiDesk.Cases.Triage triage) : PageModel
{
    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => User switch
    {
        var u when u.IsInRole(Roles.IgOfficer) => Redirect(await triage.AnyAwaitingAsync(ct) ? "/triage" : "/cases"),
        var u when u.IsInRole(Roles.Manager) => Redirect("/dashboard"),
        var u when u.IsInRole(Roles.Commissioner) => Redirect("/my-questions"),
        _ => Redirect("/admin/accounts"),
    };
}
