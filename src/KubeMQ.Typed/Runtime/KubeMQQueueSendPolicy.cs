using System.ComponentModel;
using KubeMQ.Client;

namespace KubeMQ.Typed.Runtime;

/// <summary>
/// The delivery policy of one queue contract method, merged at compile time from the contract and the method's
/// <see cref="QueuePolicyAttribute"/>; generated code keeps one in a static field.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class KubeMQQueueSendPolicy
{
    public KubeMQQueueSendPolicy(int delaySeconds, int expirationSeconds, int maxReceiveCount, string? deadLetterQueue)
    {
        DelaySeconds = delaySeconds;
        ExpirationSeconds = expirationSeconds;
        MaxReceiveCount = maxReceiveCount;
        DeadLetterQueue = string.IsNullOrEmpty(deadLetterQueue) ? null : deadLetterQueue;
        ClientPolicy = DelaySeconds == 0 && ExpirationSeconds == 0 && MaxReceiveCount == 0 && DeadLetterQueue is null
            ? null
            : new QueueDeliveryPolicy
            {
                Delay = DelaySeconds > 0 ? TimeSpan.FromSeconds(DelaySeconds) : null,
                Expiration = ExpirationSeconds > 0 ? TimeSpan.FromSeconds(ExpirationSeconds) : null,
                MaxReceiveCount = MaxReceiveCount > 0 ? MaxReceiveCount : null,
                DeadLetterQueue = DeadLetterQueue,
            };
    }

    public static KubeMQQueueSendPolicy None { get; } = new(0, 0, 0, null);

    public int DelaySeconds { get; }

    public int ExpirationSeconds { get; }

    public int MaxReceiveCount { get; }

    public string? DeadLetterQueue { get; }

    internal QueueDeliveryPolicy? ClientPolicy { get; }
}
