namespace KubeMQ.Broker.Queues;

/// <summary>
/// Ids of a stream's recently closed transactions, so that a late settlement gets "closed" rather than "not found".
/// Bounded: a long-lived stream that opens millions of transactions must not grow without limit; an id older than
/// the last <see cref="Capacity"/> closes is reported as not found.
/// </summary>
internal sealed class ClosedTransactions
{
    public const int Capacity = 4096;

    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    public void Add(string id)
    {
        if (!_ids.Add(id))
            return;
        _order.Enqueue(id);
        if (_order.Count > Capacity)
            _ids.Remove(_order.Dequeue());
    }

    public bool Contains(string id) => _ids.Contains(id);
}
