using KubeMQ.Broker.Validation;
using KubeMQ.Grpc;

namespace KubeMQ.Broker.Queues;

/// <summary>The checks of a queue send, in KubeMQ's order; each failure is one exact error text.</summary>
internal static class QueueMessageRules
{
    public static string? Validate(QueueMessage message, KubeMQBrokerOptions options)
    {
        if (string.IsNullOrEmpty(message.ClientID))
            return BrokerErrors.EmptyClientId;
        if (!QueueNames.IsValid(message.Channel))
            return BrokerErrors.InvalidQueueName;
        if (string.IsNullOrEmpty(message.Metadata) && message.Body.IsEmpty)
            return BrokerErrors.EmptyMessage;
        var policy = message.Policy;
        if (policy is null)
            return null;
        if (policy.ExpirationSeconds < 0 || policy.ExpirationSeconds > options.QueueMaxExpirationSeconds)
            return BrokerErrors.InvalidExpiration;
        if (policy.MaxReceiveCount < 0 || policy.MaxReceiveCount > options.QueueMaxReceiveCount)
            return BrokerErrors.InvalidMaxReceiveCount;
        if (policy.DelaySeconds < 0 || policy.DelaySeconds > options.QueueMaxDelaySeconds)
            return BrokerErrors.InvalidDelay;
        if (!string.IsNullOrEmpty(policy.MaxReceiveQueue) && !QueueNames.IsValid(policy.MaxReceiveQueue))
            return BrokerErrors.InvalidQueueName;
        return null;
    }

    /// <summary>Error 136 check shared by every queue receive; 0 means one second.</summary>
    public static bool TryGetWait(int waitTimeSeconds, KubeMQBrokerOptions options, out TimeSpan wait)
    {
        wait = TimeSpan.FromSeconds(waitTimeSeconds == 0 ? 1 : waitTimeSeconds);
        return waitTimeSeconds >= 0 && waitTimeSeconds <= options.QueueMaxWaitSeconds;
    }
}
