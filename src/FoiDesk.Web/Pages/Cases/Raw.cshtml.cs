using FoiDesk.Audit;
using FoiDesk.Cases;
using FoiDesk.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FoiDesk.Web.Pages.Cases;

/// <summary>
/// A case's raw message exactly as received, as a text/plain download: never rendered, so no script or remote
/// image in an HTML part can run or load.
/// </summary>
[Authorize(Policy = Policies.Officer)]
public sealed class RawModel(CaseStore cases, FoiDesk.Cases.Triage triage, AuditLog audit) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string reference, long rawId, CancellationToken ct)
    {
        var c = await cases.FindAsync(reference, ct);
        var bytes = c is null ? null : await triage.RawAsync(c.Id, rawId, ct);
        if (c is null || bytes is null)
        {
            return NotFound();
        }

        await audit.RecordAsync(User.AccountId(), User.Actor(), "raw-mail-viewed", c.Reference, new { rawId }, ct);
        return File(bytes, "text/plain; charset=utf-8", $"{c.Reference}-message-{rawId}.eml");
    }
}
