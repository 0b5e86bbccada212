using FoiDesk.Accounts;
using FoiDesk.TwoStep;
using FoiDesk.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace FoiDesk.Web.Pages.Account;

/// <summary>
/// The second sign-in step (issue 16, MFA): a code from the authenticator app, or a recovery code. Only the
/// data-protected pending cookie from a right password leads here. Wrong codes count in the same per-account
/// throttle and lock as wrong passwords, and every refusal gets the same message.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(Policies.SignInRateLimit)]
public sealed class SignInCodeModel(AccountService accounts, TwoStepVerification twoStep, PendingSignIn pending, SignInThrottle throttle, SignInCompletion completion) : PageModel
{
    public const string Path = "/sign-in/two-step";

    [BindProperty]
    public string Code { get; set; } = "";

    public string? ErrorMessage { get; private set; }

    /// <summary>No password given in the last 5 minutes (or the cookie was tampered with): start again.</summary>
    public bool StartAgain { get; private set; }

    public void OnGet() => StartAgain = pending.Read(HttpContext) is null;

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (pending.Read(HttpContext) is not { } who)
        {
            StartAgain = true;
            return Page();
        }

        if (!throttle.TryAttempt(who.Email))
        {
            ErrorMessage = "Too many attempts to sign in to this account. Wait a minute and try again";
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return Page();
        }

        if (await twoStep.VerifySignInAsync(who.AccountId, Code, ct) == SecondStepOutcome.Refused
            || await accounts.FindAsync(who.AccountId, ct) is not { } account)
        {
            ErrorMessage = "Enter a correct code";
            return Page();
        }

        PendingSignIn.End(HttpContext);
        return LocalRedirect(await completion.CompleteAsync(HttpContext, account, Url.IsLocalUrl(who.ReturnUrl) ? who.ReturnUrl! : "/", ct));
    }
}
