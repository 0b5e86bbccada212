using System.Security.Claims;
using FoiDesk.TwoStep;
using FoiDesk.Web.Hosting;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QRCoder;

namespace FoiDesk.Web.Pages.Account;

/// <summary>
/// Two-step verification for one's own account (issue 16, MFA): enrol with an authenticator app (key as text
/// and as a QR code), confirm with a current code, keep the recovery codes shown once; or turn it off with a
/// code. Cookie sessions only, like changing the password: an API token must not be able to do this.
/// </summary>
[Authorize(AuthenticationSchemes = CookieAuthenticationDefaults.AuthenticationScheme)]
public sealed class TwoStepModel(TwoStepVerification twoStep, TwoStepPolicy policy, SessionValidator validator) : PageModel
{
    [BindProperty]
    public string Code { get; set; } = "";

    public TwoStepStatus Status { get; private set; } = new(false, false, 0);

    /// <summary>The secret waiting for its first code, when enrolling.</summary>
    public TotpEnrolment? Enrolment { get; private set; }

    /// <summary>The enrolment's otpauth:// URI as an SVG QR code, as a data: URI for an img (the CSP allows data: images, and no script).</summary>
    public string? QrCode { get; private set; }

    /// <summary>The recovery codes, on the response that switched two-step verification on and never again.</summary>
    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];

    public bool Required => User.HasClaim(MustEnrolTwoStep.Claim, "true");

    public string? ErrorMessage { get; private set; }

    public string? Saved { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostStartAsync(CancellationToken ct)
    {
        try
        {
            await twoStep.StartEnrolmentAsync(AccountClaims.AccountId(User), User.Identity!.Name!, ct);
        }
        catch (InvalidOperationException e)
        {
            ErrorMessage = e.Message;
        }

        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostConfirmAsync(CancellationToken ct)
    {
        if (await twoStep.ConfirmEnrolmentAsync(AccountClaims.AccountId(User), User.Identity!.Name!, Code, ct) is not { } done)
        {
            ErrorMessage = "Enter the 6-digit code your app shows now";
            await LoadAsync(ct);
            return Page();
        }

        // Other sessions end (new stamp); this one carries on, no longer held on this page.
        await SessionCookie.ReissueAsync(HttpContext, validator, done.SecurityStamp, new Claim(MustEnrolTwoStep.Claim, "false"));
        RecoveryCodes = done.RecoveryCodes;
        Saved = "Two-step verification is on";
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostDisableAsync(CancellationToken ct)
    {
        if (await twoStep.DisableAsync(AccountClaims.AccountId(User), User.Identity!.Name!, Code, ct) is not { } stamp)
        {
            ErrorMessage = "Enter a correct code";
            await LoadAsync(ct);
            return Page();
        }

        // Where an administrator requires it, the person is held here until they enrol again.
        var required = (await policy.GetAsync(ct)).AppliesTo(User.FindAll(ClaimTypes.Role).Select(c => c.Value));
        await SessionCookie.ReissueAsync(HttpContext, validator, stamp, new Claim(MustEnrolTwoStep.Claim, required ? "true" : "false"));
        return Redirect(MustEnrolTwoStep.EnrolPath);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var id = AccountClaims.AccountId(User);
        Status = await twoStep.StatusAsync(id, ct);
        Enrolment = Status.Pending ? await twoStep.PendingEnrolmentAsync(id, User.Identity!.Name!, ct) : null;
        if (Enrolment is not null)
        {
            using var generator = new QRCodeGenerator();
            using var data = generator.CreateQrCode(Enrolment.Uri, QRCodeGenerator.ECCLevel.M);
            var svg = new SvgQRCode(data).GetGraphic(4);
            QrCode = "data:image/svg+xml;base64," + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(svg));
        }
    }
}
