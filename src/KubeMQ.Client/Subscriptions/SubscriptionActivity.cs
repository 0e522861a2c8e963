namespace KubeMQ.Client;

/// <summary>
/// Whether a subscription's stream is currently established, with a way to await the next establishment.
/// A stream counts as established once the broker has answered it (response headers or a first message).
/// </summary>
internal sealed class SubscriptionActivity
{
    private readonly Lock _gate = new();
    private TaskCompletionSource _active = NewSignal();
    private int _activations;

    public bool IsActive
    {
        get
        {
            lock (_gate)
                return _active.Task.IsCompleted;
        }
    }

    public int Activations => Volatile.Read(ref _activations);

    public void MarkActive()
    {
        lock (_gate)
        {
            _activations++;
            _active.TrySetResult();
        }
    }

    public void MarkInactive()
    {
        lock (_gate)
        {
            if (_active.Task.IsCompleted)
                _active = NewSignal();
        }
    }

    public Task WhenActiveAsync(CancellationToken cancellationToken)
    {
        Task signal;
        lock (_gate)
            signal = _active.Task;
        return signal.WaitAsync(cancellationToken);
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
