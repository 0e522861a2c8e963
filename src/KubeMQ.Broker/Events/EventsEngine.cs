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
    private readonly RoutedChannels<EventReceive> _routing = new(ChannelType.Events, options, time);

    public ChannelType Type => ChannelType.Events;

    public int SubscriberCount => _routing.SubscriberCount;

    public long DroppedForSlowSubscribers => _routing.DroppedForSlowSubscribers;

    public Subscriber<EventReceive> Subscribe(string channel, string group) => _routing.Subscribe(channel, group);

    public void Unsubscribe(Subscriber<EventReceive> subscriber) => _routing.Unsubscribe(subscriber);

    /// <summary>Routes a validated event; completes once every target has it buffered or has dropped it.</summary>
    public ValueTask PublishAsync(Event message)
    {
        var activity = _routing.Activity(message.Channel);
        var volume = message.Body.Length;
        activity.RecordIncoming(volume);

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
        return _routing.DeliverAsync(message.Channel, receive, activity, volume);
    }

    public void Create(string name) => _routing.Activity(name);

    public bool Delete(string name) => _routing.Delete(name);

    public IReadOnlyList<ChannelInfo> List() => _routing.List();
}
