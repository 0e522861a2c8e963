namespace KubeMQ.Typed;

/// <summary>
/// The names of the typed layer's traces and metrics (docs/observability.md). The wire spans (send, receive, and the
/// processing of events and requests) come from <see cref="KubeMQ.Client.KubeMQDiagnostics"/>; the typed layer adds the
/// processing span of each queue message a typed consumer handles, since only it sees messages one by one.
/// </summary>
public static class KubeMQTypedDiagnostics
{
    public const string ActivitySourceName = "KubeMQ.Typed";

    public const string MeterName = "KubeMQ.Typed";
}
