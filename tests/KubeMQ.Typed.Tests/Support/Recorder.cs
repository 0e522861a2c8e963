using System.Collections.Concurrent;

namespace KubeMQ.Typed.Tests.Support;

/// <summary>
/// What handlers saw, keyed by a name, with a bounded wait that returns as soon as enough entries arrived
/// (no sleeping: every Add wakes the waiters).
/// </summary>
public sealed class Recorder
{
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    private readonly ConcurrentDictionary<string, ConcurrentQueue<object>> _entries = new();
    private readonly Lock _gate = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Add(string key, object entry)
    {
        _entries.GetOrAdd(key, _ => new ConcurrentQueue<object>()).Enqueue(entry);
        TaskCompletionSource changed;
        lock (_gate)
        {
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        changed.TrySetResult();
    }

    public IReadOnlyList<T> Get<T>(string key) =>
        _entries.TryGetValue(key, out var queue) ? queue.Cast<T>().ToList() : [];

    public int Count(string key) => _entries.TryGetValue(key, out var queue) ? queue.Count : 0;

    /// <summary>Waits until <paramref name="condition"/> holds, failing after <see cref="Limit"/>.</summary>
    public async Task WaitUntilAsync(Func<Recorder, bool> condition, string what)
    {
        using var limit = new CancellationTokenSource(Limit);
        while (true)
        {
            Task changed;
            lock (_gate)
                changed = _changed.Task;
            if (condition(this))
                return;
            try
            {
                await changed.WaitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"Timed out after {Limit.TotalSeconds} s waiting for {what}.");
            }
        }
    }

    /// <summary>Like <see cref="WaitUntilAsync"/>, but reports a timeout as false (for probes that retry).</summary>
    public async Task<bool> TryWaitUntilAsync(Func<Recorder, bool> condition, TimeSpan within)
    {
        using var limit = new CancellationTokenSource(within);
        while (true)
        {
            Task changed;
            lock (_gate)
                changed = _changed.Task;
            if (condition(this))
                return true;
            try
            {
                await changed.WaitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                return condition(this);
            }
        }
    }

    public async Task<IReadOnlyList<T>> WaitForAsync<T>(string key, int count)
    {
        await WaitUntilAsync(r => r.Count(key) >= count, $"{count} entries under '{key}' (have {Count(key)})");
        return Get<T>(key);
    }
}
