using Google.Protobuf;
using KubeMQ.Broker.Validation;
using KubeMQ.Grpc;

namespace KubeMQ.Broker.Channels;

/// <summary>
/// Answers the channel-management queries the official SDKs send to <see cref="RequestChannel"/> (section 6):
/// Metadata <c>create-channel</c>, <c>delete-channel</c> or <c>list-channels</c>, parameters in the tags. Success is
/// <c>Executed=true</c>; failure is <c>Executed=false</c> with an Error text, never a gRPC error.
/// </summary>
internal sealed class ChannelManagement(IEnumerable<IChannelCatalog> catalogs, Func<long> unixNanosNow)
{
    public const string RequestChannel = "kubemq.cluster.internal.requests";

    public static bool IsManagementRequest(Request request) =>
        request.RequestTypeData == Request.Types.RequestType.Query && request.Channel == RequestChannel;

    public Response Handle(Request request)
    {
        var response = new Response
        {
            ClientID = "kubemq-broker",
            RequestID = request.RequestID,
            Timestamp = unixNanosNow(),
        };
        var error = Execute(request, response);
        response.Executed = error is null;
        response.Error = error ?? string.Empty;
        return response;
    }

    private string? Execute(Request request, Response response)
    {
        request.Tags.TryGetValue("channel_type", out var typeText);
        if (!ChannelTypeNames.TryParse(typeText, out var type))
            return $"invalid channel_type tag '{typeText}', expected one of {ChannelTypeNames.Expected}";
        var catalog = catalogs.FirstOrDefault(c => c.Type == type.Value);

        switch (request.Metadata)
        {
            case "list-channels":
            {
                request.Tags.TryGetValue("channel_search", out var search);
                var rows = catalog?.List() ?? [];
                var matching = string.IsNullOrEmpty(search) ? rows : rows.Where(r => r.Name.Contains(search, StringComparison.Ordinal));
                response.Body = ByteString.CopyFrom(ChannelListJson.Write(matching.OrderBy(r => r.Name, StringComparer.Ordinal)));
                return null;
            }
            case "create-channel":
            {
                var name = ChannelTag(request, out var nameError);
                if (name is null)
                    return nameError;
                if (catalog is null)
                    return $"channel type '{typeText}' is not served by this broker";
                catalog.Create(name);
                return null;
            }
            case "delete-channel":
            {
                var name = ChannelTag(request, out var nameError);
                if (name is null)
                    return nameError;
                if (catalog is null || !catalog.Delete(name))
                    return $"channel '{name}' of type '{typeText}' not found";
                return null;
            }
            default:
                return $"unknown channel management operation '{request.Metadata}', expected create-channel, delete-channel or list-channels";
        }
    }

    private static string? ChannelTag(Request request, out string? error)
    {
        request.Tags.TryGetValue("channel", out var name);
        error = ChannelNameRules.Check(name ?? string.Empty, wildcardsAllowed: false);
        return error is null ? name : null;
    }
}
