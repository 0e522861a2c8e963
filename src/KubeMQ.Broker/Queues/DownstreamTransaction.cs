namespace KubeMQ.Broker.Queues;

/// <summary>
/// The messages one Get of a QueuesDownstream stream holds until they are acked, nacked, requeued or returned.
/// Owned by one stream, whose requests are handled one at a time, so it needs no lock of its own.
/// </summary>
internal sealed class DownstreamTransaction(string id, MessageQueue queue, List<StoredQueueMessage> held)
{
    private readonly Dictionary<long, StoredQueueMessage> _held = held.ToDictionary(m => (long)m.Sequence);

    public string Id { get; } = id;

    public MessageQueue Queue { get; } = queue;

    public bool IsEmpty => _held.Count == 0;

    public IEnumerable<long> ActiveOffsets => _held.Keys;

    /// <summary>Removes and returns every held message, lowest sequence first (so a nack keeps their FIFO order).</summary>
    public List<StoredQueueMessage> ReleaseAll()
    {
        var all = _held.Values.OrderBy(m => m.Sequence).ToList();
        _held.Clear();
        return all;
    }

    public bool TryRelease(long sequence, out StoredQueueMessage message) => _held.Remove(sequence, out message!);
}
