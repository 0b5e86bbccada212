using FoiDesk.Accounts;
using FoiDesk.Approval;
using FoiDesk.Requesters;
using FoiDesk.Web.Hosting;
using Microsoft.AspNetCore.Mvc;

namespace FoiDesk.Web.Pages.Requesters;

/// <summary>
/// The requester history panel on the case page. IG officers only: for anyone else it renders nothing and reads
/// nothing, so a manager (or, should the case page ever open to them, a commissioner: docs/security.md M1) never
/// learns who else asked what. Each time it is shown the view is audited.
/// </summary>
public sealed class RequesterHistoryViewComponent(RequesterHistory history, RepeatRequests repeats) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(string reference)
    {
        if (!UserClaimsPrincipal.IsInRole(Roles.IgOfficer))
        {
            return Content("");
        }

        var ct = HttpContext.RequestAborted;
        var view = await LoadAsync(history, repeats, reference, new Actor(UserClaimsPrincipal.AccountId(), UserClaimsPrincipal.Actor()), "web", ct);
        return view is null ? Content("") : View("/Pages/Requesters/_RequesterHistory.cshtml", view);
    }

    public static async Task<RequesterHistoryView?> LoadAsync(RequesterHistory history, RepeatRequests repeats, string reference, Actor viewer, string via, CancellationToken ct)
    {
        if (await history.ViewAsync(reference, viewer, via, ct) is not { } others)
        {
            return null;
        }

        return new RequesterHistoryView(reference, others, await repeats.FlagsAsync(reference, ct) ?? [], repeats.Settings.IntervalWorkingDays);
    }
}
