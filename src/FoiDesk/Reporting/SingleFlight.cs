namespace FoiDesk.Reporting;

/// <summary>
/// One cached value and the key it was computed for. Concurrent readers asking for a key that is not cached
/// share one computation (single flight) instead of each running it. The computation returns the key it
/// actually read, which may be newer than the one asked for; a later reader with that key gets the value.
/// </summary>
public sealed class SingleFlight<TKey, TValue> : IDisposable
    where TKey : IEquatable<TKey>
{
    private sealed record Entry(TKey Key, TValue Value);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private Entry? _entry;

    public async Task<TValue> GetAsync(TKey key, Func<CancellationToken, Task<(TKey Key, TValue Value)>> compute, CancellationToken ct)
    {
        if (Volatile.Read(ref _entry) is { } hit && hit.Key.Equals(key))
        {
            return hit.Value;
        }

        await _gate.WaitAsync(ct);
        try
        {
            // Whoever held the gate may have just computed this key.
            if (Volatile.Read(ref _entry) is { } shared && shared.Key.Equals(key))
            {
                return shared.Value;
            }

            var (computedKey, value) = await compute(ct);
            Volatile.Write(ref _entry, new Entry(computedKey, value));
            return value;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
