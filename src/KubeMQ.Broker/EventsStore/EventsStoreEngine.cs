using System.Collections.Concurrent;
using KubeMQ.Broker.Channels;
using KubeMQ.Broker.Hosting;
using KubeMQ.Grpc;

namespace KubeMQ.Broker.EventsStore;

/// <summary>
/// Persistent events (section 5.2), kept in memory for the broker's lifetime: one log per channel, read by each
/// subscription from its start position at its own pace; consumer groups share a cursor.
/// </summary>
internal sealed class EventsStoreEngine(BrokerRuntime runtime) : IChannelCatalog
{
    private readonly ConcurrentDictionary<string, StoredChannel> _channels = new(StringComparer.Ordinal);

    public ChannelType Type => ChannelType.EventsStore;

    public int SubscriberCount
    {
        get
        {
            var count = 0;
            foreach (var channel in _channels.Values)
                count += channel.Subscribers;
            return count;
        }
    }

    /// <summary>Stores a validated event and returns the stored copy with its sequence and timestamp.</summary>
    public EventReceive Publish(Event message)
    {
        var channel = Channel(message.Channel);
        var stored = channel.Log.Append(message, runtime.UnixNanosNow());
        channel.Activity.RecordIncoming(message.Body.Length);
        return stored;
    }

    /// <summary>Subscribes with a validated events-store subscription (no wildcards, a known start type).</summary>
    public EventsStoreSubscription Subscribe(Subscribe subscription)
    {
        var channel = Channel(subscription.Channel);
        channel.Activity.Touch();
        var first = StartPosition.FirstSequence(subscription, channel.Log, runtime.UnixNanosNow());
        var cursor = subscription.Group.Length == 0 ? new EventsStoreCursor(first) : channel.JoinGroup(subscription.Group, first);
        return new EventsStoreSubscription(channel, cursor, subscription.Group);
    }

    public void Create(string name) => Channel(name);

    /// <summary>
    /// Forgets the channel and its stored messages. Subscriptions already reading keep the old log until they end; the
    /// next publish starts a new log at sequence 1.
    /// </summary>
    public bool Delete(string name) => _channels.TryRemove(name, out _);

    public IReadOnlyList<ChannelInfo> List()
    {
        var rows = new List<ChannelInfo>(_channels.Count);
        foreach (var (name, channel) in _channels)
            rows.Add(channel.Activity.ToInfo(name, ChannelType.EventsStore, channel.IsActive));
        return rows;
    }

    private StoredChannel Channel(string name) =>
        _channels.GetOrAdd(name, static (_, clock) => new StoredChannel(clock), runtime.Time);
}
