using FoiDesk.Replies;
using FoiDesk.Approval;
using FoiDesk.Audit;
using FoiDesk.Cases;
using FoiDesk.Reporting;
using FoiDesk.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FoiDesk.Web.Pages.Cases;

/// <summary>The assembled reply, question by question, for an approver to return or approve.</summary>
[Authorize(Policy = Policies.Approver)]
public sealed class ApprovalModel(CaseStore cases, CaseWorkflow workflow, AuditLog audit, CaseLetters letters, ReplyAttachments replyAttachments, FoiDesk.Web.Jobs.JobStarter jobs) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Reference { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? Done { get; set; }

    public CaseRow Case { get; private set; } = null!;

    public IReadOnlyList<QuestionRow> Questions { get; private set; } = [];

    public bool Ready => Questions.Count > 0 && Questions.All(q => QuestionStatuses.IsApprovable(q.Status))
        && Case.Status is not (CaseStatuses.Responded or CaseStatuses.Closed);

    public long? ErrorQuestionId { get; private set; }

    public string? ErrorMessage { get; private set; }

    public static string AnswerHtml(QuestionRow q) => FoiDesk.Questions.AnswerMarkdown.ToHtml(q.Answer);

    /// <summary>
    /// The requester's own words (the request's opening and sign-off) as plain paragraphs, encoded by the page:
    /// they come from a member of the public, so they are never rendered as Markdown (security review M3).
    /// </summary>
    public static IReadOnlyList<string> Paragraphs(string text) =>
        [.. text.ReplaceLineEndings("\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    public static IReadOnlyList<string> ExemptionsOf(QuestionRow q) => q.Exemption is null ? [] : CitedExemptions.Sections(q.Exemption);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        // The requester's name and the request are personal data: record who looked.
        await audit.RecordAsync(User.AccountId(), User.Identity!.Name!, "case-viewed", Reference, new { page = "approval" }, ct);
        return Page();
    }

    /// <summary>A POST that names no action (return, approve, send) is a bad request.</summary>
    public IActionResult OnPost() => BadRequest("name the action (return, approve or send)");

    public async Task<IActionResult> OnPostReturnAsync(long questionId, string? comment, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(comment))
        {
            if (!await LoadAsync(ct))
            {
                return NotFound();
            }

            ErrorQuestionId = questionId;
            ErrorMessage = "Enter comments for the commissioner";
            return Page();
        }

        return (await workflow.ReturnAnswerAsync(Reference, questionId, comment.Trim(), User.ApprovalActor(), ct)).Problem?.Kind switch
        {
            null => Redirect($"/cases/{Uri.EscapeDataString(Reference)}/approval?done=returned"),
            CaseProblemKind.NotFound => NotFound(),
            _ => await ProblemAsync("That question is not waiting for approval", ct),
        };
    }

    public async Task<IActionResult> OnPostApproveAsync(CancellationToken ct) =>
        (await workflow.ApproveAsync(Reference, User.ApprovalActor(), ct)).Problem switch
        {
            null => Redirect($"/cases/{Uri.EscapeDataString(Reference)}/approval?done=approved"),
            { Kind: CaseProblemKind.NotFound } => NotFound(),
            var problem => await ProblemAsync(problem.Message, ct),
        };

    /// <summary>All approved: the reply can go.</summary>
    public bool Approved => Questions.Count > 0 && Questions.All(q => q.Status == "approved");

    /// <summary>
    /// Queues the approved reply: a refusal notice when any answer relies on an exemption (FOIA s17), a
    /// not-held letter when nothing is held, otherwise the response. Attachments go through the safety gate.
    /// </summary>
    public async Task<IActionResult> OnPostSendAsync(string? overrideReason, CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        if (!Approved)
        {
            return await ProblemAsync("Approve the reply before sending it", ct);
        }

        var letter = Questions.Any(q => q.AnswerKind == "exempt") ? LetterIds.Refusal
            : Questions.All(q => q.AnswerKind == "not-held") ? LetterIds.NotHeld
            : LetterIds.Response;
        var attachments = await replyAttachments.ForCaseAsync(Case.Id, ct);
        try
        {
            var safetyOverride = string.IsNullOrWhiteSpace(overrideReason) ? null
                : new FoiDesk.Replies.Safety.SafetyOverride(overrideReason, User.AccountId(), User.IsInRole(FoiDesk.Accounts.Roles.IgOfficer));
            await letters.QueueAsync(Reference, letter, User.Actor(), User.FindFirst("display_name")?.Value, ct, attachments, safetyOverride);
        }
        catch (Exception e) when (e is LetterNotReadyException or SafetyGateBlockedException)
        {
            return await ProblemAsync(e.Message, ct);
        }

        await audit.RecordAsync(User.AccountId(), User.Actor(), "reply-queued", Reference, new { letter, overridden = !string.IsNullOrWhiteSpace(overrideReason) }, ct);
        // Send it now rather than at the next outbox firing (within 10 s anyway).
        jobs.StartNow(FoiDesk.Web.Jobs.JobTable.Outbox);
        return Redirect($"/cases/{Uri.EscapeDataString(Reference)}/approval?done=sent");
    }

    private async Task<IActionResult> ProblemAsync(string message, CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        ErrorMessage = message;
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (await cases.FindAsync(Reference, ct) is not { } c)
        {
            return false;
        }

        Case = c;
        Questions = await cases.QuestionsAsync(c.Id, ct);
        return true;
    }
}
