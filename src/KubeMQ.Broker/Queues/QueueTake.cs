using KubeMQ.Grpc;

namespace KubeMQ.Broker.Queues;

/// <summary>What one receive collected: the messages now held by the caller and the copies to send on the wire.</summary>
internal sealed class QueueTake
{
    /// <summary>Messages locked to the caller until it acks, returns or re-publishes them.</summary>
    public List<StoredQueueMessage> Held { get; } = [];

    /// <summary>The wire copies of <see cref="Held"/>, in the same order (receive count already incremented).</summary>
    public List<QueueMessage> Delivered { get; } = [];

    /// <summary>Messages found expired on the way and dropped.</summary>
    public int Expired { get; set; }

    /// <summary>Messages that exhausted their receive count on the way; routed after the queue lock is released.</summary>
    public List<StoredQueueMessage> DeadLetters { get; } = [];
}
