using Microsoft.Extensions.Logging;

namespace KubeMQ.Client;

/// <summary>
/// Tracks whether the broker is reachable. Calls report their outcome (a volatile read on success, so the hot path
/// stays cheap); the first connection failure starts one background probe that pings with exponential backoff and
/// jitter until the broker answers or the reconnect policy runs out of attempts.
/// </summary>
internal sealed class ConnectionMonitor
{
    private readonly KubeMQReconnectPolicy _policy;
    private readonly Func<CancellationToken, Task> _probe;
    private readonly ILogger _logger;
    private readonly CancellationToken _lifetime;
    private int _state;
    private int _probing;

    private readonly string _clientId;

    public ConnectionMonitor(KubeMQReconnectPolicy policy, Func<CancellationToken, Task> probe, ILogger logger, string clientId, CancellationToken lifetime)
    {
        _clientId = clientId;
        _policy = policy;
        _probe = probe;
        _logger = logger;
        _lifetime = lifetime;
    }

    public event EventHandler<KubeMQConnectionState>? StateChanged;

    public KubeMQConnectionState State => (KubeMQConnectionState)Volatile.Read(ref _state);

    public void ReportReachable()
    {
        if (Volatile.Read(ref _state) != (int)KubeMQConnectionState.Connected)
            MoveTo(KubeMQConnectionState.Connected);
    }

    public void ReportFailure(Exception translated)
    {
        if (translated is not KubeMQConnectionException || _lifetime.IsCancellationRequested)
            return;
        if (State is KubeMQConnectionState.Reconnecting or KubeMQConnectionState.Disposed)
            return;
        MoveTo(KubeMQConnectionState.Reconnecting);
        if (Interlocked.Exchange(ref _probing, 1) == 0)
            _ = Task.Run(ProbeUntilReachableAsync);
    }

    public void MarkDisposed() => MoveTo(KubeMQConnectionState.Disposed);

    private async Task ProbeUntilReachableAsync()
    {
        try
        {
            for (var attempt = 1; !_lifetime.IsCancellationRequested; attempt++)
            {
                if (_policy.MaxAttempts > 0 && attempt > _policy.MaxAttempts)
                {
                    MoveTo(KubeMQConnectionState.Disconnected);
                    return;
                }
                await Task.Delay(_policy.DelayBefore(attempt), _lifetime).ConfigureAwait(false);
                if (State != KubeMQConnectionState.Reconnecting)
                    return; // another call got through meanwhile
                KubeMQTelemetry.RecordReconnectAttempt("connection", _clientId);
                ClientLog.ReconnectProbe(_logger, attempt);
                try
                {
                    await _probe(_lifetime).ConfigureAwait(false);
                    ReportReachable();
                    return;
                }
                catch (Exception) when (!_lifetime.IsCancellationRequested)
                {
                    // Still down: keep backing off.
                }
            }
        }
        catch (Exception) when (_lifetime.IsCancellationRequested)
        {
            // The client was disposed while probing.
        }
        finally
        {
            Volatile.Write(ref _probing, 0);
        }
    }

    private void MoveTo(KubeMQConnectionState next)
    {
        int previous;
        do
        {
            previous = Volatile.Read(ref _state);
            if (previous == (int)next || previous == (int)KubeMQConnectionState.Disposed)
                return;
        }
        while (Interlocked.CompareExchange(ref _state, (int)next, previous) != previous);
        ClientLog.ConnectionStateChanged(_logger, (KubeMQConnectionState)previous, next);
        if (next == KubeMQConnectionState.Connected && previous is (int)KubeMQConnectionState.Reconnecting or (int)KubeMQConnectionState.Disconnected)
            KubeMQTelemetry.RecordReconnection(_clientId);
        StateChanged?.Invoke(this, next);
    }
}
