using FoiDesk.Audit;
using FoiDesk.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FoiDesk.Web.Pages.Admin;

/// <summary>Read-only: the audit log has no edit path in the app, and the table refuses updates and deletes.</summary>
[Authorize(Policy = Policies.Admin)]
public sealed class AuditModel(AuditReader reader) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Subject { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Actor { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    public bool More { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        PageNumber = Math.Max(PageNumber, 1);
        (Entries, More) = await reader.PageAsync(Subject, Actor, PageNumber, ct);
    }

    public string Link(int page) =>
        $"/admin/audit?subject={Uri.EscapeDataString(Subject ?? "")}&actor={Uri.EscapeDataString(Actor ?? "")}&page={page}";
}
