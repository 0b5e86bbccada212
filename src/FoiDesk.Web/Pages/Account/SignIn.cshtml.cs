using FoiDesk.Accounts;
using FoiDesk.Audit;
using FoiDesk.TwoStep;
using FoiDesk.Web.Hosting;
using FoiDesk.Web.SingleSignOn;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace FoiDesk.Web.Pages.Account;

[EnableRateLimiting(Policies.SignInRateLimit)]
public sealed class SignInModel(AccountService accounts, SignInThrottle throttle, AuditLog audit, TwoStepVerification twoStep, PendingSignIn pending, SignInCompletion completion, SignInChoices choices) : PageModel
{
    [BindProperty]
    public string Email { get; set; } = "";

    [BindProperty]
    public string Password { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? ErrorMessage { get; private set; }

    /// <summary>Single sign-on and the local-passwords switch (issue 16).</summary>
    public SignInChoices Choices => choices;

    /// <summary>The discreet link for break-glass administrators while local passwords are off.</summary>
    [BindProperty(SupportsGet = true)]
    public bool BreakGlass { get; set; }

    public bool ShowPasswordForm => choices.LocalPasswordsOn || BreakGlass;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!throttle.TryAttempt(Email))
        {
            ErrorMessage = "Too many attempts to sign in to this account. Wait a minute and try again";
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return Page();
        }

        if (!choices.PasswordAllowed(Email))
        {
            // Local passwords are off and this is not a break-glass account: the same answer as a wrong password,
            // no sooner, and no password is checked.
            await Task.Delay(AccountService.FailureFloor, ct);
            ErrorMessage = "Enter a correct email address and password";
            await audit.RecordAsync(null, Email.Trim(), "sign-in-failed", null, new { outcome = "LocalPasswordsOff" }, ct);
            return Page();
        }

        var result = await accounts.SignInAsync(Email.Trim(), Password, ct);
        if (result.Outcome != SignInOutcome.Success || result.Account is not { } account)
        {
            // One message for an unknown address, a wrong password, a disabled or a locked account (issue 16,
            // M7): anything else tells a stranger which addresses have accounts. Only an expired one-time
            // password, reported after the right password was given, says more.
            ErrorMessage = result.Outcome == SignInOutcome.OneTimePasswordExpired
                ? "Your one-time password has expired. Ask an administrator for a new one"
                : "Enter a correct email address and password";
            await audit.RecordAsync(null, Email.Trim(), "sign-in-failed", null, new { outcome = result.Outcome.ToString() }, ct);
            return Page();
        }

        if ((await twoStep.StatusAsync(account.Id, ct)).Enabled)
        {
            // Two-step verification (issue 16, MFA): the password alone starts no session, only the second step.
            pending.Start(HttpContext, account.Id, account.Email, ReturnUrl);
            return Redirect(SignInCodeModel.Path);
        }

        return LocalRedirect(await completion.CompleteAsync(HttpContext, account, Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/", ct));
    }
}
