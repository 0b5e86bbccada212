using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace FoiDesk.Web.Hosting;

/// <summary>
/// Re-issues the caller's own session cookie after a change that gave the account a new security stamp (a new
/// password, two-step verification on or off): the other sessions end, this one carries on with the new stamp
/// and with the given claims set afresh.
/// </summary>
public static class SessionCookie
{
    public static async Task ReissueAsync(HttpContext http, SessionValidator validator, string stamp, params Claim[] replacing)
    {
        var replaced = replacing.Select(c => c.Type).Append(AccountClaims.SecurityStamp).ToHashSet(StringComparer.Ordinal);
        var identity = new ClaimsIdentity(http.User.Claims.Where(c => !replaced.Contains(c.Type)), CookieAuthenticationDefaults.AuthenticationScheme);
        identity.AddClaims(replacing);
        identity.AddClaim(new Claim(AccountClaims.SecurityStamp, stamp));
        if (AccountClaims.Session(http.User) is { } session)
        {
            validator.Forget(session);
        }

        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
    }
}
