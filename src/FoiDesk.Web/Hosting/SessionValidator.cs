using System.Collections.Concurrent;
using FoiDesk.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace FoiDesk.Web.Hosting;

/// <summary>
/// Checks every cookie-authenticated request against the server (issue 16, H1): the session must not have been
/// ended, the account must not be disabled, its security stamp must be the one the cookie was issued with,
/// and the sign-in must be under 8 hours old. The server's answer is cached for
/// <see cref="AuthOptions.SessionCheckSeconds"/> (30 s by default) per session, so ending a session takes
/// effect on another host within that time, and on this host at once for a sign-out made here.
/// </summary>
public sealed class SessionValidator(AccountSessions sessions, TimeProvider time, IOptions<AuthOptions> options)
{
    /// <summary>The absolute session limit, however active the person is.</summary>
    public static readonly TimeSpan AbsoluteLimit = TimeSpan.FromHours(8);

    private const int MaxCached = 10_000;

    private readonly ConcurrentDictionary<Guid, (SessionState? State, DateTimeOffset FetchedAt)> _cache = new();

    public async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        if (context.Principal is not { } user || !await IsValidAsync(user, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }

    public async Task<bool> IsValidAsync(System.Security.Claims.ClaimsPrincipal user, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var stamp = user.FindFirst(AccountClaims.SecurityStamp)?.Value;
        if (AccountClaims.Session(user) is not { } sessionId || AccountClaims.SignedIn(user) is not { } signedIn || stamp is null)
        {
            // A cookie from before sessions were kept on the server (or a forged one): sign in again.
            return false;
        }

        if (now - signedIn > AbsoluteLimit)
        {
            return false;
        }

        var state = await StateAsync(sessionId, now, ct);
        return state is { Ended: false, Disabled: false } && string.Equals(state.SecurityStamp, stamp, StringComparison.Ordinal);
    }

    /// <summary>Drops the cached answer for a session this host has just ended or re-issued.</summary>
    public void Forget(Guid sessionId) => _cache.TryRemove(sessionId, out _);

    private async Task<SessionState?> StateAsync(Guid sessionId, DateTimeOffset now, CancellationToken ct)
    {
        var maxAge = TimeSpan.FromSeconds(options.Value.SessionCheckSeconds);
        if (_cache.TryGetValue(sessionId, out var cached) && now - cached.FetchedAt < maxAge)
        {
            return cached.State;
        }

        var state = await sessions.StateAsync(sessionId, ct);
        if (_cache.Count >= MaxCached)
        {
            foreach (var stale in _cache.Where(e => now - e.Value.FetchedAt >= maxAge).Select(e => e.Key).ToList())
            {
                _cache.TryRemove(stale, out _);
            }
        }

        _cache[sessionId] = (state, now);
        return state;
    }
}
