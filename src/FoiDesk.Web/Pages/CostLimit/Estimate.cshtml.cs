using System.Globalization;
using FoiDesk.Approval;
using FoiDesk.Cases;
using FoiDesk.CostLimit;
using FoiDesk.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FoiDesk.Web.Pages.CostLimit;

/// <summary>
/// Saves a commissioner's cost estimate for one of their questions (the form sits on the answer page). A question
/// that is not theirs is not found, as on the answer page. Bad figures come back with the figures as typed.
/// </summary>
[Authorize(Policy = Policies.Commissioner)]
public sealed class EstimateModel(Answers answers, CostEstimates estimates) : PageModel
{
    public QueuedQuestion Item { get; private set; } = null!;

    [BindProperty]
    public EstimateForm Form { get; set; } = new();

    public string? ErrorMessage { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (await answers.FindAsync(id, User.AccountId(), ct) is not { } item)
        {
            return NotFound();
        }

        Item = item;
        Form = EstimateForm.From(await estimates.ForQuestionAsync(id, ct));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
    {
        if (await answers.FindAsync(id, User.AccountId(), ct) is not { } item)
        {
            return NotFound();
        }

        Item = item;
        var (estimate, problem) = Form.Parse();
        if (estimate is not null)
        {
            try
            {
                await estimates.SaveAsync(id, estimate, new Actor(User.AccountId(), User.Actor()), "web", ct);
                return Redirect($"/my-questions/{id}?estimate=saved#cost-estimate");
            }
            catch (CostLimitException e)
            {
                problem = e.Message;
            }
        }

        ErrorMessage = problem;
        return Page();
    }
}

/// <summary>The four activities of the Fees Regulations 2004 reg 4(3) as typed, so a bad figure is shown back unchanged.</summary>
public sealed class EstimateForm
{
    public string Determining { get; set; } = "";
    public string Locating { get; set; } = "";
    public string Retrieving { get; set; } = "";
    public string Extracting { get; set; } = "";
    public string? Basis { get; set; }

    public static EstimateForm From(CostEstimate? e) => e is null ? new() : new()
    {
        Determining = CostEstimates.Hours(e.Determining),
        Locating = CostEstimates.Hours(e.Locating),
        Retrieving = CostEstimates.Hours(e.Retrieving),
        Extracting = CostEstimates.Hours(e.Extracting),
        Basis = e.Basis,
    };

    /// <summary>An empty box is 0 hours; anything else must be a number of hours.</summary>
    public (CostEstimate? Estimate, string? Problem) Parse()
    {
        var values = new decimal[4];
        var boxes = new[] { ("determining whether the information is held", Determining), ("locating", Locating), ("retrieving", Retrieving), ("extracting", Extracting) };
        for (var i = 0; i < boxes.Length; i++)
        {
            var text = boxes[i].Item2?.Trim() ?? "";
            if (text.Length == 0)
            {
                continue;
            }

            if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out values[i]))
            {
                return (null, $"Hours for {boxes[i].Item1} must be a number, like 2 or 1.5");
            }
        }

        var estimate = new CostEstimate(values[0], values[1], values[2], values[3], Basis ?? "");
        return estimate.Problems() is [var first, ..] ? (null, first) : (estimate, null);
    }
}
