using FoiDesk.Web.SingleSignOn;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FoiDesk.Web.Pages.Account;

/// <summary>"Sign in with …": sends the browser to the provider (authorisation code flow with PKCE); it comes back to /sso/complete.</summary>
[AllowAnonymous]
public sealed class SsoModel(SignInChoices choices) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public IActionResult OnGet()
    {
        if (!choices.SingleSignOn)
        {
            return NotFound();
        }

        var next = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/";
        return Challenge(new AuthenticationProperties { RedirectUri = $"/sso/complete?returnUrl={Uri.EscapeDataString(next)}" }, SsoSchemes.Oidc);
    }
}
