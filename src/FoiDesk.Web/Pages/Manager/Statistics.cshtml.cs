using System.Text;
using FoiDesk.Reporting;
using FoiDesk.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FoiDesk.Web.Pages.Manager;

/// <summary>The quarter asked for, or the last complete quarter.</summary>
public static class QuarterQuery
{
    public static (int Year, int Quarter)? Resolve(int? year, int? quarter, DateOnly today)
    {
        if (year is null && quarter is null)
        {
            var q = ((today.Month - 1) / 3) + 1;
            return q == 1 ? (today.Year - 1, 4) : (today.Year, q - 1);
        }

        return year is >= 2000 and <= 2100 && quarter is >= 1 and <= 4 ? (year.Value, quarter.Value) : null;
    }
}

[Authorize(Policy = Policies.Manager)]
public sealed class StatisticsModel(QuarterlyStatistics statistics, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Quarter { get; set; }

    public QuarterStatistics? Figures { get; private set; }

    public string? ErrorMessage { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (QuarterQuery.Resolve(Year, Quarter, LondonTime.DateOf(time.GetUtcNow())) is not { } q)
        {
            ErrorMessage = "Enter a year and a quarter from 1 to 4";
            return Page();
        }

        (Year, Quarter) = q;
        Figures = await statistics.ForAsync(q.Year, q.Quarter, ct);
        return Page();
    }
}

[Authorize(Policy = Policies.Manager)]
public sealed class StatisticsCsvModel(QuarterlyStatistics statistics, TimeProvider time) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int? year, int? quarter, CancellationToken ct)
    {
        if (QuarterQuery.Resolve(year, quarter, LondonTime.DateOf(time.GetUtcNow())) is not { } q)
        {
            return BadRequest("year and quarter (1 to 4) are required");
        }

        var csv = QuarterlyStatistics.ToCsv(await statistics.ForAsync(q.Year, q.Quarter, ct));
        return File(Encoding.UTF8.GetBytes(csv), "text/csv; charset=utf-8", $"foi-statistics-{q.Year}-q{q.Quarter}.csv");
    }
}
