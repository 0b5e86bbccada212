using FoiDesk.Accounts;
using FoiDesk.Audit;
using FoiDesk.Web.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace FoiDesk.Web.Pages.Account;

/// <summary>
/// Signing out ends the session on the server too (issue 16, H1), so a copy of the cookie is worthless
/// afterwards; "everywhere" ends every session of the account.
/// </summary>
[AllowAnonymous]
public sealed class SignOutModel(AccountSessions sessions, SessionValidator validator, AuditLog audit, IOptions<AuthOptions> options) : PageModel
{
    public bool SignedIn => User.Identity?.IsAuthenticated == true;

    public int CheckSeconds => options.Value.SessionCheckSeconds;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (AccountClaims.Session(User) is { } session)
        {
            await sessions.EndAsync(session, ct);
            validator.Forget(session);
            await audit.RecordAsync(AccountClaims.AccountId(User), User.Identity!.Name!, "sign-out", null, null, ct);
        }

        return await SignOutAndShowAsync();
    }

    public async Task<IActionResult> OnPostEverywhereAsync(CancellationToken ct)
    {
        if (AccountClaims.Session(User) is { } session)
        {
            await sessions.EndAllAsync(AccountClaims.AccountId(User), ct);
            validator.Forget(session);
            await audit.RecordAsync(AccountClaims.AccountId(User), User.Identity!.Name!, "sign-out-everywhere", null, null, ct);
        }

        return await SignOutAndShowAsync();
    }

    private async Task<IActionResult> SignOutAndShowAsync()
    {
        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        // Post/redirect/get: the GET finds no session and says so truthfully.
        return RedirectToPage();
    }
}
