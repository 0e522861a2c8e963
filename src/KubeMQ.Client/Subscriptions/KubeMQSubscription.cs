namespace KubeMQ.Client;

/// <summary>
/// A running callback subscription. It re-establishes itself after the broker goes away, until it is disposed
/// (or the client is). <see cref="Completion"/> completes when it ends: successfully after disposal, faulted when it
/// cannot continue (credentials refused, the broker rejected the subscription, or reconnect attempts ran out).
/// </summary>
public sealed class KubeMQSubscription : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop;
    private readonly SubscriptionActivity _activity;
    private readonly Action<KubeMQSubscription> _onEnded;

    internal KubeMQSubscription(string channel, CancellationToken clientLifetime, Func<SubscriptionActivity, CancellationToken, Task> run, Action<KubeMQSubscription> onEnded)
    {
        Channel = channel;
        _onEnded = onEnded;
        _activity = new SubscriptionActivity();
        _stop = CancellationTokenSource.CreateLinkedTokenSource(clientLifetime);
        Completion = RunAsync(run);
    }

    public string Channel { get; }

    /// <summary>Completes when the subscription has ended; see the class remarks.</summary>
    public Task Completion { get; }

    /// <summary>True while the stream to the broker is established.</summary>
    public bool IsActive => _activity.IsActive;

    /// <summary>How many times the stream has been established (1 after the first subscribe, +1 per reconnect).</summary>
    public int Activations => _activity.Activations;

    /// <summary>Completes when the stream is established (at once if it is now).</summary>
    public Task WhenActiveAsync(CancellationToken cancellationToken = default) => _activity.WhenActiveAsync(cancellationToken);

    private async Task RunAsync(Func<SubscriptionActivity, CancellationToken, Task> run)
    {
        await Task.Yield();
        try
        {
            await run(_activity, _stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        finally
        {
            _activity.MarkInactive();
            _onEnded(this);
        }
    }

    /// <summary>Stops the subscription and waits for its loop (and any running handler) to finish.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await _stop.CancelAsync().ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
        }
        try
        {
            await Completion.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The failure is observable through Completion; disposal itself does not throw.
        }
    }
}
