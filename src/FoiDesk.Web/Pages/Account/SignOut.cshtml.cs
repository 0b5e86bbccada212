using FoiDesk.Accounts;
using FoiDesk.Audit;
using FoiDesk.Web.Hosting;
using FoiDesk.Web.SingleSignOn;
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
public sealed class SignOutModel(AccountSessions sessions, SessionValidator validator, AuditLog audit, IOptions<AuthOptions> options, SignInChoices choices) : PageModel
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
        var idToken = User.FindFirst(SsoSchemes.IdTokenClaim)?.Value;
        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        if (idToken is not null && choices.SingleSignOn)
        {
            // A session that began at the provider ends there too (OpenID Connect RP-Initiated Logout 1.0): the
            // provider's end_session_endpoint with id_token_hint, and back to /signout-callback-oidc, then here.
            var properties = new AuthenticationProperties { RedirectUri = "/sign-out" };
            properties.Items[SsoSchemes.IdTokenHintItem] = idToken;
            return SignOut(properties, SsoSchemes.Oidc);
        }

        // Post/redirect/get: the GET finds no session and says so truthfully.
        return RedirectToPage();
    }
}
