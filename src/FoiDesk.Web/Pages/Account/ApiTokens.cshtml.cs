using FoiDesk.Accounts;
using FoiDesk.Audit;
using FoiDesk.Web.Hosting;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FoiDesk.Web.Pages.Account;

/// <summary>Each person's API tokens: make one (shown once), see when each was last used, revoke.</summary>
[Authorize(AuthenticationSchemes = CookieAuthenticationDefaults.AuthenticationScheme)]
public sealed class ApiTokensModel(ApiTokenStore tokens, AuditLog audit) : PageModel
{
    [BindProperty]
    public string Name { get; set; } = "";

    public IReadOnlyList<ApiTokenRow> Tokens { get; private set; } = [];

    /// <summary>The secret of the token just made; shown on this response only.</summary>
    public string? NewSecret { get; private set; }

    public string? ErrorMessage { get; private set; }

    public string? Notice { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Tokens = await tokens.ListAsync(AccountClaims.AccountId(User), ct);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        var id = AccountClaims.AccountId(User);
        if (string.IsNullOrWhiteSpace(Name) || Name.Trim().Length > 100)
        {
            ErrorMessage = "Enter a name for the token, up to 100 characters";
        }
        else
        {
            var created = await tokens.CreateAsync(id, Name, ct);
            await audit.RecordAsync(id, User.Identity!.Name!, "api-token-created", null, new { created.Token.Id, created.Token.Name }, ct);
            NewSecret = created.Secret;
            Name = "";
        }

        Tokens = await tokens.ListAsync(id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(long tokenId, CancellationToken ct)
    {
        var id = AccountClaims.AccountId(User);
        if (await tokens.RevokeAsync(id, tokenId, ct))
        {
            await audit.RecordAsync(id, User.Identity!.Name!, "api-token-revoked", null, new { tokenId }, ct);
            Notice = "Token revoked. Anything using it can no longer sign in.";
        }

        Tokens = await tokens.ListAsync(id, ct);
        return Page();
    }
}
