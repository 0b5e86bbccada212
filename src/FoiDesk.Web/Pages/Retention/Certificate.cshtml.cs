using FoiDesk.Retention;
using FoiDesk.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FoiDesk.Web.Pages.Retention;

/// <summary>A deletion certificate: which cases went, under which rule, who confirmed. It names no requester.</summary>
[Authorize(Policy = Policies.Admin)]
public sealed class CertificateModel(RetentionRuns runs) : PageModel
{
    public RetentionRun Run { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (await runs.FindAsync(id, ct) is not { Status: "deleted" } run)
        {
            return NotFound();
        }

        Run = run;
        return Page();
    }
}
