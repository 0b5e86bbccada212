using FoiDesk.Accounts;
using FoiDesk.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FoiDesk.Web.Pages.Admin;

[Authorize(Policy = Policies.Admin)]
public sealed class AccountsModel(AccountService accounts, AccountAdmin admin) : PageModel
{
    public IReadOnlyList<Accounts.Account> Accounts { get; private set; } = [];

    public IReadOnlyList<Team> Teams { get; private set; } = [];

    public ILookup<long, string> TeamNames { get; private set; } = Array.Empty<string>().ToLookup(_ => 0L);

    public string? ErrorMessage { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostTeamAsync(string? name, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            ErrorMessage = "Enter a team name";
            await LoadAsync(ct);
            return Page();
        }

        await admin.CreateTeamAsync(name, User.AccountId(), User.Identity!.Name!, ct);
        return Redirect("/admin/accounts");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Accounts = await accounts.ListAsync(ct);
        Teams = await admin.TeamsAsync(ct);
        var names = Teams.ToDictionary(t => t.Id, t => t.Name);
        TeamNames = (await admin.MembershipsAsync(ct)).ToLookup(m => m.AccountId, m => names[m.TeamId]);
    }
}
