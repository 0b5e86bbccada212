namespace FoiDesk.Web.Pages.CostLimit;

/// <summary>What the estimate form needs: the question it posts for, the figures to show, and whether they were refused.</summary>
public sealed record EstimateFormView(long QuestionId, EstimateForm Form, bool Refused);
