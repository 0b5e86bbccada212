using FoiDesk.Accounts;
using FoiDesk.Audit;
using FoiDesk.Web.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace FoiDesk.Web.Pages.Account;

[EnableRateLimiting(Policies.SignInRateLimit)]
public sealed class SignInModel(AccountService accounts, AccountSessions sessions, AuditLog audit) : PageModel
{
    [BindProperty]
    public string Email { get; set; } = "";

    [BindProperty]
    public string Password { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? ErrorMessage { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await accounts.SignInAsync(Email.Trim(), Password, ct);
        if (result.Outcome != SignInOutcome.Success || result.Account is not { } account)
        {
            ErrorMessage = result.Outcome switch
            {
                SignInOutcome.LockedOut => "Too many failed attempts. Try again in 15 minutes",
                _ => "Enter a correct email address and password",
            };
            await audit.RecordAsync(null, Email.Trim(), "sign-in-failed", null, new { outcome = result.Outcome.ToString() }, ct);
            return Page();
        }

        var session = await sessions.StartAsync(account.Id, ct);
        var principal = AccountClaims.Principal(account, CookieAuthenticationDefaults.AuthenticationScheme, session);
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
        await audit.RecordAsync(account.Id, account.Email, "sign-in", null, null, ct);
        if (account.MustChangePassword)
        {
            return Redirect("/account/change-password");
        }

        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }
}
