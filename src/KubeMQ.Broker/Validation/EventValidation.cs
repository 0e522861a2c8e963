using KubeMQ.Grpc;

namespace KubeMQ.Broker.Validation;

/// <summary>What SendEvent and SendEventsStream refuse, in KubeMQ's order (section 5.1): 101, 102, 119, 108, 107, 110.</summary>
internal static class EventValidation
{
    public static string? Check(Event message)
    {
        if (string.IsNullOrEmpty(message.ClientID))
            return BrokerErrors.EmptyClientId;
        var channelError = ChannelNameRules.Check(message.Channel, wildcardsAllowed: false);
        if (channelError is not null)
            return channelError;
        if (message.Metadata.Length == 0 && message.Body.IsEmpty)
            return BrokerErrors.EmptyMessage;
        return null;
    }
}
