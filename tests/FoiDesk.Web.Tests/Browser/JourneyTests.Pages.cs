using System.Text.RegularExpressions;
using FoiDesk.Deadlines;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace FoiDesk.Web.Tests.Browser;

/// <summary>The journey's page helpers and its independent count of the statutory date.</summary>
public sealed partial class JourneyTests
{
    /// <summary>
    /// FOIA s10(1): 20 working days following the day of receipt; s10(6): a working day is not a Saturday,
    /// Sunday, Christmas Day, or a bank holiday anywhere in the UK. Counted here by hand from the holiday table in
    /// force (the GOV.UK rows plus any the admin added), not by the app's deadline engine.
    /// </summary>
    private async Task<DateOnly> ExpectedResponseDueAsync()
    {
        var table = await _browser.App.Services.GetRequiredService<HolidayStore>().CurrentAsync(CancellationToken.None);
        var holidays = table.Rows.Select(r => r.Date).ToHashSet();
        var london = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        var received = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(Arrival, london).DateTime);
        var withHolidays = CountWorkingDays(received, d => holidays.Contains(d));
        var weekdaysOnly = CountWorkingDays(received, _ => false);
        Assert.That(withHolidays, Is.GreaterThan(weekdaysOnly), "Easter falls inside the period, so the holidays in force matter");
        return withHolidays;
    }

    private static DateOnly CountWorkingDays(DateOnly received, Func<DateOnly, bool> isHoliday)
    {
        var day = received;
        for (var counted = 0; counted < 20;)
        {
            day = day.AddDays(1);
            if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !(day.Month == 12 && day.Day == 25) && !isHoliday(day))
            {
                counted++;
            }
        }

        return day;
    }

    private void RequireStep(int previous) =>
        Assume.That(_stepsDone, Is.EqualTo(previous), $"step {previous} of the journey did not complete");

    private Task<IPage> SignInAsync(string email) => _browser.SignInThroughFormAsync(email, bypassCsp: true);

    /// <summary>Screenshot (kept as a test artefact), then axe-core on the page as it stands.</summary>
    private async Task VisitAsync(IPage page, string name)
    {
        await BrowserFixture.ScreenshotAsync(page, $"journey-{name}");
        _axe[name] = await BrowserFixture.AccessibilityViolationsAsync(page);
    }

    private static ILocator QuestionTable(IPage page) =>
        page.GetByRole(AriaRole.Table, new() { Name = "The questions, who is answering them, and where they stand" });

    private static ILocator QuestionRow(IPage page, string number) => QuestionTable(page).Locator($"tbody tr:has(th:text-is('{number}'))");

    private static async Task<string> SummaryValue(IPage page, string key) =>
        Normalise(await page.Locator(".govuk-summary-list__row", new() { Has = page.Locator($"dt:text-is('{key}')") }).Locator("dd").TextContentAsync() ?? "");

    /// <summary>A table row's td cells as text (tags by their content, whatever CSS does to their case).</summary>
    private static async Task<IReadOnlyList<string>> CellsAsync(ILocator row) => [.. (await row.Locator("td").AllTextContentsAsync()).Select(Normalise)];

    /// <summary>The officer's "Change question N" form on the case page: team, optionally a named commissioner.</summary>
    private static async Task AssignAsync(IPage page, string number, string team, string? commissioner)
    {
        var details = page.Locator("details").Filter(new() { Has = page.GetByText($"Change question {number}", new() { Exact = true }) });
        await details.Locator("summary").ClickAsync();
        await details.GetByLabel("Team", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = team });
        await details.GetByLabel("Named commissioner (optional)").SelectOptionAsync(new SelectOptionValue { Label = commissioner is null ? "Team queue" : $"{commissioner} ({team})" });
        await BrowserFixture.NavigateAsync(page, details.GetByRole(AriaRole.Button, new() { Name = $"Assign question {number}" }));
    }

    private async Task OpenQuestionAsync(IPage page, string number) =>
        await BrowserFixture.NavigateAsync(page, page.GetByRole(AriaRole.Link, new() { Name = $"{_reference} question {number}", Exact = true }));

    /// <summary>On a question's editor: type the answer and submit it, back to My questions.</summary>
    private async Task AnswerAsync(IPage page, string number, string answer)
    {
        Assert.That(await page.Locator("h1").InnerTextAsync(), Is.EqualTo($"Question {number}"));
        await page.GetByLabel("Answer", new() { Exact = true }).FillAsync(answer);
        await BrowserFixture.NavigateAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Submit for approval" }));
        Assert.That(new Uri(page.Url).AbsolutePath, Is.EqualTo("/my-questions"), $"question {number} submitted");
        _answers[number] = answer;
    }

    /// <summary>A table as lines: the header cells, then each body row, cells joined by " | ".</summary>
    private static async Task<List<string>> TableTextAsync(ILocator table)
    {
        var lines = new List<string> { string.Join(" | ", (await table.Locator("thead th").AllInnerTextsAsync()).Select(Normalise)) };
        foreach (var row in await table.Locator("tbody tr").AllAsync())
        {
            lines.Add(string.Join(" | ", (await row.Locator("th, td").AllInnerTextsAsync()).Select(Normalise)));
        }

        return lines;
    }

    private static string Normalise(string text) => Whitespace().Replace(text, " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex("^response due$")]
    private static partial Regex ResponseDueRow();
}
