using FoiDesk.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FoiDesk.Web.Pages;

/// <summary>Sends each role to where its day starts.</summary>
[Authorize]
public sealed class IndexModel : PageModel
{
    public IActionResult OnGet() => User switch
    {
        var u when u.IsInRole(Roles.IgOfficer) || u.IsInRole(Roles.Manager) => Redirect("/cases"),
        var u when u.IsInRole(Roles.Commissioner) => Redirect("/my-questions"),
        _ => Redirect("/admin/accounts"),
    };
}
