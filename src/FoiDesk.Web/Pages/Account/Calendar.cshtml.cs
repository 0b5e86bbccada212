using FoiDesk.Audit;
using FoiDesk.Calendar;
using FoiDesk.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FoiDesk.Web.Pages.Account;

/// <summary>Create or revoke the secret calendar feed URL. The URL is shown once, when created.</summary>
[Authorize]
public sealed class CalendarModel(CalendarTokens tokens, AuditLog audit) : PageModel
{
    public DateTimeOffset? CreatedAt { get; private set; }

    public string? NewUrl { get; private set; }

    public bool Revoked { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => CreatedAt = await tokens.CreatedAtAsync(User.AccountId(), ct);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        var token = await tokens.CreateAsync(User.AccountId(), ct);
        await audit.RecordAsync(User.AccountId(), User.Identity!.Name!, "calendar-token-created", null, null, ct);
        NewUrl = $"{Request.Scheme}://{Request.Host}/calendar/{token}.ics";
        CreatedAt = await tokens.CreatedAtAsync(User.AccountId(), ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(CancellationToken ct)
    {
        Revoked = await tokens.RevokeAsync(User.AccountId(), ct);
        await audit.RecordAsync(User.AccountId(), User.Identity!.Name!, "calendar-token-revoked", null, null, ct);
        return Page();
    }
}
