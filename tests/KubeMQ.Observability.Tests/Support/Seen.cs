using System.Collections.Concurrent;

namespace KubeMQ.Observability.Tests.Support;

/// <summary>What handlers saw, by key, with a bounded wait that returns as soon as a condition holds.</summary>
public sealed class Seen
{
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _entries = new();
    private readonly Signal _changed = new();

    public void Add(string key, string value)
    {
        _entries.GetOrAdd(key, _ => new ConcurrentQueue<string>()).Enqueue(value);
        _changed.Pulse();
    }

    public IReadOnlyList<string> Get(string key) => _entries.TryGetValue(key, out var queue) ? [.. queue] : [];

    public Task WaitForAsync(string key, string value, TimeSpan limit) =>
        _changed.WaitUntilAsync(() => Get(key).Contains(value), limit);
}
