using System.Runtime.CompilerServices;
using Google.Protobuf;
using KubeMQ.Grpc;

namespace KubeMQ.Client;

public sealed partial class KubeMQClient
{
    /// <summary>Publishes a plain event (at-most-once): delivered to the subscribers connected right now.</summary>
    public async Task SendEventAsync(EventMessage message, CancellationToken cancellationToken = default)
    {
        var wire = ToWireEvent(message, store: false, "EventMessage");
        ThrowIfDisposed();
        // The hottest path of the client: the call is made here rather than through UnaryAsync, which saves one
        // async state machine per event.
        Result result;
        try
        {
            var options = await Calls.CreateAsync(null, cancellationToken).ConfigureAwait(false);
            using var call = Grpc.SendEventAsync(wire, options);
            result = await call.ResponseAsync.ConfigureAwait(false);
            ReportReachable();
        }
        catch (Exception e)
        {
            throw Fail(e, "SendEvent", cancellationToken);
        }
        if (!result.Sent)
            throw new KubeMQRemoteException($"SendEvent to '{message.Channel}' failed: {result.Error}", result.Error);
    }

    /// <summary>Opens a SendEventsStream publisher for high-throughput sends (see <see cref="EventsStreamPublisher"/>).</summary>
    public async Task<EventsStreamPublisher> CreateEventsStreamPublisherAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        var publisher = new EventsStreamPublisher(this);
        await publisher.OpenAsync(cancellationToken).ConfigureAwait(false);
        Track(publisher);
        return publisher;
    }

    /// <summary>Subscribes to plain events; the enumeration runs until <paramref name="cancellationToken"/> fires or the client is disposed.</summary>
    public IAsyncEnumerable<EventReceived> SubscribeToEvents(EventsSubscription subscription, CancellationToken cancellationToken = default)
    {
        var request = ToWireEventsSubscription(subscription);
        return ReadEventsAsync(request, null, cancellationToken);
    }

    /// <summary>
    /// Subscribes to plain events with a handler, called for one event at a time. A throwing handler is logged and
    /// the subscription continues.
    /// </summary>
    public KubeMQSubscription SubscribeToEvents(EventsSubscription subscription, Func<EventReceived, CancellationToken, ValueTask> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var request = ToWireEventsSubscription(subscription);
        return StartSubscription(subscription.Channel, (activity, token) =>
            DispatchEventsAsync("Events", subscription.Channel, ReadEventsAsync(request, activity, token), handler, token));
    }

    private IAsyncEnumerable<EventReceived> ReadEventsAsync(Subscribe request, SubscriptionActivity? activity, CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        return MapEventsAsync(SubscriptionStream.ReadAsync(this, "Events", request.Channel,
            options => Grpc.SubscribeToEvents(request, options), activity, cancellationToken), cancellationToken);

        static async IAsyncEnumerable<EventReceived> MapEventsAsync(IAsyncEnumerable<EventReceive> source, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await foreach (var wire in source.WithCancellation(cancellationToken).ConfigureAwait(false))
                yield return ToEventReceived(wire);
        }
    }

    private Subscribe ToWireEventsSubscription(EventsSubscription subscription)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        ChannelNameRules.ValidateForSubscribe(subscription.Channel, "EventsSubscription.Channel", allowWildcards: true);
        return new Subscribe
        {
            SubscribeTypeData = Subscribe.Types.SubscribeType.Events,
            ClientID = ClientId,
            Channel = subscription.Channel,
            Group = subscription.Group ?? "",
        };
    }

    internal Event ToWireEvent(EventMessage message, bool store, FieldName field)
    {
        ArgumentNullException.ThrowIfNull(message);
        ChannelNameRules.ValidateForSend(message.Channel, field.Member("Channel"));
        MessageRules.ValidateNotEmpty(message.Body, message.Metadata, field);
        var wire = new Event
        {
            EventID = message.Id ?? "",
            ClientID = ClientId,
            Channel = message.Channel,
            Metadata = message.Metadata ?? "",
            Body = message.Body.IsEmpty ? ByteString.Empty : UnsafeByteOperations.UnsafeWrap(message.Body),
            Store = store,
        };
        WireTags.CopyTo(message.Tags, wire.Tags, field.Member("Tags"));
        return wire;
    }

    internal static EventReceived ToEventReceived(EventReceive wire) => new()
    {
        Id = wire.EventID,
        Channel = wire.Channel,
        Metadata = wire.Metadata,
        Body = wire.Body.Memory,
        Tags = wire.Tags.Count == 0 ? EmptyTags.Instance : wire.Tags,
        Sequence = wire.Sequence,
        Timestamp = WireTime.FromUnixNanoseconds(wire.Timestamp),
    };

    private async Task DispatchEventsAsync(string kind, string channel, IAsyncEnumerable<EventReceived> events,
        Func<EventReceived, CancellationToken, ValueTask> handler, CancellationToken cancellationToken)
    {
        await foreach (var received in events.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                await handler(received, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                ClientLog.HandlerFailed(Logger, e, kind, channel);
            }
        }
    }

    private KubeMQSubscription StartSubscription(string channel, Func<SubscriptionActivity, CancellationToken, Task> run)
    {
        ThrowIfDisposed();
        var subscription = new KubeMQSubscription(channel, Lifetime, run, Untrack);
        Track(subscription);
        return subscription;
    }
}
