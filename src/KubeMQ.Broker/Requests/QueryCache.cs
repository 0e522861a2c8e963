using System.Collections.Concurrent;
using KubeMQ.Grpc;

namespace KubeMQ.Broker.Requests;

/// <summary>
/// The query cache of section 12: a successful response (Executed, no Error) to a query carrying a CacheKey is kept for
/// CacheTTL seconds under (channel, CacheKey) and answers later queries with the same key without a responder.
/// </summary>
internal sealed class QueryCache(TimeProvider time)
{
    // Expired entries are removed when looked up; past this size a store also sweeps them, so keys never read again
    // cannot accumulate without bound.
    private const int SweepThreshold = 4096;

    private readonly ConcurrentDictionary<(string Channel, string Key), Entry> _entries = new();

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
        if (_entries.Count > SweepThreshold)
        {
            foreach (var pair in _entries)
            {
                if (now >= pair.Value.ExpiresAt)
                    _entries.TryRemove(pair);
            }
        }
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
