using System.Globalization;
using System.Security.Claims;
using FoiDesk.Accounts;

namespace FoiDesk.Web.Hosting;

/// <summary>The claims an account signs in with, whether by the sign-in form (cookie) or an API token (bearer).</summary>
public static class AccountClaims
{
    public const string DisplayName = "display_name";

    /// <summary>The server-side session a cookie belongs to (issue 16, H1).</summary>
    public const string SessionId = "session_id";

    /// <summary>The account's security stamp when the session started; a different current stamp ends the session.</summary>
    public const string SecurityStamp = "security_stamp";

    /// <summary>
    /// When the person signed in (ISO 8601, UTC). Sliding renewal re-issues the cookie with a new issue time, so
    /// the 8-hour absolute limit is measured from this claim, which renewal copies unchanged.
    /// </summary>
    public const string SignedInAt = "signed_in_at";

    public static ClaimsPrincipal Principal(Account account, string scheme, StartedSession? session = null)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, account.Id.ToString(CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, account.Email),
            new(DisplayName, account.DisplayName),
            new(MustChangePassword.Claim, account.MustChangePassword ? "true" : "false"),
        };
        claims.AddRange(account.Roles.Select(r => new Claim(ClaimTypes.Role, r)));
        if (session is not null)
        {
            claims.Add(new Claim(SessionId, session.Id.ToString()));
            claims.Add(new Claim(SecurityStamp, session.SecurityStamp));
            claims.Add(new Claim(SignedInAt, session.SignedInAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }

    /// <summary>The signed-in account's id (the NameIdentifier claim set at sign-in).</summary>
    public static long AccountId(this ClaimsPrincipal user) =>
        long.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("not signed in"), CultureInfo.InvariantCulture);

    public static Guid? Session(ClaimsPrincipal user) => Guid.TryParse(user.FindFirstValue(SessionId), out var id) ? id : null;

    public static DateTimeOffset? SignedIn(ClaimsPrincipal user) =>
        DateTimeOffset.TryParse(user.FindFirstValue(SignedInAt), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;
}
