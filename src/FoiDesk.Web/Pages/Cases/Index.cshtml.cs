using System.Globalization;
using FoiDesk.Cases;
using FoiDesk.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FoiDesk.Web.Pages.Cases;

/// <summary>The case list, newest first.</summary>
[Authorize(Policy = Policies.Manager)]
public sealed class IndexModel(CaseStore cases) : PageModel
{
    public IReadOnlyList<CaseListItem> Cases { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Cases =
    [
        .. (await cases.ListAsync(200, ct)).Select(c => new CaseListItem(
            c.Reference,
            c.Subject,
            LondonTime.DateOf(c.ReceivedAt).ToString("d MMM yyyy", CultureInfo.InvariantCulture),
            c.Status)),
    ];
}

public sealed record CaseListItem(string Reference, string Subject, string Received, string Status);
