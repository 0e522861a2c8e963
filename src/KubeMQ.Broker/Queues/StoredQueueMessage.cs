using KubeMQ.Grpc;

namespace KubeMQ.Broker.Queues;

/// <summary>
/// A message while the broker owns it. Its <see cref="Message"/> attributes (sequence, receive count, timestamp) are
/// mutated only under the owning <see cref="MessageQueue"/>'s lock; consumers always get a clone, so a late write of
/// an old delivery can never observe a later mutation.
/// </summary>
internal sealed class StoredQueueMessage(QueueMessage message, int maxReceiveCount, string deadLetterQueue)
{
    public QueueMessage Message { get; } = message;

    /// <summary>Bytes accounted to the queue (the serialized size when it was stored).</summary>
    public int Size { get; } = message.CalculateSize();

    /// <summary>The effective MaxReceiveCount: the policy's value, 0 already replaced by the broker maximum.</summary>
    public int MaxReceiveCount { get; } = maxReceiveCount;

    /// <summary>Where the message goes once it would exceed <see cref="MaxReceiveCount"/>; empty means discard.</summary>
    public string DeadLetterQueue { get; } = deadLetterQueue;

    public ulong Sequence => Message.Attributes.Sequence;

    public long ExpirationAt => Message.Attributes.ExpirationAt;

    public long DelayedTo => Message.Attributes.DelayedTo;

    public int ReceiveCount => Message.Attributes.ReceiveCount;

    public bool IsExpiredAt(long unixNanos) => ExpirationAt != 0 && unixNanos >= ExpirationAt;

    /// <summary>Another delivery would exceed the policy: the message is dead-lettered instead of delivered.</summary>
    public bool HasExhaustedDeliveries => ReceiveCount >= MaxReceiveCount;

    public static readonly IComparer<StoredQueueMessage> BySequence =
        Comparer<StoredQueueMessage>.Create(static (a, b) => a.Sequence.CompareTo(b.Sequence));
}
