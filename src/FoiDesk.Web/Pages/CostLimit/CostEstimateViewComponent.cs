using FoiDesk.CostLimit;
using Microsoft.AspNetCore.Mvc;

namespace FoiDesk.Web.Pages.CostLimit;

/// <summary>The cost estimate form on the answer page, with the figures saved so far.</summary>
public sealed class CostEstimateViewComponent(CostEstimates estimates) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(long questionId, bool editable)
    {
        var saved = await estimates.ForQuestionAsync(questionId, HttpContext.RequestAborted);
        return View("/Pages/CostLimit/_CostEstimate.cshtml", new CostEstimateView(questionId, saved, editable, estimates.Limit.LimitHours));
    }
}
