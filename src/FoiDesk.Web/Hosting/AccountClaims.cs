using System.Globalization;
using System.Security.Claims;
using FoiDesk.Accounts;

namespace FoiDesk.Web.Hosting;

/// <summary>The claims an account signs in with, whether by the sign-in form (cookie) or an API token (bearer).</summary>
public static class AccountClaims
{
    public const string DisplayName = "display_name";

    public static ClaimsPrincipal Principal(Account account, string scheme)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, account.Id.ToString(CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, account.Email),
            new(DisplayName, account.DisplayName),
            new(MustChangePassword.Claim, account.MustChangePassword ? "true" : "false"),
        };
        claims.AddRange(account.Roles.Select(r => new Claim(ClaimTypes.Role, r)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }

    public static long AccountId(ClaimsPrincipal user) =>
        long.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("not signed in"), CultureInfo.InvariantCulture);
}
