namespace KubeMQ.Observability.Tests.Support;

/// <summary>
/// Wakes waiters whenever something changed, so a test waits on a condition (bounded) instead of sleeping.
/// </summary>
public sealed class Signal
{
    private readonly Lock _gate = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Pulse()
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        changed.TrySetResult();
    }

    /// <summary>True once <paramref name="condition"/> holds; false when <paramref name="limit"/> passed first.</summary>
    public async Task<bool> TryWaitUntilAsync(Func<bool> condition, TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        while (true)
        {
            Task changed;
            lock (_gate)
                changed = _changed.Task;
            if (condition())
                return true;
            try
            {
                await changed.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                return condition();
            }
        }
    }

    public async Task WaitUntilAsync(Func<bool> condition, TimeSpan limit)
    {
        if (!await TryWaitUntilAsync(condition, limit))
            throw new TimeoutException($"The condition did not hold within {limit}.");
    }
}
