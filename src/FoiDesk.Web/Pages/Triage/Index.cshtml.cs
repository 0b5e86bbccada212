using FoiDesk.Cases;
using FoiDesk.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FoiDesk.Web.Pages.Triage;

/// <summary>New requests, the holding pen and parse failures: what an officer looks at first.</summary>
[Authorize(Policy = Policies.Officer)]
public sealed class IndexModel(FoiDesk.Cases.Triage triage) : PageModel
{
    public TriageQueue Queue { get; private set; } = new([], [], []);

    public async Task OnGetAsync(CancellationToken ct) => Queue = await triage.QueueAsync(ct);
}
