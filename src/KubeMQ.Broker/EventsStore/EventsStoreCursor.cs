using System.Collections.Concurrent;
using KubeMQ.Grpc;

namespace KubeMQ.Broker.EventsStore;

/// <summary>
/// The next sequence a subscription (or a whole consumer group, whose members share one cursor) will read. Taking an
/// entry is a compare-and-swap, so group members each get different messages without a lock.
/// </summary>
internal sealed class EventsStoreCursor(long next)
{
    private readonly ConcurrentQueue<EventReceive> _givenBack = new();
    private long _next = next;

    public long Next => Volatile.Read(ref _next);

    /// <summary>
    /// Returns an entry a group member took but could not write because its stream broke, so that another member of
    /// the group delivers it (as a durable queue group redelivers an unacknowledged message).
    /// </summary>
    public void GiveBack(EventReceive entry) => _givenBack.Enqueue(entry);

    public bool TryTake(EventLog log, out EventReceive entry)
    {
        if (_givenBack.TryDequeue(out entry!))
            return true;
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
