using KubeMQ.Grpc;

namespace KubeMQ.Broker.EventsStore;

/// <summary>
/// A live events-store subscription: it reads the stored log at its own pace through its cursor (its own, or its
/// group's), so a slow subscriber is never handed more than it writes and never loses a message.
/// </summary>
internal sealed class EventsStoreSubscription : IDisposable
{
    private readonly StoredChannel _channel;
    private readonly EventsStoreCursor _cursor;
    private readonly string _group;
    private int _disposed;

    public EventsStoreSubscription(StoredChannel channel, EventsStoreCursor cursor, string group)
    {
        _channel = channel;
        _cursor = cursor;
        _group = group;
        channel.Join();
    }

    /// <summary>The next stored message for this subscription, waiting for an append when it has caught up.</summary>
    public async ValueTask<EventReceive> NextAsync(CancellationToken cancellationToken)
    {
        var log = _channel.Log;
        while (true)
        {
            var appended = log.NextAppend;
            if (_cursor.TryTake(log, out var entry))
            {
                _channel.Activity.RecordOutgoing(1, entry.Body.Length);
                return entry;
            }
            await appended.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Hands back an entry this subscription could not write. Only a group has someone to pass it to; an ungrouped
    /// subscription is ending anyway and a new one chooses its own start position.
    /// </summary>
    public void GiveBack(EventReceive entry)
    {
        if (_group.Length == 0)
            return;
        _cursor.GiveBack(entry);
        _channel.Log.WakeReaders();
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        if (_group.Length > 0)
            _channel.LeaveGroup(_group);
        _channel.Leave();
    }
}
