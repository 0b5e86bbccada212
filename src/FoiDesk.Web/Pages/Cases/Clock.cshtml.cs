using System.Globalization;
using FoiDesk.Audit;
using FoiDesk.Cases;
using FoiDesk.Deadlines;
using FoiDesk.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FoiDesk.Web.Pages.Cases;

/// <summary>
/// Records a clock event in two steps: the officer sees the new dates and their working first (preview),
/// then confirms. Nothing is saved by the preview.
/// </summary>
[Authorize(Policy = Policies.Officer)]
public sealed class ClockModel(CaseStore cases, CaseClock clock, CaseWorkflow workflow) : PageModel
{
    public static IReadOnlyDictionary<string, string> Labels { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [ClockEventNames.ClarificationSent] = "Clarification sent (FOIA s1(3): the clock stops)",
        [ClockEventNames.ClarificationReceived] = "Clarification received (the clock starts again from day 0)",
        [ClockEventNames.FeesNoticeSent] = "Fees notice sent (s9: the days until payment are disregarded)",
        [ClockEventNames.FeeReceived] = "Fee received",
        [ClockEventNames.PitNoticeSent] = "Public interest test extension notice sent (FOIA s10(3))",
        [ClockEventNames.ExtensionNoticeSent] = "Extension notice sent (EIR reg 7, or UK GDPR Article 12(3))",
        [ClockEventNames.IdReceived] = "Proof of identity received (subject access)",
        [ClockEventNames.ResponseSent] = "Response sent",
    };

    public CaseRow Case { get; private set; } = null!;

    public IReadOnlyList<string> Allowed { get; private set; } = [];

    public DeadlineResult? Current { get; private set; }

    public DeadlineResult? Preview { get; private set; }

    [BindProperty]
    public string? EventName { get; set; }

    [BindProperty]
    public string? Date { get; set; }

    [BindProperty]
    public string? Note { get; set; }

    public string? ErrorMessage { get; private set; }

    public string ErrorField { get; private set; } = "event-name";

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken ct) =>
        await LoadAsync(reference, ct) ? Page() : NotFound();

    /// <summary>A POST that names no step (preview or record) is a bad request.</summary>
    public IActionResult OnPost() => BadRequest("name the step (preview or record)");

    public async Task<IActionResult> OnPostPreviewAsync(string reference, CancellationToken ct)
    {
        if (!await LoadAsync(reference, ct))
        {
            return NotFound();
        }

        if (Validate() is { } date)
        {
            try
            {
                Preview = await clock.PreviewAsync(Case, EventName!, date, ct);
            }
            catch (DeadlineInputException e)
            {
                Fail(e.Message, "event-name");
            }
        }

        return Page();
    }

    public async Task<IActionResult> OnPostRecordAsync(string reference, CancellationToken ct)
    {
        if (!await LoadAsync(reference, ct))
        {
            return NotFound();
        }

        if (Validate() is not { } date)
        {
            return Page();
        }

        var (result, _) = await workflow.RecordClockEventAsync(Case.Reference, EventName!, date, Note?.Trim() ?? "", User.ApprovalActor(), ct);
        if (result.Problem is { } problem)
        {
            Fail(problem.Message, "event-name");
            return Page();
        }

        return Redirect($"/cases/{Uri.EscapeDataString(Case.Reference)}");
    }

    private DateOnly? Validate()
    {
        if (string.IsNullOrEmpty(EventName) || !Allowed.Contains(EventName, StringComparer.Ordinal))
        {
            Fail("Choose what happened", "event-name");
            return null;
        }

        if (!DateOnly.TryParseExact(Date?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            Fail("Enter the date as year-month-day, for example 2025-03-14", "date");
            return null;
        }

        return date;
    }

    private void Fail(string message, string field)
    {
        ErrorMessage = message;
        ErrorField = field;
    }

    private async Task<bool> LoadAsync(string reference, CancellationToken ct)
    {
        var c = await cases.FindAsync(reference, ct);
        if (c is null)
        {
            return false;
        }

        Case = c;
        Allowed = c.Regime is null ? [] : ClockEventNames.AllowedFor(Regimes.Parse(c.Regime));
        try
        {
            Current = await clock.ComputeAsync(c, ct);
        }
        catch (DeadlineInputException e)
        {
            Fail(e.Message, "event-name");
        }

        return true;
    }
}
