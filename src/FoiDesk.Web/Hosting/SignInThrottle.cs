using System.Threading.RateLimiting;

namespace FoiDesk.Web.Hosting;

/// <summary>
/// Sign-in attempts per account address (issue 16, M7), whatever client they come from: a guesser spread over
/// many addresses still gets 10 a minute against one account. It applies to any address typed, existing or
/// not, so being refused says nothing about whether the account exists. (Per client, see
/// <see cref="Policies.SignInRateLimit"/>.)
/// </summary>
public sealed class SignInThrottle : IDisposable
{
    public const int PerAccountPerMinute = 10;

    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(email =>
        RateLimitPartition.GetFixedWindowLimiter(email, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = PerAccountPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));

    public bool TryAttempt(string email)
    {
        using var lease = _limiter.AttemptAcquire(email.Trim().ToUpperInvariant());
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
