using System.Text;
using FoiDesk.Audit;
using FoiDesk.Calendar;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FoiDesk.Web.Pages.Calendar;

/// <summary>
/// The iCalendar feed. Calendar apps cannot sign in, so the URL's secret is the credential: anonymous, but an
/// unknown or revoked token is a plain 404 (no hint whether it ever existed).
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class FeedModel(CalendarTokens tokens, DeadlineFeed feed, AuditLog audit) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string token, CancellationToken ct)
    {
        if (await tokens.AccountForAsync(token, ct) is not { } accountId)
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "private, no-store";
        var ics = await feed.IcsAsync(accountId, ct);
        // The feed lists case references and subjects: each download is a view of case data, audited against
        // the account whose secret was used (security review, Low).
        await audit.RecordAsync(accountId, "calendar-feed", "calendar-feed-downloaded", null, null, ct);
        return File(Encoding.UTF8.GetBytes(ics), "text/calendar; charset=utf-8");
    }
}
