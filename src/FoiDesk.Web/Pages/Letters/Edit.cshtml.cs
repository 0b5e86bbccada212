using FoiDesk.Audit;
using FoiDesk.Cases;
using FoiDesk.Replies;
using FoiDesk.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FoiDesk.Web.Pages.Letters;

/// <summary>A problem with the wording, and the id of the field the error summary links to.</summary>
public sealed record WordingProblem(string Message, string Field);

/// <summary>
/// Rewords one letter: edit the subject and Markdown body, preview the result against a real case, save it as
/// the authority's wording (refused if a legal element or a field name is wrong) or go back to the shipped file.
/// </summary>
[Authorize(Policy = Policies.Officer)]
public sealed class EditModel(LetterRenderer renderer, LetterWording wording, CaseStore cases, CaseLetters letters, AuditLog audit) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Letter { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? Language { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Done { get; set; }

    public LetterLanguage LetterLanguage { get; private set; }

    public string Subject { get; private set; } = "";

    public string Body { get; private set; } = "";

    public string CaseReference { get; private set; } = "";

    public IReadOnlyList<WordingVersion> History { get; private set; } = [];

    public bool Edited => History is [{ IsRevert: false }, ..];

    public IReadOnlyList<WordingProblem> Problems { get; private set; } = [];

    public RenderedLetter? Preview { get; private set; }

    public string LanguageQuery => LetterLanguage == LetterLanguage.English ? "" : $"?language={LetterFormat.Code(LetterLanguage)}";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        var current = await wording.CurrentAsync(Letter, LetterLanguage, ct);
        Subject = current.Subject;
        Body = current.Body;
        return Page();
    }

    /// <summary>A POST that names no action (save, preview, revert) is a bad request.</summary>
    public IActionResult OnPost() => BadRequest("name the action (save, preview or revert)");

    public async Task<IActionResult> OnPostSaveAsync(string? subject, string? body, CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        Subject = subject ?? "";
        Body = body ?? "";
        try
        {
            await wording.SaveAsync(Letter, LetterLanguage, Subject, Body, User.ApprovalActor(), ct);
        }
        catch (LetterWordingRefusedException e)
        {
            Problems = [.. e.Problems.Select(Describe)];
            return Page();
        }

        return Redirect(LetterUrl(LanguageQuery, "done=saved"));
    }

    public async Task<IActionResult> OnPostRevertAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        var reverted = await wording.RevertAsync(Letter, LetterLanguage, User.ApprovalActor(), ct);
        return Redirect(LetterUrl(LanguageQuery, reverted ? "done=reverted" : ""));
    }

    /// <summary>Renders the wording as it stands in the form (saved or not) against a case, with what that letter would lack.</summary>
    public async Task<IActionResult> OnPostPreviewAsync(string? subject, string? body, string? caseReference, CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        Subject = subject ?? "";
        Body = body ?? "";
        CaseReference = caseReference?.Trim() ?? "";
        if (await cases.FindAsync(CaseReference, ct) is not { } c)
        {
            Problems = [new WordingProblem("Enter the reference of an existing case", "case-reference")];
            return Page();
        }

        try
        {
            var template = wording.Edited(Letter, LetterLanguage, Subject, Body);
            var model = await letters.BuildModelAsync(c, Letter, User.FindFirst("display_name")?.Value, ct);
            Preview = LetterRenderer.Render(template, model);
        }
        catch (LetterWordingRefusedException e)
        {
            Problems = [.. e.Problems.Select(Describe)];
            return Page();
        }

        // The preview shows the requester's name and the case's answers: record who looked.
        await audit.RecordAsync(User.AccountId(), User.Actor(), "case-viewed", c.Reference, new { page = "letter-preview", letter = Letter }, ct);
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        try
        {
            LetterLanguage = LetterFormat.ParseLanguage(Language ?? "en");
        }
        catch (FormatException)
        {
            return false;
        }

        if (renderer.Templates.Find(Letter, LetterLanguage) is null)
        {
            return false;
        }

        History = await wording.HistoryAsync(Letter, LetterLanguage, ct);
        return true;
    }

    private string LetterUrl(string languageQuery, string extra)
    {
        var query = string.Join('&', new[] { languageQuery.TrimStart('?'), extra }.Where(q => q.Length > 0));
        return $"/letters/{Uri.EscapeDataString(Letter)}{(query.Length == 0 ? "" : "?" + query)}";
    }

    private static WordingProblem Describe(LetterCheck check) => new(
        char.ToUpperInvariant(check.Detail[0]) + check.Detail[1..],
        check.Rule is "subject" or "subject-reference" ? "subject" : "body");
}
