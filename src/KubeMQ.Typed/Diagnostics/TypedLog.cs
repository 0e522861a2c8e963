using Microsoft.Extensions.Logging;

namespace KubeMQ.Typed;

/// <summary>
/// Source-generated log messages of the typed bindings, with stable event ids (2001 and up; the client's are below 100, the hosted service's from 2101).
/// Message bodies are never logged: only channel, wire name and ids.
/// </summary>
internal static partial class TypedLog
{
    [LoggerMessage(2001, LogLevel.Warning, "Typed responder on {Channel} failed {Method}")]
    public static partial void ResponderFailed(ILogger logger, Exception exception, string channel, string method);

    [LoggerMessage(2002, LogLevel.Error, "Typed handler on {Channel} failed {Method} (event {EventId})")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, string channel, string method, string eventId);

    [LoggerMessage(2003, LogLevel.Warning, "Typed queue consumer on {Channel} could not poll; retrying")]
    public static partial void PollFailed(ILogger logger, Exception exception, string channel);

    [LoggerMessage(2004, LogLevel.Warning, "Typed queue consumer on {Channel} could not settle transaction {TransactionId}")]
    public static partial void SettleFailed(ILogger logger, Exception exception, string channel, string transactionId);

    [LoggerMessage(2005, LogLevel.Warning, "Typed queue consumer on {Channel} failed {Method} (message {MessageId}, delivery {ReceiveCount}); nacking")]
    public static partial void QueueHandlerFailed(ILogger logger, Exception exception, string channel, string method, string messageId, int receiveCount);
}
