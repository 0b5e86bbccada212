using FoiDesk.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FoiDesk.Web.Pages.Triage;

/// <summary>A held or failed message's raw bytes, as received, for download (never rendered).</summary>
[Authorize(Policy = Policies.Officer)]
public sealed class RawModel(FoiDesk.Cases.Triage triage, FoiDesk.Audit.AuditLog audit) : PageModel
{
    public async Task<IActionResult> OnGetAsync(long rawId, CancellationToken ct)
    {
        var bytes = await triage.RawAsync(null, rawId, ct);
        if (bytes is null)
        {
            return NotFound();
        }

        await audit.RecordAsync(User.AccountId(), User.Actor(), "raw-mail-viewed", $"raw:{rawId}", null, ct);
        return File(bytes, "text/plain; charset=utf-8", $"message-{rawId}.eml");
    }
}
