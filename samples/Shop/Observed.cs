namespace Shop;

/// <summary>
/// A thread-safe list of observations with a wait that returns as soon as a condition over them holds: every
/// <see cref="Add"/> wakes the waiters, so nothing polls or sleeps.
/// </summary>
public sealed class Observed<T>
{
    private readonly Lock _gate = new();
    private readonly List<T> _items = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Add(T item)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            _items.Add(item);
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        changed.TrySetResult();
    }

    public IReadOnlyList<T> Snapshot()
    {
        lock (_gate)
            return [.. _items];
    }

    /// <summary>
    /// Waits until <paramref name="condition"/> holds; when <paramref name="cancellationToken"/> ends the wait first,
    /// fails the step with <paramref name="what"/> and what had been seen.
    /// </summary>
    public async Task<IReadOnlyList<T>> WaitUntilAsync(Func<IReadOnlyList<T>, bool> condition, string what, CancellationToken cancellationToken)
    {
        while (true)
        {
            T[] items;
            Task changed;
            lock (_gate)
            {
                items = [.. _items];
                changed = _changed.Task;
            }
            if (condition(items))
                return items;
            try
            {
                await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw new StepFailedException($"gave up waiting for {what} (saw {items.Length}: {string.Join(", ", items)})");
            }
        }
    }
}
