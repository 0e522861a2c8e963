namespace KubeMQ.Typed;

/// <summary>
/// Queues: the delivery policy of messages sent by one method, overriding the contract's defaults property by property
/// (a value left at -1, or null for the queue name, keeps the contract's value).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class QueuePolicyAttribute : Attribute
{
    public int DelaySeconds { get; set; } = -1;

    public int ExpirationSeconds { get; set; } = -1;

    public int MaxReceiveCount { get; set; } = -1;

    public string? DeadLetterQueue { get; set; }
}
