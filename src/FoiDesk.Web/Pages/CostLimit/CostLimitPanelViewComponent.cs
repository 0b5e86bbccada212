using FoiDesk.CostLimit;
using Microsoft.AspNetCore.Mvc;

namespace FoiDesk.Web.Pages.CostLimit;

/// <summary>The case page's line on the cost limit: the estimate so far against the limit, and a link to the detail and proposal.</summary>
public sealed class CostLimitPanelViewComponent(CostEstimates estimates) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(string reference) =>
        await estimates.ForCaseAsync(reference, HttpContext.RequestAborted) is { } cost
            ? View("/Pages/CostLimit/_CostLimitPanel.cshtml", cost)
            : Content("");
}
