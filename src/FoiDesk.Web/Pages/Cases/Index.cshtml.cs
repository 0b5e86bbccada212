using System.Globalization;
using FoiDesk.Cases;
using FoiDesk.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FoiDesk.Web.Pages.Cases;

/// <summary>
/// The case list: filtered by status, team, regime, due within N working days or overdue; newest first or
/// soonest statutory date first; 50 to a page, with each case's due date and working days left.
/// </summary>
[Authorize(Policy = Policies.Manager)]
public sealed class IndexModel(CaseList list, FoiDesk.Cases.Teams teams) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "status")]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true, Name = "team")]
    public long? TeamId { get; set; }

    [BindProperty(SupportsGet = true, Name = "regime")]
    public string? Regime { get; set; }

    [BindProperty(SupportsGet = true, Name = "within")]
    public string? Within { get; set; }

    [BindProperty(SupportsGet = true, Name = "overdue")]
    public bool Overdue { get; set; }

    [BindProperty(SupportsGet = true, Name = "sort")]
    public string? Sort { get; set; }

    // Not "page": Razor Pages keeps that name for the page's own route value.
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public CaseListPage Result { get; private set; } = new([], 0, 1, 1);

    public IReadOnlyList<TeamRow> TeamList { get; private set; } = [];

    public string? WithinError { get; private set; }

    public static IReadOnlyList<string> Statuses { get; } = [.. CaseStatuses.All.Select(s => s.Text())];

    public static IReadOnlyList<(string Value, string Label)> Regimes { get; } =
        [("foia", "FOIA"), ("eir", "EIR"), ("foisa", "FOISA"), ("sar", "Subject access (UK GDPR)"), ("foia-review", "FOIA internal review"), ("eir-review", "EIR internal review"), ("foisa-review", "FOISA review")];

    public async Task OnGetAsync(CancellationToken ct)
    {
        TeamList = await teams.ListAsync(ct);
        int? within = null;
        if (!string.IsNullOrWhiteSpace(Within))
        {
            if (int.TryParse(Within.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= 260)
            {
                within = n;
            }
            else
            {
                // Bad input gets a clear error; the rest of the filters still apply.
                WithinError = "Enter the number of working days as a whole number, like 5";
            }
        }

        Result = await list.FindAsync(new CaseListFilter
        {
            Status = Blank(Status),
            TeamId = TeamId,
            Regime = Blank(Regime),
            DueWithinWorkingDays = within,
            OverdueOnly = Overdue,
            Sort = Sort == "due" ? "due" : "received",
            Page = PageNumber,
        }, ct);
    }

    /// <summary>This list's address with the same filters on another page.</summary>
    public string PageUrl(int page)
    {
        var query = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                query.Add($"{name}={Uri.EscapeDataString(value)}");
            }
        }

        Add("status", Status);
        Add("team", TeamId?.ToString(CultureInfo.InvariantCulture));
        Add("regime", Regime);
        Add("within", Within);
        Add("overdue", Overdue ? "true" : null);
        Add("sort", Sort);
        Add("p", page.ToString(CultureInfo.InvariantCulture));
        return $"/cases?{string.Join('&', query)}";
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
