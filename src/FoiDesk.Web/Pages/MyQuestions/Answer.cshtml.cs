using FoiDesk.Audit;
using FoiDesk.Cases;
using FoiDesk.Questions;
using FoiDesk.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FoiDesk.Web.Pages.MyQuestions;

/// <summary>The answer editor: Markdown with a server-rendered preview, not held, exemptions, attachments, submit, hand back.</summary>
[Authorize(Policy = Policies.Commissioner)]
[RequestFormLimits(MultipartBodyLengthLimit = Answers.MaxAttachmentBytes + (1024 * 1024))]
[RequestSizeLimit(Answers.MaxAttachmentBytes + (1024 * 1024))]
public sealed class AnswerModel(Answers answers, QuestionWork work, AuditLog audit) : PageModel
{
    public QueuedQuestion Item { get; private set; } = null!;

    public IReadOnlyList<AttachmentInfo> Attachments { get; private set; } = [];

    [BindProperty]
    public string Answer { get; set; } = "";

    [BindProperty]
    public string Kind { get; set; } = "answer";

    [BindProperty]
    public string? ExemptionCode { get; set; }

    [BindProperty]
    public string? ExemptionReasons { get; set; }

    public string? PreviewHtml { get; private set; }

    public string? ErrorMessage { get; private set; }

    public string ErrorField { get; private set; } = "answer";

    public string? Saved { get; private set; }

    public bool Editable => QuestionStatuses.IsWithCommissioner(Item.Question.Status);

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        var q = Item.Question;
        Answer = q.Answer;
        Kind = q.AnswerKind ?? "answer";
        if (q.Exemption is not null && System.Text.Json.JsonSerializer.Deserialize<ProposedExemption>(q.Exemption, System.Text.Json.JsonSerializerOptions.Web) is { } e)
        {
            ExemptionCode = e.Code;
            ExemptionReasons = e.Reasons;
        }

        return Page();
    }

    /// <summary>A POST that names no action is a bad request.</summary>
    public IActionResult OnPost() => BadRequest("name the action (handler) to perform");

    public async Task<IActionResult> OnPostPreviewAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        PreviewHtml = AnswerMarkdown.ToHtml(Answer);
        return Page();
    }

    public Task<IActionResult> OnPostSaveAsync(long id, CancellationToken ct) =>
        ActAsync(id, "answer", () => answers.SaveAsync(id, User.AccountId(), Draft(), User.Actor(), ct), stay: true, ct);

    public Task<IActionResult> OnPostSubmitAsync(long id, CancellationToken ct) =>
        ActAsync(id, "answer", () => answers.SubmitAsync(id, User.AccountId(), Draft(), User.Actor(), ct), stay: false, ct);

    public Task<IActionResult> OnPostHandBackAsync(long id, string? reason, CancellationToken ct) =>
        ActAsync(id, "reason", () => work.HandBackAsync(id, User.AccountId(), reason ?? "", User.Actor(), ct), stay: false, ct);

    public Task<IActionResult> OnPostAttachAsync(long id, IFormFile? file, CancellationToken ct) =>
        ActAsync(id, "file", async () =>
        {
            if (file is null || file.Length == 0)
            {
                throw new QuestionWorkException("Choose a file to attach");
            }

            if (file.Length > Answers.MaxAttachmentBytes)
            {
                throw new QuestionWorkException("The file must be smaller than 20 MB");
            }

            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, ct);
            await answers.AttachAsync(id, User.AccountId(), file.FileName, string.IsNullOrEmpty(file.ContentType) ? "application/octet-stream" : file.ContentType, buffer.ToArray(), User.Actor(), ct);
        }, stay: true, ct);

    private AnswerDraft Draft()
    {
        var exemption = Kind == "exempt" && Exemptions.Find(ExemptionCode) is { } e
            ? new ProposedExemption(e.Code, e.Title, e.Qualified, ExemptionReasons?.Trim() ?? "")
            : null;
        return new AnswerDraft(Answer, Kind, exemption);
    }

    private async Task<IActionResult> ActAsync(long id, string field, Func<Task> act, bool stay, CancellationToken ct)
    {
        try
        {
            await act();
        }
        catch (QuestionWorkException e)
        {
            ErrorMessage = e.Message;
            ErrorField = field;
            return await LoadAsync(id, ct) ? Page() : NotFound();
        }

        await audit.RecordAsync(User.AccountId(), User.Actor(), "question-" + (Request.Query["handler"].ToString() is { Length: > 0 } h ? h : "changed"), $"question:{id}", null, ct);
        return Redirect(stay ? $"/my-questions/{id}" : "/my-questions");
    }

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var item = await answers.FindAsync(id, User.AccountId(), ct);
        if (item is null)
        {
            return false;
        }

        Item = item;
        Attachments = await answers.AttachmentsAsync(id, ct);
        return true;
    }
}

/// <summary>An attachment of a question the commissioner can see, downloaded as stored.</summary>
[Authorize(Policy = Policies.Commissioner)]
public sealed class AttachmentModel(Answers answers) : PageModel
{
    public async Task<IActionResult> OnGetAsync(long id, long attachmentId, CancellationToken ct)
    {
        var file = await answers.FindAsync(id, User.AccountId(), ct) is null ? null : await answers.AttachmentAsync(id, attachmentId, ct);
        return file is null ? NotFound() : File(file.Bytes, "application/octet-stream", file.FileName);
    }
}
