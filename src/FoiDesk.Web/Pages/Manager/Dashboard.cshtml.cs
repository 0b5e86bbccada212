using FoiDesk.Reporting;
using FoiDesk.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FoiDesk.Web.Pages.Manager;

[Authorize(Policy = Policies.Manager)]
public sealed class DashboardModel(DashboardReport report) : PageModel
{
    public Dashboard Report { get; private set; } = null!;

    public static string Percent(double? rate) => rate is { } r ? r.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "%" : "–";

    public static string Days(double? days) => days is { } d ? d.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) : "–";

    public static string Date(DateOnly d) => d.ToString("d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture);

    public async Task OnGetAsync(CancellationToken ct) => Report = await report.BuildAsync(ct);
}
