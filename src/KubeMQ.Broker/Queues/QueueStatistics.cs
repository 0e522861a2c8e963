namespace KubeMQ.Broker.Queues;

/// <summary>
/// A consistent snapshot of one queue's counters. Stored counts every message the queue still owns: ready, delayed
/// and held by consumers; Waiting counts only the ready ones.
/// </summary>
internal sealed record QueueStatistics(
    string Name,
    long Stored,
    long StoredBytes,
    long FirstSequence,
    long LastSequence,
    long Sent,
    long SentBytes,
    long Delivered,
    long DeliveredBytes,
    long Waiting,
    long InFlight,
    long Delayed,
    long Expired,
    int Consumers,
    long LastActivityUnixMs);
