using System.Collections.Concurrent;
using FoiDesk.Operations;

namespace FoiDesk.Web.Tests.Jobs;

/// <summary>Work for the job server tests: counts its attempts per key, and fails the way a test asks.</summary>
public sealed class TestWork
{
    public static readonly ConcurrentDictionary<string, int> Attempts = new(StringComparer.Ordinal);

    /// <summary>Fails once as a dropped connection would, then succeeds.</summary>
    public Task FailOnceAsync(string key)
    {
        return Attempts.AddOrUpdate(key, 1, (_, n) => n + 1) == 1
            ? throw new IOException($"connection reset ({key})")
            : Task.CompletedTask;
    }

    /// <summary>Fails as a rejected document would, every time.</summary>
    public Task FailPermanentlyAsync(string key)
    {
        Attempts.AddOrUpdate(key, 1, (_, n) => n + 1);
        throw new PermanentJobFailureException($"record 7 was rejected ({key})");
    }
}
