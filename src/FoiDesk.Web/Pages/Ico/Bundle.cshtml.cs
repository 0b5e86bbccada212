using FoiDesk.Ico;
using FoiDesk.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FoiDesk.Web.Pages.Ico;

/// <summary>The evidence bundle as a ZIP download (audited by the bundle itself).</summary>
[Authorize(Policy = Policies.Manager)]
public sealed class BundleModel(EvidenceBundle bundle) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken ct)
    {
        try
        {
            return await bundle.FilesAsync(reference, User.AccountId(), User.Actor(), ct) is { } files
                ? File(EvidenceBundle.Zip(files), "application/zip", $"{reference.Trim().ToUpperInvariant()}-evidence-bundle.zip")
                : NotFound();
        }
        catch (IcoException e)
        {
            return new ContentResult { StatusCode = StatusCodes.Status409Conflict, Content = e.Message, ContentType = "text/plain; charset=utf-8" };
        }
    }
}
