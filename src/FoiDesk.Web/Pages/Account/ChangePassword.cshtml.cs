using System.Security.Claims;
using FoiDesk.Accounts;
using FoiDesk.Audit;
using FoiDesk.Web.Hosting;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FoiDesk.Web.Pages.Account;

/// <summary>
/// Choosing a new password. Cookie sessions only: an API token must never be able to change the password
/// and walk away with a session (issue 16, H2). The current password is asked for, except in the forced
/// change straight after signing in with a one-time password, which that sign-in has just proved.
/// </summary>
[Authorize(AuthenticationSchemes = CookieAuthenticationDefaults.AuthenticationScheme)]
public sealed class ChangePasswordModel(AccountService accounts, SessionValidator validator, AuditLog audit) : PageModel
{
    [BindProperty]
    public string CurrentPassword { get; set; } = "";

    [BindProperty]
    public string NewPassword { get; set; } = "";

    [BindProperty]
    public string ConfirmPassword { get; set; } = "";

    public string? ErrorMessage { get; private set; }

    /// <summary>The forced first change after a one-time password: that sign-in was the proof, so no current password is asked.</summary>
    public bool IsForcedChange => User.HasClaim(MustChangePassword.Claim, "true");

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var id = AccountClaims.AccountId(User);
        if (!IsForcedChange && !await accounts.VerifyPasswordAsync(id, CurrentPassword, ct))
        {
            ErrorMessage = "Enter your current password correctly";
            return Page();
        }

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

        // A new stamp ends every other session of the account (issue 16, H1); this one continues with it.
        var stamp = await accounts.ChangePasswordAsync(id, NewPassword, ct);
        await audit.RecordAsync(id, User.Identity!.Name!, "password-changed", null, null, ct);

        // Re-issue the cookie without the one-time-password mark and with the new stamp.
        await SessionCookie.ReissueAsync(HttpContext, validator, stamp, new Claim(MustChangePassword.Claim, "false"));
        return Redirect("/");
    }
}
