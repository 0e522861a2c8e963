using KubeMQ.Grpc;

namespace KubeMQ.Client;

public sealed partial class KubeMQClient
{
    /// <summary>The channel every KubeMQ SDK sends channel-management queries to (protocol notes section 6).</summary>
    internal const string ChannelManagementChannel = "kubemq.cluster.internal.requests";

    private static readonly TimeSpan ChannelManagementTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Creates a channel (channels are also created implicitly on first use).</summary>
    public async Task CreateChannelAsync(ChannelType type, string name, CancellationToken cancellationToken = default)
    {
        ChannelNameRules.ValidateForSend(name, "name");
        await ManageChannelsAsync("create-channel", type, name, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes a channel and what it holds.</summary>
    public async Task DeleteChannelAsync(ChannelType type, string name, CancellationToken cancellationToken = default)
    {
        ChannelNameRules.ValidateForSend(name, "name");
        await ManageChannelsAsync("delete-channel", type, name, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Lists the channels of a type; <paramref name="search"/> keeps those whose name contains it (case-sensitive).</summary>
    public async Task<IReadOnlyList<ChannelInfo>> ListChannelsAsync(ChannelType type, string? search = null, CancellationToken cancellationToken = default)
    {
        // The broker may not have its snapshot ready right after start; the SDKs retry that answer a few times.
        const int attempts = 3;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var response = await ManageChannelsAsync("list-channels", type, null, search, cancellationToken).ConfigureAwait(false);
                return ChannelListParser.Parse(response.Body.Span, type);
            }
            catch (KubeMQException e) when (attempt < attempts && (e is KubeMQTimeoutException || e.Message.Contains("cluster snapshot not ready", StringComparison.Ordinal)))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<Response> ManageChannelsAsync(string operation, ChannelType type, string? name, string? search, CancellationToken cancellationToken)
    {
        var request = new Request
        {
            RequestID = Guid.NewGuid().ToString("N"),
            RequestTypeData = Request.Types.RequestType.Query,
            ClientID = ClientId,
            Channel = ChannelManagementChannel,
            Metadata = operation,
            Timeout = (int)ChannelManagementTimeout.TotalMilliseconds,
        };
        request.Tags["channel_type"] = ChannelTypeNames.ToWire(type);
        request.Tags["client_id"] = ClientId;
        if (name is not null)
            request.Tags["channel"] = name;
        if (search is not null)
            request.Tags["channel_search"] = search;
        var response = await UnaryAsync(request, static (grpc, r, options) => grpc.SendRequestAsync(r, options), operation,
            ChannelManagementTimeout + RequestDeadlineGrace, cancellationToken).ConfigureAwait(false);
        if (!response.Executed || !string.IsNullOrEmpty(response.Error))
        {
            var error = string.IsNullOrEmpty(response.Error) ? "not executed" : response.Error;
            throw new KubeMQRemoteException($"{operation} ({ChannelTypeNames.ToWire(type)}{(name is null ? "" : $" '{name}'")}) failed: {error}", error);
        }
        return response;
    }
}
