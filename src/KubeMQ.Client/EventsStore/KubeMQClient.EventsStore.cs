using System.Diagnostics;
using System.Runtime.CompilerServices;
using KubeMQ.Grpc;

namespace KubeMQ.Client;

public sealed partial class KubeMQClient
{
    /// <summary>Stores an event in an events-store channel; the result says whether the broker stored it.</summary>
    public async Task<EventStoreResult> SendEventStoreAsync(EventMessage message, CancellationToken cancellationToken = default)
    {
        var wire = ToWireEvent(message, store: true, "EventMessage");
        var operation = StartSend(MessagingPattern.EventsStore, wire.Channel, ActivityKind.Producer, wire.Tags, wire.EventID, wire.Body.Length);
        Result result;
        try
        {
            result = await UnaryAsync(wire, static (grpc, request, options) => grpc.SendEventAsync(request, options), "SendEventStore", null, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            EndSend(operation, MessagingPattern.EventsStore, wire.Channel, 1, e);
            throw;
        }
        operation.SetMessage(result.EventID, wire.Body.Length);
        if (result.Sent)
            EndSend(operation, MessagingPattern.EventsStore, wire.Channel, 1, null);
        else
        {
            operation.Fail("not_stored", result.Error);
            KubeMQTelemetry.RecordSent(MessagingPattern.EventsStore, wire.Channel, 1, "not_stored");
        }
        return new EventStoreResult { Id = result.EventID, Sent = result.Sent, Error = string.IsNullOrEmpty(result.Error) ? null : result.Error };
    }

    /// <summary>
    /// Subscribes to an events-store channel. After a reconnect the subscription resumes at the last received
    /// sequence + 1, so nothing is missed or delivered twice.
    /// </summary>
    public IAsyncEnumerable<EventReceived> SubscribeToEventsStore(EventsStoreSubscription subscription, CancellationToken cancellationToken = default)
    {
        ValidateEventsStoreSubscription(subscription);
        return ReadEventsStoreAsync(subscription, null, cancellationToken);
    }

    /// <summary>Subscribes to an events-store channel with a handler (one event at a time; a throwing handler is logged and skipped).</summary>
    public KubeMQSubscription SubscribeToEventsStore(EventsStoreSubscription subscription, Func<EventReceived, CancellationToken, ValueTask> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ValidateEventsStoreSubscription(subscription);
        return StartSubscription(subscription.Channel, (activity, token) =>
            DispatchEventsAsync("EventsStore", subscription.Group, ReadEventsStoreAsync(subscription, activity, token), handler, token));
    }

    private static void ValidateEventsStoreSubscription(EventsStoreSubscription subscription)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        ChannelNameRules.ValidateForSubscribe(subscription.Channel, "EventsStoreSubscription.Channel", allowWildcards: false);
        subscription.StartPosition.ToWireValue("EventsStoreSubscription.StartPosition");
    }

    private async IAsyncEnumerable<EventReceived> ReadEventsStoreAsync(EventsStoreSubscription subscription, SubscriptionActivity? activity,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        var cursor = new EventsStoreCursor(subscription.StartPosition);
        var stream = SubscriptionStream.ReadAsync(this, "EventsStore", subscription.Channel, options =>
        {
            var position = cursor.NextPosition();
            var request = new Subscribe
            {
                SubscribeTypeData = Subscribe.Types.SubscribeType.EventsStore,
                ClientID = ClientId,
                Channel = subscription.Channel,
                Group = subscription.Group ?? "",
                EventsStoreTypeData = (Subscribe.Types.EventsStoreType)position.Kind,
                EventsStoreTypeValue = position.ToWireValue("EventsStoreSubscription.StartPosition"),
            };
            return Grpc.SubscribeToEvents(request, options);
        }, activity, cancellationToken);

        await foreach (var wire in stream.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (!cursor.Advance(wire.Sequence, wire.Timestamp, out var sequenceReset))
                continue;
            if (sequenceReset)
                ClientLog.EventsStoreSequenceReset(Logger, subscription.Channel, wire.Sequence);
            KubeMQTelemetry.RecordConsumed(MessagingAttributes.Receive, MessagingPattern.EventsStore, wire.Channel, 1);
            yield return ToEventReceived(wire);
        }
    }
}
