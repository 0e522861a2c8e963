using KubeMQ.Grpc;

namespace KubeMQ.Broker.EventsStore;

/// <summary>
/// The next sequence a subscription (or a whole consumer group, whose members share one cursor) will read. Taking an
/// entry is a compare-and-swap, so group members each get different messages without a lock.
/// </summary>
internal sealed class EventsStoreCursor(long next)
{
    private long _next = next;

    public long Next => Volatile.Read(ref _next);

    public bool TryTake(EventLog log, out EventReceive entry)
    {
        while (true)
        {
            var next = Volatile.Read(ref _next);
            if (next > log.LastSequence)
            {
                entry = null!;
                return false;
            }
            if (Interlocked.CompareExchange(ref _next, next + 1, next) == next)
            {
                entry = log.Get(next);
                return true;
            }
        }
    }
}
