using System.Diagnostics;
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
        var operation = StartSend(MessagingPattern.Events, wire.Channel, ActivityKind.Producer, wire.Tags, wire.EventID, wire.Body.Length);
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
            var failure = Fail(e, "SendEvent", cancellationToken);
            EndSend(operation, MessagingPattern.Events, wire.Channel, 1, failure);
            throw failure;
        }
        if (!result.Sent)
        {
            var refused = new KubeMQRemoteException($"SendEvent to '{message.Channel}' failed: {result.Error}", result.Error);
            EndSend(operation, MessagingPattern.Events, wire.Channel, 1, refused);
            throw refused;
        }
        operation.SetMessage(result.EventID, wire.Body.Length);
        EndSend(operation, MessagingPattern.Events, wire.Channel, 1, null);
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
            DispatchEventsAsync("Events", subscription.Group, ReadEventsAsync(request, activity, token), handler, token));
    }

    private IAsyncEnumerable<EventReceived> ReadEventsAsync(Subscribe request, SubscriptionActivity? activity, CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        return MapEventsAsync(SubscriptionStream.ReadAsync(this, "Events", request.Channel,
            options => Grpc.SubscribeToEvents(request, options), activity, cancellationToken), cancellationToken);

        static async IAsyncEnumerable<EventReceived> MapEventsAsync(IAsyncEnumerable<EventReceive> source, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await foreach (var wire in source.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                KubeMQTelemetry.RecordConsumed(MessagingAttributes.Receive, MessagingPattern.Events, wire.Channel, 1);
                yield return ToEventReceived(wire);
            }
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

    private async Task DispatchEventsAsync(string kind, string? group, IAsyncEnumerable<EventReceived> events,
        Func<EventReceived, CancellationToken, ValueTask> handler, CancellationToken cancellationToken)
    {
        var pattern = KubeMQTelemetry.PatternOfKind(kind);
        await foreach (var received in events.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            // A consumer span linked to the publisher's: an event is not part of its publisher's operation.
            var operation = MessagingOperation.StartProcessing(this, pattern, received.Channel, ActivityKind.Consumer, received.Tags, null);
            operation.SetMessage(received.Id, received.Body.Length);
            if (!string.IsNullOrEmpty(group))
                operation.SetTag(MessagingAttributes.ConsumerGroup, group);
            try
            {
                await handler(received, cancellationToken).ConfigureAwait(false);
                operation.Succeed();
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                operation.Fail(e);
                ClientLog.HandlerFailed(Logger, e, kind, received.Channel);
            }
            catch (Exception e)
            {
                operation.Fail(e);
                throw;
            }
        }
    }

    /// <summary>Starts a send span and puts its trace context (or the caller's) into the outgoing tags.</summary>
    internal MessagingOperation StartSend(string pattern, string channel, ActivityKind kind,
        Google.Protobuf.Collections.MapField<string, string> tags, string? messageId, int bodySize)
    {
        var operation = MessagingOperation.Start(this, MessagingAttributes.Send, pattern, channel, kind);
        operation.SetMessage(messageId, bodySize);
        TraceContextPropagation.Inject(operation.Activity, tags);
        return operation;
    }

    /// <summary>Ends a send span and counts the messages sent (with error.type when <paramref name="failure"/> is set).</summary>
    internal static void EndSend(MessagingOperation operation, string pattern, string channel, int messages, Exception? failure)
    {
        if (failure is null)
            operation.Succeed();
        else
            operation.Fail(failure);
        KubeMQTelemetry.RecordSent(pattern, channel, messages, failure is null ? null : failure.GetType().FullName);
    }

    private KubeMQSubscription StartSubscription(string channel, Func<SubscriptionActivity, CancellationToken, Task> run)
    {
        ThrowIfDisposed();
        var subscription = new KubeMQSubscription(channel, Lifetime, run, Untrack);
        Track(subscription);
        return subscription;
    }
}
