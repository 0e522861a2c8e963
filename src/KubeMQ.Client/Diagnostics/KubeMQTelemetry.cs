using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace KubeMQ.Client;

/// <summary>
/// The client's one <see cref="ActivitySource"/> and one <see cref="Meter"/> with their instruments. Process-wide, as
/// the OpenTelemetry SDK expects: listeners subscribe by name (<see cref="KubeMQDiagnostics"/>). Every instrument
/// reports <c>Enabled = false</c> until something listens, and the call sites check that before measuring.
/// </summary>
internal static class KubeMQTelemetry
{
    private static readonly string Version = typeof(KubeMQTelemetry).Assembly.GetName().Version?.ToString() ?? "0.0.0";

    // The semantic conventions' advice for messaging durations, in seconds.
    private static readonly InstrumentAdvice<double> DurationAdvice = new()
    {
        HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10],
    };

    public static readonly ActivitySource Source = new(KubeMQDiagnostics.ActivitySourceName, Version);

    public static readonly Meter Meter = new(KubeMQDiagnostics.MeterName, Version);

    public static readonly Histogram<double> OperationDuration = Meter.CreateHistogram(
        "messaging.client.operation.duration", "s", "Duration of a send, receive or settle operation, as the client sees it.",
        tags: null, advice: DurationAdvice);

    public static readonly Histogram<double> ProcessDuration = Meter.CreateHistogram(
        "messaging.process.duration", "s", "Duration of a handler processing one delivered message or request.",
        tags: null, advice: DurationAdvice);

    public static readonly Counter<long> SentMessages = Meter.CreateCounter<long>(
        "messaging.client.sent.messages", "{message}", "Messages the client attempted to send (error.type set when the send failed).");

    public static readonly Counter<long> ConsumedMessages = Meter.CreateCounter<long>(
        "messaging.client.consumed.messages", "{message}", "Messages delivered to the client (events, requests, queue messages).");

    public static readonly Counter<long> ReconnectAttempts = Meter.CreateCounter<long>(
        "kubemq.client.reconnect.attempts", "{attempt}", "Attempts to reach the broker again after it went away (connection probes and subscription re-opens).");

    public static readonly Counter<long> Reconnections = Meter.CreateCounter<long>(
        "kubemq.client.reconnections", "{reconnection}", "Times the client reached the broker again after losing it.");

    public static readonly UpDownCounter<long> ActiveSubscriptions = Meter.CreateUpDownCounter<long>(
        "kubemq.client.active_subscriptions", "{subscription}", "Subscription streams currently established with the broker.");

    public static TagList Tags(string operationType, string pattern, string channel)
    {
        var tags = new TagList
        {
            { MessagingAttributes.System, MessagingAttributes.SystemValue },
            { MessagingAttributes.OperationName, operationType },
            { MessagingAttributes.DestinationName, channel },
            { MessagingAttributes.Pattern, pattern },
        };
        return tags;
    }

    public static void RecordSent(string pattern, string channel, long count, string? errorType)
    {
        if (!SentMessages.Enabled)
            return;
        var tags = Tags(MessagingAttributes.Send, pattern, channel);
        if (errorType is not null)
            tags.Add(MessagingAttributes.ErrorType, errorType);
        SentMessages.Add(count, tags);
    }

    public static void RecordConsumed(string operationType, string pattern, string channel, long count)
    {
        if (count > 0 && ConsumedMessages.Enabled)
            ConsumedMessages.Add(count, Tags(operationType, pattern, channel));
    }

    public static void RecordSubscriptionActive(string pattern, string channel, int delta)
    {
        if (ActiveSubscriptions.Enabled)
            ActiveSubscriptions.Add(delta, Tags(MessagingAttributes.Receive, pattern, channel));
    }

    public static void RecordReconnectAttempt(string target, string clientId)
    {
        if (ReconnectAttempts.Enabled)
            ReconnectAttempts.Add(1, new KeyValuePair<string, object?>(MessagingAttributes.System, MessagingAttributes.SystemValue),
                new KeyValuePair<string, object?>(MessagingAttributes.ClientId, clientId),
                new KeyValuePair<string, object?>("kubemq.reconnect.target", target));
    }

    public static void RecordReconnection(string clientId)
    {
        if (Reconnections.Enabled)
            Reconnections.Add(1, new KeyValuePair<string, object?>(MessagingAttributes.System, MessagingAttributes.SystemValue),
                new KeyValuePair<string, object?>(MessagingAttributes.ClientId, clientId));
    }

    /// <summary>The pattern of a subscription kind as the client's loops name it ("Events", "EventsStore", ...).</summary>
    public static string PatternOfKind(string kind) => kind switch
    {
        "Events" => MessagingPattern.Events,
        "EventsStore" => MessagingPattern.EventsStore,
        "Commands" => MessagingPattern.Commands,
        "Queries" => MessagingPattern.Queries,
        _ => MessagingPattern.Queues,
    };
}
