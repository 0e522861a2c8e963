using Google.Protobuf;
using WireQueueMessage = KubeMQ.Grpc.QueueMessage;
using WireQueuePolicy = KubeMQ.Grpc.QueueMessagePolicy;
using WireSendResult = KubeMQ.Grpc.SendQueueMessageResult;

namespace KubeMQ.Client;

/// <summary>Queue messages between the public types and the wire, with the policy rules checked on the way out.</summary>
internal static class QueueWire
{
    public static WireQueueMessage ToWire(QueueMessage message, string clientId, FieldName field)
    {
        if (message is null)
            throw new KubeMQValidationException(field.ToString(), "a message is required");
        ChannelNameRules.ValidateForSend(message.Channel, field.Member("Channel"));
        MessageRules.ValidateNotEmpty(message.Body, message.Metadata, field);
        var wire = new WireQueueMessage
        {
            MessageID = message.Id ?? "",
            ClientID = clientId,
            Channel = message.Channel,
            Metadata = message.Metadata ?? "",
            Body = message.Body.IsEmpty ? ByteString.Empty : UnsafeByteOperations.UnsafeWrap(message.Body),
        };
        WireTags.CopyTo(message.Tags, wire.Tags, field.Member("Tags"));
        if (message.Policy is { } policy)
            wire.Policy = ToWire(policy, field.Part("Policy"));
        return wire;
    }

    private static WireQueuePolicy ToWire(QueueDeliveryPolicy policy, FieldName field)
    {
        var wire = new WireQueuePolicy();
        if (policy.Delay is { } delay)
            wire.DelaySeconds = MessageRules.ToWholeSeconds(delay, field.Member("Delay"), 0, QueueDeliveryPolicy.MaxDelaySeconds);
        if (policy.Expiration is { } expiration)
            wire.ExpirationSeconds = MessageRules.ToWholeSeconds(expiration, field.Member("Expiration"), 0, QueueDeliveryPolicy.MaxExpirationSeconds);
        if (policy.MaxReceiveCount is { } count)
        {
            if (count is < 0 or > QueueDeliveryPolicy.MaxReceiveCountLimit)
                throw new KubeMQValidationException(field.Member("MaxReceiveCount").ToString(), $"the count must be between 0 and {QueueDeliveryPolicy.MaxReceiveCountLimit} (got {count})");
            wire.MaxReceiveCount = count;
        }
        if (!string.IsNullOrEmpty(policy.DeadLetterQueue))
        {
            ChannelNameRules.ValidateForSend(policy.DeadLetterQueue, field.Member("DeadLetterQueue"));
            wire.MaxReceiveQueue = policy.DeadLetterQueue;
        }
        return wire;
    }

    public static QueueSendResult FromWire(WireSendResult result) => new()
    {
        Id = result.MessageID,
        SentAt = WireTime.FromUnixNanoseconds(result.SentAt),
        ExpiresAt = WireTime.FromOptionalUnixNanoseconds(result.ExpirationAt),
        DelayedTo = WireTime.FromOptionalUnixNanoseconds(result.DelayedTo),
        IsError = result.IsError,
        Error = string.IsNullOrEmpty(result.Error) ? null : result.Error,
    };

    public static QueueMessageReceived FromWire(WireQueueMessage message)
    {
        var attributes = message.Attributes;
        return new QueueMessageReceived
        {
            Id = message.MessageID,
            Channel = message.Channel,
            Metadata = message.Metadata,
            Body = message.Body.Memory,
            Tags = message.Tags.Count == 0 ? EmptyTags.Instance : message.Tags,
            Sequence = attributes?.Sequence ?? 0,
            ReceiveCount = attributes?.ReceiveCount ?? 0,
            Timestamp = WireTime.FromUnixNanoseconds(attributes?.Timestamp ?? 0),
            ReRouted = attributes?.ReRouted ?? false,
            ReRoutedFromQueue = string.IsNullOrEmpty(attributes?.ReRoutedFromQueue) ? null : attributes.ReRoutedFromQueue,
            ExpiresAt = WireTime.FromOptionalUnixNanoseconds(attributes?.ExpirationAt ?? 0),
            DelayedTo = WireTime.FromOptionalUnixNanoseconds(attributes?.DelayedTo ?? 0),
        };
    }

    public static IReadOnlyList<QueueMessageReceived> FromWire(Google.Protobuf.Collections.RepeatedField<WireQueueMessage> messages)
    {
        if (messages.Count == 0)
            return [];
        var result = new QueueMessageReceived[messages.Count];
        for (var i = 0; i < result.Length; i++)
            result[i] = FromWire(messages[i]);
        return result;
    }

    public static IReadOnlyList<QueueSendResult> FromWire(Google.Protobuf.Collections.RepeatedField<WireSendResult> results)
    {
        var converted = new QueueSendResult[results.Count];
        for (var i = 0; i < converted.Length; i++)
            converted[i] = FromWire(results[i]);
        return converted;
    }
}
