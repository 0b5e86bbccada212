using FoiDesk.Accounts;
using FoiDesk.TwoStep;
using FoiDesk.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FoiDesk.Web.Pages.Admin;

[Authorize(Policy = Policies.Admin)]
public sealed class EditAccountModel(AccountService accounts, AccountAdmin admin, TwoStepVerification twoStep) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public long Id { get; set; }

    [BindProperty]
    public List<string> SelectedRoles { get; set; } = [];

    [BindProperty]
    public List<long> SelectedTeams { get; set; } = [];

    public Accounts.Account Account { get; private set; } = null!;

    public TwoStepStatus TwoStep { get; private set; } = new(false, false, 0);

    public IReadOnlyList<Team> Teams { get; private set; } = [];

    public string? ErrorMessage { get; private set; }

    public string? Saved { get; private set; }

    /// <summary>The one-time password just issued; shown on this response only.</summary>
    public string? NewOneTimePassword { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct) => await ActAsync(async () =>
    {
        await admin.SetRolesAsync(Id, SelectedRoles, User.AccountId(), User.Identity!.Name!, ct);
        await admin.SetTeamsAsync(Id, SelectedTeams, User.AccountId(), User.Identity!.Name!, ct);
        return "Roles and teams saved";
    }, ct);

    public async Task<IActionResult> OnPostDisableAsync(bool disable, CancellationToken ct) => await ActAsync(async () =>
    {
        await admin.SetDisabledAsync(Id, disable, User.AccountId(), User.Identity!.Name!, ct);
        return disable ? "Account disabled" : "Account enabled";
    }, ct);

    public async Task<IActionResult> OnPostOneTimePasswordAsync(CancellationToken ct) => await ActAsync(async () =>
    {
        NewOneTimePassword = await admin.IssueOneTimePasswordAsync(Id, User.AccountId(), User.Identity!.Name!, ct);
        return "New one-time password issued";
    }, ct);

    /// <summary>A lost phone and lost recovery codes: two-step verification off, the account's sessions ended (new stamp), audited.</summary>
    public async Task<IActionResult> OnPostResetTwoStepAsync(CancellationToken ct) => await ActAsync(async () =>
    {
        await twoStep.ResetAsync(Id, User.AccountId(), User.Identity!.Name!, ct);
        return "Two-step verification reset; the account's sessions have ended";
    }, ct);

    private async Task<IActionResult> ActAsync(Func<Task<string>> action, CancellationToken ct)
    {
        if (await accounts.FindAsync(Id, ct) is null)
        {
            return NotFound();
        }

        try
        {
            Saved = await action();
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            ErrorMessage = e.Message.Split(" (Parameter", 2)[0];
        }

        await LoadAsync(ct);
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (await accounts.FindAsync(Id, ct) is not { } a)
        {
            return false;
        }

        Account = a;
        TwoStep = await twoStep.StatusAsync(Id, ct);
        Teams = await admin.TeamsAsync(ct);
        SelectedRoles = [.. a.Roles];
        SelectedTeams = [.. (await admin.MembershipsAsync(ct)).Where(m => m.AccountId == Id).Select(m => m.TeamId)];
        return true;
    }
}
