using System.Collections.Concurrent;
using KubeMQ.Broker.Channels;
using KubeMQ.Broker.Routing;
using KubeMQ.Grpc;

namespace KubeMQ.Broker.Events;

/// <summary>
/// Plain events (section 5.1): at-most-once fan-out to every ungrouped subscriber and to one member of each consumer
/// group, wildcards on subscribe only, nothing stored. A subscriber whose buffer stays full loses messages, counted in
/// <see cref="DroppedForSlowSubscribers"/>.
/// </summary>
internal sealed class EventsEngine(KubeMQBrokerOptions options, TimeProvider time) : IChannelCatalog
{
    private readonly SubscriberRegistry<EventReceive> _subscribers = new();
    private readonly ConcurrentDictionary<string, ChannelActivity> _channels = new(StringComparer.Ordinal);
    private long _dropped;

    public ChannelType Type => ChannelType.Events;

    public int SubscriberCount => _subscribers.Count;

    /// <summary>Messages a subscriber lost because its buffer stayed full for the slow-subscriber deadline.</summary>
    public long DroppedForSlowSubscribers => Interlocked.Read(ref _dropped);

    public Subscriber<EventReceive> Subscribe(string channel, string group)
    {
        var pattern = SubjectPattern.Parse(channel);
        if (!pattern.HasWildcards)
            Activity(channel).Touch();
        var subscriber = new Subscriber<EventReceive>(pattern, group, options.EventSubscriberBufferSize);
        _subscribers.Add(subscriber);
        return subscriber;
    }

    public void Unsubscribe(Subscriber<EventReceive> subscriber)
    {
        _subscribers.Remove(subscriber);
        subscriber.Close();
    }

    /// <summary>Routes a validated event; completes once every target has it buffered or has dropped it.</summary>
    public async ValueTask PublishAsync(Event message)
    {
        var activity = Activity(message.Channel);
        var volume = message.Body.Length;
        activity.RecordIncoming(volume);

        var targets = new List<Subscriber<EventReceive>>();
        _subscribers.CollectTargets(message.Channel, targets);
        if (targets.Count == 0)
            return;

        // Timestamp and Sequence stay 0 for plain events, as KubeMQ sends them; one instance serves every subscriber
        // because protobuf serialization only reads it.
        var receive = new EventReceive
        {
            EventID = message.EventID,
            Channel = message.Channel,
            Metadata = message.Metadata,
            Body = message.Body,
        };
        receive.Tags.Add(message.Tags);

        var outcome = await FanOut.DeliverAsync(targets, receive, options.SlowSubscriberDeadline, time).ConfigureAwait(false);
        activity.RecordOutgoing(outcome.Delivered, volume);
        if (outcome.Dropped > 0)
            Interlocked.Add(ref _dropped, outcome.Dropped);
    }

    public void Create(string name) => Activity(name);

    public bool Delete(string name) => _channels.TryRemove(name, out _);

    public IReadOnlyList<ChannelInfo> List()
    {
        var rows = new List<ChannelInfo>(_channels.Count);
        foreach (var (name, activity) in _channels)
            rows.Add(activity.ToInfo(name, ChannelType.Events, _subscribers.HasSubscribersFor(name)));
        return rows;
    }

    private ChannelActivity Activity(string channel) =>
        _channels.GetOrAdd(channel, static (_, clock) => new ChannelActivity(clock), time);
}
