using FoiDesk.Cases;
using FoiDesk.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FoiDesk.Web.Pages.MyQuestions;

/// <summary>A commissioner's questions and their teams' queues, by internal due date.</summary>
[Authorize(Policy = Policies.Commissioner)]
public sealed class IndexModel(Answers answers, QuestionWork work) : PageModel
{
    public IReadOnlyList<QueuedQuestion> Questions { get; private set; } = [];

    public string? ErrorMessage { get; private set; }

    public long Me { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Me = User.AccountId();
        Questions = await answers.QueueAsync(Me, ct);
    }

    public async Task<IActionResult> OnPostClaimAsync(long questionId, CancellationToken ct)
    {
        try
        {
            await work.ClaimAsync(questionId, User.AccountId(), User.Actor(), ct);
            return Redirect($"/my-questions/{questionId}");
        }
        catch (QuestionWorkException e)
        {
            ErrorMessage = e.Message;
            await OnGetAsync(ct);
            return Page();
        }
    }
}
