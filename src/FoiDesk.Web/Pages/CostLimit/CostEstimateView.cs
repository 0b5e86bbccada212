using FoiDesk.CostLimit;

namespace FoiDesk.Web.Pages.CostLimit;

/// <summary>A question's saved estimate (null when none), whether it may still be changed, and the limit it counts towards.</summary>
public sealed record CostEstimateView(long QuestionId, CostEstimate? Saved, bool Editable, decimal LimitHours);
