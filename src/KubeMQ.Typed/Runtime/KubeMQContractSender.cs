using System.ComponentModel;
using KubeMQ.Client;

namespace KubeMQ.Typed.Runtime;

/// <summary>
/// What a generated proxy calls to put one typed call on the wire: method wire name in Metadata, the JSON body, the
/// typed-message tags; failed replies become <see cref="KubeMQResponderException"/>.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class KubeMQContractSender
{
    public KubeMQContractSender(KubeMQClient client, string channel)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrEmpty(channel);
        Client = client;
        Channel = channel;
    }

    public KubeMQClient Client { get; }

    public string Channel { get; }

    public Task PublishEventAsync(string method, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        return Client.SendEventAsync(new EventMessage
        {
            Channel = Channel,
            Metadata = method,
            Body = body,
            Tags = KubeMQWireFormat.CreateTags(),
        }, cancellationToken);
    }

    public async Task PublishEventStoreAsync(string method, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var result = await Client.SendEventStoreAsync(new EventMessage
        {
            Channel = Channel,
            Metadata = method,
            Body = body,
            Tags = KubeMQWireFormat.CreateTags(),
        }, cancellationToken).ConfigureAwait(false);
        if (!result.Sent)
            throw new KubeMQRemoteException(result.Error ?? $"The broker did not store the event '{method}' on '{Channel}'.");
    }

    /// <summary>Sends a command; returns the reply body (empty unless the command method has a result).</summary>
    public async Task<ReadOnlyMemory<byte>> SendCommandAsync(
        string method, ReadOnlyMemory<byte> body, int timeoutMilliseconds, CancellationToken cancellationToken)
    {
        var response = await Client.SendCommandAsync(new CommandRequest
        {
            Channel = Channel,
            Metadata = method,
            Body = body,
            Tags = KubeMQWireFormat.CreateTags(),
            Timeout = ToTimeout(timeoutMilliseconds),
        }, cancellationToken).ConfigureAwait(false);
        if (!response.Executed)
            throw new KubeMQResponderException(Channel, method, ErrorText(response.Error));
        return response.Body;
    }

    /// <summary>Sends a query; <paramref name="cacheKey"/> null or <paramref name="cacheTtlSeconds"/> 0 bypasses the broker cache.</summary>
    public async Task<ReadOnlyMemory<byte>> SendQueryAsync(
        string method, ReadOnlyMemory<byte> body, int timeoutMilliseconds, string? cacheKey, int cacheTtlSeconds,
        CancellationToken cancellationToken)
    {
        var cached = cacheKey is not null && cacheTtlSeconds > 0;
        var response = await Client.SendQueryAsync(new QueryRequest
        {
            Channel = Channel,
            Metadata = method,
            Body = body,
            Tags = KubeMQWireFormat.CreateTags(),
            Timeout = ToTimeout(timeoutMilliseconds),
            CacheKey = cached ? cacheKey : null,
            CacheTtl = cached ? TimeSpan.FromSeconds(cacheTtlSeconds) : null,
        }, cancellationToken).ConfigureAwait(false);
        if (!response.Executed)
            throw new KubeMQResponderException(Channel, method, ErrorText(response.Error));
        return response.Body;
    }

    public async Task SendQueueMessageAsync(
        string method, ReadOnlyMemory<byte> body, KubeMQQueueSendPolicy policy, CancellationToken cancellationToken)
    {
        var result = await Client.SendQueueMessageAsync(new QueueMessage
        {
            Channel = Channel,
            Metadata = method,
            Body = body,
            Tags = KubeMQWireFormat.CreateTags(),
            Policy = policy.ClientPolicy,
        }, cancellationToken).ConfigureAwait(false);
        if (result.IsError)
            throw new KubeMQRemoteException(result.Error ?? $"The broker refused the queue message '{method}' on '{Channel}'.");
    }

    private static TimeSpan? ToTimeout(int milliseconds) =>
        milliseconds > 0 ? TimeSpan.FromMilliseconds(milliseconds) : null;

    private static string ErrorText(string? error) =>
        string.IsNullOrEmpty(error) ? "the responder reported failure without an error text" : error;
}
