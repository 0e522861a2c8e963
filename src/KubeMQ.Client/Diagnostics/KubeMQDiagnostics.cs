namespace KubeMQ.Client;

/// <summary>
/// The names to subscribe to for the client's traces and metrics (docs/observability.md): for example
/// <c>tracing.AddSource(KubeMQDiagnostics.ActivitySourceName)</c> and <c>metrics.AddMeter(KubeMQDiagnostics.MeterName)</c>
/// in an OpenTelemetry pipeline. Nothing is recorded, and nothing allocated for it, while nobody listens.
/// </summary>
public static class KubeMQDiagnostics
{
    /// <summary>The <see cref="System.Diagnostics.ActivitySource"/> of every send, receive and process span.</summary>
    public const string ActivitySourceName = "KubeMQ.Client";

    /// <summary>The <see cref="System.Diagnostics.Metrics.Meter"/> of the operation, message, reconnect and subscription instruments.</summary>
    public const string MeterName = "KubeMQ.Client";
}
