using FoiDesk.Audit;
using FoiDesk.Cases;
using FoiDesk.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FoiDesk.Web.Pages.Triage;

/// <summary>New requests, the holding pen and parse failures: what an officer looks at first.</summary>
[Authorize(Policy = Policies.Officer)]
public sealed class IndexModel(FoiDesk.Cases.Triage triage, AuditLog audit) : PageModel
{
    public TriageQueue Queue { get; private set; } = new([], [], []);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Queue = await triage.QueueAsync(ct);
        // The queue shows requesters' and senders' names: a view of personal data, audited (security review, Low).
        await audit.RecordAsync(User.AccountId(), User.Actor(), "triage-viewed", null, null, ct);
    }
}
