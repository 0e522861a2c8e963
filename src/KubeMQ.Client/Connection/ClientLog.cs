using Microsoft.Extensions.Logging;

namespace KubeMQ.Client;

/// <summary>Source-generated log messages of the client. Message bodies are never logged.</summary>
internal static partial class ClientLog
{
    [LoggerMessage(1, LogLevel.Information, "KubeMQ client {ClientId} created for {Address}")]
    public static partial void ClientCreated(ILogger logger, string clientId, Uri address);

    [LoggerMessage(2, LogLevel.Information, "{Kind} subscription to {Channel} is established")]
    public static partial void SubscriptionEstablished(ILogger logger, string kind, string channel);

    [LoggerMessage(3, LogLevel.Information, "{Kind} subscription to {Channel} is re-established after {Attempts} attempt(s)")]
    public static partial void SubscriptionRestored(ILogger logger, string kind, string channel, int attempts);

    [LoggerMessage(4, LogLevel.Warning, "{Kind} subscription to {Channel} lost its stream ({Reason}); reconnect attempt {Attempt} in {Delay}")]
    public static partial void SubscriptionReconnecting(ILogger logger, string kind, string channel, string reason, int attempt, TimeSpan delay);

    [LoggerMessage(5, LogLevel.Error, "{Kind} subscription to {Channel} stopped")]
    public static partial void SubscriptionStopped(ILogger logger, Exception exception, string kind, string channel);

    [LoggerMessage(6, LogLevel.Error, "{Kind} handler for {Channel} threw; the subscription continues")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, string kind, string channel);

    [LoggerMessage(7, LogLevel.Warning, "Could not send the response to request {RequestId} on {Channel}")]
    public static partial void ResponseFailed(ILogger logger, Exception exception, string requestId, string channel);

    [LoggerMessage(8, LogLevel.Warning, "{Stream} stream broke ({Reason}); pending operations fail and the next one reopens it")]
    public static partial void StreamBroken(ILogger logger, string stream, string reason);

    [LoggerMessage(9, LogLevel.Information, "Connection state changed from {Previous} to {Current}")]
    public static partial void ConnectionStateChanged(ILogger logger, KubeMQConnectionState previous, KubeMQConnectionState current);

    [LoggerMessage(10, LogLevel.Warning, "Poll response for transaction {TransactionId} on {Channel} arrived after the poll was cancelled; its messages are released")]
    public static partial void AbandonedPollReleased(ILogger logger, string transactionId, string channel);

    [LoggerMessage(12, LogLevel.Information, "Probing the broker, reconnect attempt {Attempt}")]
    public static partial void ReconnectProbe(ILogger logger, int attempt);

    [LoggerMessage(11, LogLevel.Warning, "Events store channel {Channel} restarted its sequence at {Sequence}: the broker lost its store; following it")]
    public static partial void EventsStoreSequenceReset(ILogger logger, string channel, ulong sequence);
}
