using System.Collections.Concurrent;
using KubeMQ.Grpc;

namespace KubeMQ.Broker.Requests;

/// <summary>
/// The query cache of section 12: a successful response (Executed, no Error) to a query carrying a CacheKey is kept for
/// CacheTTL seconds under (channel, CacheKey) and answers later queries with the same key without a responder.
/// </summary>
internal sealed class QueryCache(TimeProvider time)
{
    // Expired entries are removed when looked up; past this size a store also sweeps them (at most once a second, so
    // a large live cache does not pay a full scan per store), and keys never read again cannot accumulate.
    private const int SweepThreshold = 4096;
    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<(string Channel, string Key), Entry> _entries = new();
    private long _nextSweepTicks;

    public int Count => _entries.Count;

    public bool TryGet(string channel, string key, out Response response)
    {
        var id = (channel, key);
        if (_entries.TryGetValue(id, out var entry))
        {
            if (time.GetUtcNow() < entry.ExpiresAt)
            {
                response = entry.Response;
                return true;
            }
            _entries.TryRemove(KeyValuePair.Create(id, entry));
        }
        response = null!;
        return false;
    }

    public void Store(string channel, string key, Response response, int ttlSeconds)
    {
        var now = time.GetUtcNow();
        _entries[(channel, key)] = new Entry(response, now.AddSeconds(ttlSeconds));
        if (_entries.Count > SweepThreshold && ClaimSweep(now))
        {
            foreach (var pair in _entries)
            {
                if (now >= pair.Value.ExpiresAt)
                    _entries.TryRemove(pair);
            }
        }
    }

    private bool ClaimSweep(DateTimeOffset now)
    {
        var due = Interlocked.Read(ref _nextSweepTicks);
        return now.UtcTicks >= due && Interlocked.CompareExchange(ref _nextSweepTicks, (now + SweepInterval).UtcTicks, due) == due;
    }

    /// <summary>Forgets every entry of a deleted channel.</summary>
    public void Forget(string channel)
    {
        foreach (var pair in _entries)
        {
            if (pair.Key.Channel == channel)
                _entries.TryRemove(pair);
        }
    }

    private sealed record Entry(Response Response, DateTimeOffset ExpiresAt);
}
