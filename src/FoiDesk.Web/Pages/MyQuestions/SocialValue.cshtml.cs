using System.Globalization;
using FoiDesk.Audit;
using FoiDesk.Cases;
using FoiDesk.SocialValue;
using FoiDesk.SocialValue.Answers;
using FoiDesk.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FoiDesk.Web.Pages.MyQuestions;

/// <summary>
/// Builds a social value answer from the monitoring data: the commissioner chooses the question type, service
/// group and period, sees the figures and their sources, then inserts the Markdown into the draft. The
/// inserted draft is kept as a snapshot whose id is saved against the question.
/// </summary>
[Authorize(Policy = Policies.Commissioner)]
public sealed class SocialValueModel(Answers answers, SocialValueAnswers builders, AuditLog audit) : PageModel
{
    public QueuedQuestion Item { get; private set; } = null!;

    [BindProperty]
    public string? QuestionType { get; set; }

    [BindProperty]
    public string? Group { get; set; }

    [BindProperty]
    public string? From { get; set; }

    [BindProperty]
    public string? To { get; set; }

    public SocialValueAnswer? Built { get; private set; }

    public string? ErrorMessage { get; private set; }

    public string ErrorField { get; private set; } = "question-type";

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    /// <summary>A POST that names no step (preview or insert) is a bad request.</summary>
    public IActionResult OnPost() => BadRequest("name the step (preview or insert)");

    public async Task<IActionResult> OnPostPreviewAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        Built = await BuildAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostInsertAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        if (!QuestionStatuses.IsWithCommissioner(Item.Question.Status))
        {
            ErrorMessage = $"Question {Item.Question.Number} is {Item.Question.Status}; it cannot be changed now";
            return Page();
        }

        // Built again from the same choices, so what is inserted and what the snapshot holds are one and the same.
        var built = await BuildAsync(ct);
        if (built is null)
        {
            return Page();
        }

        var snapshotId = await builders.SaveSnapshotAsync(built, User.Actor(), Item.Question.Reference, id, ct);
        await answers.InsertSocialValueAsync(id, User.AccountId(), built.Markdown, snapshotId, User.Actor(), ct);
        await audit.RecordAsync(User.AccountId(), User.Actor(), "social-value-inserted", $"question:{id}", new { snapshotId, built.Question, built.Group }, ct);
        return Redirect($"/my-questions/{id}");
    }

    private async Task<SocialValueAnswer?> BuildAsync(CancellationToken ct)
    {
        if (QuestionType is null || !SocialValueQuestions.All.Contains(QuestionType, StringComparer.Ordinal))
        {
            Fail("Choose the question type", "question-type");
            return null;
        }

        if (Group is null || !SocialValueVocabulary.IsGroup(Group))
        {
            Fail("Choose the service group", "group");
            return null;
        }

        if (!TryDate(From, out var from))
        {
            Fail("Enter the start of the period as year-month-day, for example 2023-04-01", "from");
            return null;
        }

        if (!TryDate(To, out var to))
        {
            Fail("Enter the end of the period as year-month-day, for example 2024-03-31", "to");
            return null;
        }

        return await builders.BuildAsync(QuestionType, Group, from, to, null, ct);
    }

    private static bool TryDate(string? s, out DateOnly? date)
    {
        date = null;
        if (string.IsNullOrWhiteSpace(s))
        {
            return true;
        }

        if (DateOnly.TryParseExact(s.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            date = d;
            return true;
        }

        return false;
    }

    private void Fail(string message, string field)
    {
        ErrorMessage = message;
        ErrorField = field;
    }

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var item = await answers.FindAsync(id, User.AccountId(), ct);
        if (item is null)
        {
            return false;
        }

        Item = item;
        return true;
    }
}
