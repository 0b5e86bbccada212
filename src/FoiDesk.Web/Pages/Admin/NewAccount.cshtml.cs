using FoiDesk.Accounts;
using FoiDesk.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FoiDesk.Web.Pages.Admin;

[Authorize(Policy = Policies.Admin)]
public sealed class NewAccountModel(AccountAdmin admin) : PageModel
{
    [BindProperty]
    public string Email { get; set; } = "";

    [BindProperty]
    public string DisplayName { get; set; } = "";

    [BindProperty]
    public List<string> SelectedRoles { get; set; } = [];

    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    /// <summary>Shown once, on the page that created the account; never stored in clear.</summary>
    public string? OneTimePassword { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(DisplayName))
        {
            Errors["display-name"] = "Enter the person's name";
        }

        if (string.IsNullOrWhiteSpace(Email))
        {
            Errors["email"] = "Enter an email address";
        }

        if (SelectedRoles.Count == 0)
        {
            Errors["roles"] = "Select at least one role";
        }

        if (Errors.Count > 0)
        {
            return Page();
        }

        try
        {
            (_, OneTimePassword) = await admin.CreateAsync(Email, DisplayName, SelectedRoles, User.AccountId(), User.Identity!.Name!, ct);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            Errors["email"] = e.Message.Split(" (Parameter", 2)[0];
        }

        return Page();
    }
}
