using System.Globalization;
using Microsoft.AspNetCore.DataProtection;

namespace FoiDesk.Web.Hosting;

/// <summary>Who has given the right password and still owes the second step, and where they were going.</summary>
public sealed record PendingAccount(long AccountId, string Email, string? ReturnUrl);

/// <summary>
/// The half-signed-in state between a right password and the second step (issue 16, MFA). It is not a session:
/// no authentication scheme reads it and it opens no page but the second step. It is a cookie protected by Data
/// Protection (so it cannot be forged or moved to another account), naming the account and when the password
/// was given; it lasts <see cref="Lifetime"/> by the injected clock.
/// </summary>
public sealed class PendingSignIn(IDataProtectionProvider protection, TimeProvider time)
{
    public const string CookieName = "foidesk-2s";

    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private IDataProtector Protector => protection.CreateProtector("FoiDesk.SignIn.PendingSecondStep.v1");

    public void Start(HttpContext http, long accountId, string email, string? returnUrl)
    {
        var at = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var value = Protector.Protect(string.Join('\n', accountId.ToString(CultureInfo.InvariantCulture), at, email, returnUrl ?? ""));
        http.Response.Cookies.Append(CookieName, value, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = http.Request.IsHttps,
            Path = "/sign-in",
            MaxAge = Lifetime,
        });
    }

    /// <summary>The pending account, or null when there is none, it was tampered with, or it is over 5 minutes old.</summary>
    public PendingAccount? Read(HttpContext http)
    {
        if (!http.Request.Cookies.TryGetValue(CookieName, out var value) || string.IsNullOrEmpty(value))
        {
            return null;
        }

        string[] parts;
        try
        {
            parts = Protector.Unprotect(value).Split('\n');
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }

        if (parts.Length != 4 || !long.TryParse(parts[0], CultureInfo.InvariantCulture, out var accountId) || !long.TryParse(parts[1], CultureInfo.InvariantCulture, out var at))
        {
            return null;
        }

        var age = time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(at);
        return age < TimeSpan.Zero || age > Lifetime ? null : new PendingAccount(accountId, parts[2], parts[3].Length == 0 ? null : parts[3]);
    }

    public static void End(HttpContext http) => http.Response.Cookies.Delete(CookieName, new CookieOptions { Path = "/sign-in" });
}
