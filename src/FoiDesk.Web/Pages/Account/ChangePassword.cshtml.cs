using System.Globalization;
using System.Security.Claims;
using FoiDesk.Accounts;
using FoiDesk.Audit;
using FoiDesk.Web.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FoiDesk.Web.Pages.Account;

[Authorize]
public sealed class ChangePasswordModel(AccountService accounts, AuditLog audit) : PageModel
{
    [BindProperty]
    public string NewPassword { get; set; } = "";

    [BindProperty]
    public string ConfirmPassword { get; set; } = "";

    public string? ErrorMessage { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (NewPassword.Length < 12)
        {
            ErrorMessage = "Password must be at least 12 characters";
            return Page();
        }

        if (NewPassword != ConfirmPassword)
        {
            ErrorMessage = "The passwords do not match";
            return Page();
        }

        var id = long.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!, CultureInfo.InvariantCulture);
        await accounts.ChangePasswordAsync(id, NewPassword, ct);
        await audit.RecordAsync(id, User.Identity!.Name!, "password-changed", null, null, ct);

        // Re-issue the cookie without the one-time-password mark.
        var identity = new ClaimsIdentity(User.Claims.Where(c => c.Type != MustChangePassword.Claim), CookieAuthenticationDefaults.AuthenticationScheme);
        identity.AddClaim(new Claim(MustChangePassword.Claim, "false"));
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
        return Redirect("/");
    }
}
