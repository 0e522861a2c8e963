using KubeMQ.Grpc;

namespace KubeMQ.Broker.Validation;

/// <summary>What SendRequest and SendResponse refuse (section 5.3), in KubeMQ's order.</summary>
internal static class RequestValidation
{
    public static string? CheckRequest(Request request)
    {
        if (request.RequestTypeData is not (Request.Types.RequestType.Command or Request.Types.RequestType.Query))
            return BrokerErrors.InvalidRequestType;
        if (string.IsNullOrEmpty(request.ClientID))
            return BrokerErrors.EmptyClientId;
        var channelError = ChannelNameRules.Check(request.Channel, wildcardsAllowed: false);
        if (channelError is not null)
            return channelError;
        if (request.Timeout <= 0)
            return BrokerErrors.InvalidTimeout;
        if (request.Metadata.Length == 0 && request.Body.IsEmpty)
            return BrokerErrors.EmptyRequest;
        if (request.CacheKey.Length > 0 && request.CacheTTL <= 0)
            return BrokerErrors.InvalidCacheTtl;
        return null;
    }

    public static string? CheckResponse(Response response)
    {
        if (string.IsNullOrEmpty(response.ClientID))
            return BrokerErrors.EmptyClientId;
        var channelError = ChannelNameRules.Check(response.ReplyChannel, wildcardsAllowed: false);
        if (channelError is not null)
            return channelError;
        if (string.IsNullOrEmpty(response.RequestID))
            return BrokerErrors.EmptyRequestId;
        return null;
    }
}
