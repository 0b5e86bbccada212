using System.Security.Claims;
using FoiDesk.Accounts;
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
/// Where the provider's validated answer lands (issue 16, single sign-on): the account is found or made and its
/// roles set from the claims (ExternalAccounts), then FoiDesk's own cookie and server session start exactly as
/// for the password form, so signing out everywhere, disabling and the 8-hour limit work the same.
/// </summary>
[AllowAnonymous]
public sealed class SsoCompleteModel(ExternalAccounts external, AccountSessions sessions, SignInChoices choices, IOptions<OidcOptions> options) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty(SupportsGet = true, Name = "problem")]
    public string? ProblemCode { get; set; }

    public bool SignedIn { get; private set; }

    public string Next { get; private set; } = "/";

    public string Problem { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!choices.SingleSignOn)
        {
            return NotFound();
        }

        var answer = await HttpContext.AuthenticateAsync(SsoSchemes.External);
        if (ProblemCode == "failed" || !answer.Succeeded || answer.Principal is not { } provided)
        {
            Problem = ProblemCode == "failed"
                ? $"Signing in with {choices.ProviderName} did not complete (it was cancelled, took too long, or the answer was not valid). Try again."
                : "No sign-in is in progress. Start again from the sign-in page.";
            return Page();
        }

        // The provider's identity is used once, here, and then forgotten.
        await HttpContext.SignOutAsync(SsoSchemes.External);
        var oidc = options.Value;
        var overage = oidc.RoleClaim == "groups" && provided.HasClaim(c => c.Type == "_claim_names" && c.Value.Contains("groups", StringComparison.Ordinal));
        var sub = provided.FindFirst("sub");
        var email = provided.FindFirstValue("email") ?? provided.FindFirstValue("preferred_username") ?? "";
        var identity = new ExternalIdentity(
            Issuer: provided.FindFirstValue("iss") ?? sub?.Issuer ?? "",
            Subject: sub?.Value ?? "",
            Email: email,
            DisplayName: provided.FindFirstValue("name") ?? "",
            Roles: overage ? [] : oidc.Roles.Map(provided.FindAll(oidc.RoleClaim).Select(c => c.Value)),
            Teams: oidc.TeamClaim is { Length: > 0 } teamClaim ? [.. provided.FindAll(teamClaim).Select(c => c.Value)] : null);
        var result = await external.SignInAsync(identity, choices.BreakGlassAccounts, ct);
        if (result is not { Outcome: ExternalSignInOutcome.Success, Account: { } account })
        {
            Response.StatusCode = StatusCodes.Status403Forbidden;
            Problem = result.Outcome switch
            {
                ExternalSignInOutcome.NoRole when overage => $"You belong to too many groups for {choices.ProviderName} to list them, so FoiDesk cannot tell your role. Ask your IT team to use app roles or groups assigned to the FoiDesk application.",
                ExternalSignInOutcome.NoRole => $"Your {choices.ProviderName} account has no FoiDesk role. Ask your IT team to give you one (IG officer, commissioner, manager or administrator).",
                ExternalSignInOutcome.Disabled => "Your FoiDesk account is disabled. Ask a FoiDesk administrator.",
                ExternalSignInOutcome.NoEmail => $"{choices.ProviderName} did not give FoiDesk your email address. Ask your IT team.",
                _ => "This email address belongs to a break-glass account, which signs in with its password only.",
            };
            return Page();
        }

        var session = await sessions.StartAsync(account.Id, ct);
        // The provider vouches for the person: a one-time password the account may hold is not theirs to change here.
        var principal = AccountClaims.Principal(account with { MustChangePassword = false }, CookieAuthenticationDefaults.AuthenticationScheme, session);
        var claims = (ClaimsIdentity)principal.Identity!;
        claims.AddClaim(new Claim(SsoSchemes.MethodClaim, "oidc"));
        if (provided.FindFirstValue(SsoSchemes.IdTokenClaim) is { } idToken)
        {
            claims.AddClaim(new Claim(SsoSchemes.IdTokenClaim, idToken));
        }

        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
        SignedIn = true;
        Next = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/";
        return Page();
    }
}
