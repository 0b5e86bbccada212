using FoiDesk.Accounts;
using FoiDesk.Audit;
using FoiDesk.Search;
using FoiDesk.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FoiDesk.Web.Pages.Search;

[Authorize(Policy = ManagerServices.SearchPolicy)]
public sealed class IndexModel(CaseSearch search, AuditLog audit) : PageModel
{
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    public IReadOnlyList<SearchHit>? Hits { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Query))
        {
            return;
        }

        // Commissioners search only their own questions and never see the requester; officers and managers see all.
        long? scope = User.IsInRole(Roles.IgOfficer) || User.IsInRole(Roles.Manager) ? null : User.AccountId();
        Hits = await search.FindAsync(Query, scope, ct);
        // Snippets can show requesters' names and request text: a view of personal data.
        await audit.RecordAsync(User.AccountId(), User.Identity!.Name!, "search", null, new { query = Query, results = Hits.Select(h => h.Reference) }, ct);
    }
}
