using KubeMQ.Grpc;

namespace KubeMQ.Broker.Validation;

/// <summary>What SubscribeToEvents and SubscribeToRequests refuse (sections 5.1-5.3), each RPC with its own subscribe types.</summary>
internal static class SubscriptionValidation
{
    // A subscribe type this RPC does not serve, undefined (0) included, is Error 207 as in KubeMQ; Error 111 is about
    // the events-store start position.
    public static string? CheckEvents(Subscribe subscription)
    {
        var type = subscription.SubscribeTypeData;
        if (type is not (Subscribe.Types.SubscribeType.Events or Subscribe.Types.SubscribeType.EventsStore))
            return BrokerErrors.InvalidSubscribeType;
        var common = CheckClientAndChannel(subscription, wildcardsAllowed: type == Subscribe.Types.SubscribeType.Events);
        if (common is not null)
            return common;
        return type == Subscribe.Types.SubscribeType.Events ? CheckPlainEvents(subscription) : CheckEventsStore(subscription);
    }

    public static string? CheckRequests(Subscribe subscription)
    {
        var type = subscription.SubscribeTypeData;
        if (type is not (Subscribe.Types.SubscribeType.Commands or Subscribe.Types.SubscribeType.Queries))
            return BrokerErrors.InvalidSubscribeType;
        // KubeMQ does not refuse wildcards here: NATS subject matching applies to request subscriptions too.
        return CheckClientAndChannel(subscription, wildcardsAllowed: true);
    }

    private static string? CheckClientAndChannel(Subscribe subscription, bool wildcardsAllowed)
    {
        if (string.IsNullOrEmpty(subscription.ClientID))
            return BrokerErrors.EmptyClientId;
        return ChannelNameRules.Check(subscription.Channel, wildcardsAllowed);
    }

    private static string? CheckPlainEvents(Subscribe subscription) =>
        subscription.EventsStoreTypeData == Subscribe.Types.EventsStoreType.Undefined ? null : BrokerErrors.StoreParametersOnNonStoreSubscription;

    private static string? CheckEventsStore(Subscribe subscription)
    {
        var value = subscription.EventsStoreTypeValue;
        return subscription.EventsStoreTypeData switch
        {
            Subscribe.Types.EventsStoreType.StartNewOnly or Subscribe.Types.EventsStoreType.StartFromFirst or Subscribe.Types.EventsStoreType.StartFromLast => null,
            Subscribe.Types.EventsStoreType.StartAtSequence => value > 0 ? null : BrokerErrors.InvalidStartSequence,
            Subscribe.Types.EventsStoreType.StartAtTime => value > 0 ? null : BrokerErrors.InvalidStartTime,
            Subscribe.Types.EventsStoreType.StartAtTimeDelta => value > 0 ? null : BrokerErrors.InvalidStartTimeDelta,
            // Undefined (0) and any number this broker does not know are both "no usable start position".
            _ => BrokerErrors.UndefinedSubscriptionType,
        };
    }
}
