using System.Collections.Concurrent;
using KubeMQ.Broker.Channels;

namespace KubeMQ.Broker.Routing;

/// <summary>
/// The channels and subscriptions of one routed pattern (events, commands or queries): who listens, the counters of
/// each channel, and at-most-once delivery through bounded subscriber buffers. The pattern engines add their own
/// semantics on top (replies and the cache for requests).
/// </summary>
internal sealed class RoutedChannels<T>(ChannelType type, KubeMQBrokerOptions options, TimeProvider time)
    where T : class
{
    private readonly SubscriberRegistry<T> _subscribers = new();
    private readonly ConcurrentDictionary<string, ChannelActivity> _channels = new(StringComparer.Ordinal);
    private long _dropped;

    public int SubscriberCount => _subscribers.Count;

    /// <summary>Messages a subscriber lost because its buffer stayed full for the slow-subscriber deadline.</summary>
    public long DroppedForSlowSubscribers => Interlocked.Read(ref _dropped);

    public Subscriber<T> Subscribe(string channel, string group)
    {
        var pattern = SubjectPattern.Parse(channel);
        if (!pattern.HasWildcards)
            Activity(channel).Touch();
        var subscriber = new Subscriber<T>(pattern, group, options.EventSubscriberBufferSize);
        _subscribers.Add(subscriber);
        return subscriber;
    }

    public void Unsubscribe(Subscriber<T> subscriber)
    {
        _subscribers.Remove(subscriber);
        subscriber.Close();
    }

    /// <summary>
    /// Hands the message to every ungrouped subscriber matching <paramref name="channel"/> and to one member of each
    /// matching group; completes once each has it buffered or has dropped it.
    /// </summary>
    public async ValueTask DeliverAsync(string channel, T message, ChannelActivity activity, long volume)
    {
        var targets = new List<Subscriber<T>>();
        _subscribers.CollectTargets(channel, targets);
        if (targets.Count == 0)
            return;
        var outcome = await FanOut.DeliverAsync(targets, message, options.SlowSubscriberDeadline, time).ConfigureAwait(false);
        activity.RecordOutgoing(outcome.Delivered, volume);
        if (outcome.Dropped > 0)
            Interlocked.Add(ref _dropped, outcome.Dropped);
    }

    public bool HasSubscribersFor(string channel) => _subscribers.HasSubscribersFor(channel);

    public ChannelActivity Activity(string channel) =>
        _channels.GetOrAdd(channel, static (_, clock) => new ChannelActivity(clock), time);

    public bool Delete(string name) => _channels.TryRemove(name, out _);

    public IReadOnlyList<ChannelInfo> List()
    {
        var rows = new List<ChannelInfo>(_channels.Count);
        foreach (var (name, activity) in _channels)
            rows.Add(activity.ToInfo(name, type, _subscribers.HasSubscribersFor(name)));
        return rows;
    }
}
