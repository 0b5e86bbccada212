using FoiDesk.Audit;
using FoiDesk.Cases;
using FoiDesk.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FoiDesk.Web.Pages.Teams;

/// <summary>The teams questions are assigned to, and who is in each.</summary>
[Authorize(Policy = Policies.Officer)]
public sealed class IndexModel(FoiDesk.Cases.Teams teams, AuditLog audit) : PageModel
{
    public IReadOnlyList<TeamRow> TeamList { get; private set; } = [];

    public IReadOnlyList<TeamMemberRow> Members { get; private set; } = [];

    public string? ErrorMessage { get; private set; }

    public string ErrorField { get; private set; } = "";

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostCreateAsync(string? name, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return await FailAsync("Enter the team's name", "team-name", ct);
        }

        var id = await teams.CreateAsync(name, ct);
        await audit.RecordAsync(User.AccountId(), User.Actor(), "team-created", $"team:{id}", new { name = name.Trim() }, ct);
        return Redirect("/teams");
    }

    public async Task<IActionResult> OnPostAddAsync(long teamId, string? email, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(email) || !await teams.AddMemberAsync(teamId, email, ct))
        {
            return await FailAsync("Enter the email address of an existing account", $"member-{teamId}", ct);
        }

        await audit.RecordAsync(User.AccountId(), User.Actor(), "team-member-added", $"team:{teamId}", new { email = email.Trim() }, ct);
        return Redirect("/teams");
    }

    public async Task<IActionResult> OnPostRemoveAsync(long teamId, long accountId, CancellationToken ct)
    {
        await teams.RemoveMemberAsync(teamId, accountId, ct);
        await audit.RecordAsync(User.AccountId(), User.Actor(), "team-member-removed", $"team:{teamId}", new { accountId }, ct);
        return Redirect("/teams");
    }

    private async Task<IActionResult> FailAsync(string message, string field, CancellationToken ct)
    {
        ErrorMessage = message;
        ErrorField = field;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        TeamList = await teams.ListAsync(ct);
        Members = await teams.MembersAsync(ct);
    }
}
