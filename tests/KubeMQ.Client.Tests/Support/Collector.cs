using System.Collections.Concurrent;

namespace KubeMQ.Client.Tests;

/// <summary>Collects what a subscription receives, for assertions after bounded waits.</summary>
internal sealed class Collector<T>
{
    private readonly ConcurrentQueue<T> _items = new();

    public int Count => _items.Count;

    public IReadOnlyList<T> Items => [.. _items];

    public ValueTask Add(T item, CancellationToken cancellationToken)
    {
        _items.Enqueue(item);
        return ValueTask.CompletedTask;
    }

    public Task WaitForCountAsync(int count, string what) => Eventually.TrueAsync(() => _items.Count >= count, $"{what} ({count} expected, {_items.Count} so far)");
}
