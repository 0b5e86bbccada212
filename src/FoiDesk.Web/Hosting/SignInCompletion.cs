using System.Security.Claims;
using FoiDesk.Accounts;
using FoiDesk.Audit;
using FoiDesk.TwoStep;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace FoiDesk.Web.Hosting;

/// <summary>
/// The end of a successful sign-in, after the password alone or after the password and the second step: starts
/// the server-side session, issues its cookie, audits, and says where to go next. Someone an administrator
/// requires to use two-step verification who has not enrolled goes to enrol and is kept there (MustEnrolTwoStep).
/// </summary>
public sealed class SignInCompletion(AccountSessions sessions, TwoStepPolicy policy, TwoStepVerification twoStep, AuditLog audit)
{
    /// <param name="localReturnUrl">Where the person was going, already checked to be on this site (Url.IsLocalUrl).</param>
    public async Task<string> CompleteAsync(HttpContext http, Account account, string localReturnUrl, CancellationToken ct)
    {
        var mustEnrol = (await policy.GetAsync(ct)).AppliesTo(account.Roles) && !(await twoStep.StatusAsync(account.Id, ct)).Enabled;
        var session = await sessions.StartAsync(account.Id, ct);
        var principal = AccountClaims.Principal(account, CookieAuthenticationDefaults.AuthenticationScheme, session);
        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(MustEnrolTwoStep.Claim, mustEnrol ? "true" : "false"));
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
        await audit.RecordAsync(account.Id, account.Email, "sign-in", null, null, ct);
        if (account.MustChangePassword)
        {
            return "/account/change-password";
        }

        if (mustEnrol)
        {
            return MustEnrolTwoStep.EnrolPath;
        }

        return localReturnUrl;
    }
}
