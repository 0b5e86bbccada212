using FoiDesk.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FoiDesk.Web.Pages.Cases;

/// <summary>The case list. Filled by the intake capability; empty until cases exist.</summary>
[Authorize(Policy = Policies.Manager)]
public sealed class IndexModel : PageModel
{
    public IReadOnlyList<CaseListItem> Cases { get; private set; } = [];

    public void OnGet()
    {
    }
}

public sealed record CaseListItem(string Reference, string Subject, string Received, string Status);
