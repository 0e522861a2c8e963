namespace KubeMQ.Client;

/// <summary>The client's view of its connection to the broker.</summary>
public enum KubeMQConnectionState
{
    /// <summary>No call has completed yet.</summary>
    Idle,
    /// <summary>The last call or stream reached the broker.</summary>
    Connected,
    /// <summary>The broker went away; the client is probing it with backoff and subscriptions are coming back.</summary>
    Reconnecting,
    /// <summary>The reconnect policy ran out of attempts; the next successful call brings the client back.</summary>
    Disconnected,
    /// <summary>The client was disposed.</summary>
    Disposed,
}
