using FoiDesk.Reporting;
using FoiDesk.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FoiDesk.Web.Pages.Manager;

[Authorize(Policy = Policies.Manager)]
public sealed class DashboardModel(DashboardReport report, FoiDesk.Ico.IcoComplaints ico) : PageModel
{
    /// <summary>
    /// Rows shown per list unless the manager asks for all: the most overdue and the soonest due come first,
    /// and rendering thousands of rows on every visit is what made the page slow (docs/web-performance.md).
    /// </summary>
    public const int ListLimit = 50;

    public Dashboard Report { get; private set; } = null!;

    [BindProperty(SupportsGet = true)]
    public bool All { get; set; }

    public IEnumerable<DueCase> Shown(IReadOnlyList<DueCase> cases) => All ? cases : cases.Take(ListLimit);

    public static string Percent(double? rate) => rate is { } r ? r.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "%" : "–";

    public static string Days(double? days) => days is { } d ? d.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) : "–";

    public static string Date(DateOnly d) => d.ToString("d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>ICO complaints open and decided, and decision notices upheld (issue 19).</summary>
    public FoiDesk.Ico.IcoCounts Ico { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Report = await report.BuildAsync(ct);
        Ico = await ico.CountsAsync(ct);
    }
}
