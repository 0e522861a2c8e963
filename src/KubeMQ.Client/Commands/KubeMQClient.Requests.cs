using System.Diagnostics;
using Google.Protobuf;
using KubeMQ.Grpc;

namespace KubeMQ.Client;

public sealed partial class KubeMQClient
{
    /// <summary>Extra time the transport waits beyond the request timeout, so that the broker's own "Error 301" arrives first.</summary>
    private static readonly TimeSpan RequestDeadlineGrace = TimeSpan.FromSeconds(5);

    /// <summary>Sends a command and waits for a responder to execute it (or to refuse, see <see cref="CommandResponse.Executed"/>).</summary>
    /// <exception cref="KubeMQTimeoutException">No responder answered within the timeout.</exception>
    public async Task<CommandResponse> SendCommandAsync(CommandRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (wire, timeout) = ToWireRequest(Request.Types.RequestType.Command, "CommandRequest", request.Channel, request.Body, request.Metadata, request.Tags, request.Id, request.Timeout);
        var response = await SendRequestAsync(wire, MessagingPattern.Commands, "SendCommand", timeout, cancellationToken).ConfigureAwait(false);
        return new CommandResponse
        {
            RequestId = response.RequestID,
            Executed = response.Executed,
            Error = string.IsNullOrEmpty(response.Error) ? null : response.Error,
            Timestamp = WireTime.FromUnixNanoseconds(response.Timestamp),
            Tags = response.Tags.Count == 0 ? EmptyTags.Instance : response.Tags,
            Body = response.Body.Memory,
            Metadata = string.IsNullOrEmpty(response.Metadata) ? null : response.Metadata,
        };
    }

    /// <summary>Sends a query and waits for the response (from a responder, or from the broker's cache when a cache key is set).</summary>
    /// <exception cref="KubeMQTimeoutException">No responder answered within the timeout.</exception>
    public async Task<QueryResponse> SendQueryAsync(QueryRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (wire, timeout) = ToWireRequest(Request.Types.RequestType.Query, "QueryRequest", request.Channel, request.Body, request.Metadata, request.Tags, request.Id, request.Timeout);
        if (!string.IsNullOrEmpty(request.CacheKey))
        {
            if (request.CacheTtl is not { } ttl)
                throw new KubeMQValidationException("QueryRequest.CacheTtl", "a cache TTL is required when CacheKey is set");
            wire.CacheKey = request.CacheKey;
            wire.CacheTTL = MessageRules.ToWholeSeconds(ttl, "QueryRequest.CacheTtl", 1, int.MaxValue);
        }
        var response = await SendRequestAsync(wire, MessagingPattern.Queries, "SendQuery", timeout, cancellationToken).ConfigureAwait(false);
        return new QueryResponse
        {
            RequestId = response.RequestID,
            Executed = response.Executed,
            Error = string.IsNullOrEmpty(response.Error) ? null : response.Error,
            Timestamp = WireTime.FromUnixNanoseconds(response.Timestamp),
            Tags = response.Tags.Count == 0 ? EmptyTags.Instance : response.Tags,
            Body = response.Body.Memory,
            Metadata = string.IsNullOrEmpty(response.Metadata) ? null : response.Metadata,
            CacheHit = response.CacheHit,
        };
    }

    /// <summary>
    /// Answers commands on a channel. The handler's reply is sent back automatically; a throwing handler sends
    /// Executed = false with the exception's message, and the subscription carries on.
    /// </summary>
    public KubeMQSubscription SubscribeToCommands(RequestsSubscription subscription, Func<RequestReceived, CancellationToken, ValueTask<RequestReply>> handler) =>
        SubscribeToRequests(subscription, RequestKind.Command, handler);

    /// <summary>Answers queries on a channel; see <see cref="SubscribeToCommands"/> for how replies and failures are sent.</summary>
    public KubeMQSubscription SubscribeToQueries(RequestsSubscription subscription, Func<RequestReceived, CancellationToken, ValueTask<RequestReply>> handler) =>
        SubscribeToRequests(subscription, RequestKind.Query, handler);

    private KubeMQSubscription SubscribeToRequests(RequestsSubscription subscription, RequestKind kind, Func<RequestReceived, CancellationToken, ValueTask<RequestReply>> handler)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        ArgumentNullException.ThrowIfNull(handler);
        ChannelNameRules.ValidateForSubscribe(subscription.Channel, "RequestsSubscription.Channel", allowWildcards: false);
        if (subscription.MaxConcurrentHandlers < 1)
            throw new KubeMQValidationException("RequestsSubscription.MaxConcurrentHandlers", "at least one handler must be allowed to run");
        var request = new Subscribe
        {
            SubscribeTypeData = kind == RequestKind.Command ? Subscribe.Types.SubscribeType.Commands : Subscribe.Types.SubscribeType.Queries,
            ClientID = ClientId,
            Channel = subscription.Channel,
            Group = subscription.Group ?? "",
        };
        var responder = new RequestResponder(this, kind, subscription.Channel, subscription.Group, subscription.MaxConcurrentHandlers, handler);
        return StartSubscription(subscription.Channel, (activity, token) => responder.RunAsync(
            SubscriptionStream.ReadAsync(this, kind == RequestKind.Command ? "Commands" : "Queries", subscription.Channel,
                options => Grpc.SubscribeToRequests(request, options), activity, token), token));
    }

    /// <summary>
    /// Sends a request under a client span whose context travels in the tags and the Span field, so the responder's
    /// span becomes its child; a reply with Executed = false marks the span as failed.
    /// </summary>
    private async Task<Response> SendRequestAsync(Request wire, string pattern, string operationName, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var operation = StartSend(pattern, wire.Channel, ActivityKind.Client, wire.Tags, wire.RequestID, wire.Body.Length);
        if (wire.Tags.ContainsKey(TraceContextPropagation.TraceParentTag))
            wire.Span = TraceContextPropagation.ToSpanField(wire.Tags);
        Response response;
        try
        {
            response = await UnaryAsync(wire, static (grpc, r, options) => grpc.SendRequestAsync(r, options), operationName, timeout + RequestDeadlineGrace, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            EndSend(operation, pattern, wire.Channel, 1, e);
            throw;
        }
        operation.SetMessage(response.RequestID, wire.Body.Length);
        if (response.CacheHit)
            operation.SetTag("kubemq.query.cache_hit", true);
        if (response.Executed)
            operation.Succeed();
        else
            operation.Fail("not_executed", response.Error);
        KubeMQTelemetry.RecordSent(pattern, wire.Channel, 1, null);
        return response;
    }

    private (Request Wire, TimeSpan Timeout) ToWireRequest(Request.Types.RequestType type, FieldName field, string channel, ReadOnlyMemory<byte> body,
        string? metadata, IReadOnlyDictionary<string, string>? tags, string? id, TimeSpan? timeout)
    {
        ChannelNameRules.ValidateForSend(channel, field.Member("Channel"));
        MessageRules.ValidateNotEmpty(body, metadata, field);
        var effectiveTimeout = timeout ?? Options.DefaultRequestTimeout;
        var wire = new Request
        {
            RequestID = id ?? "",
            RequestTypeData = type,
            ClientID = ClientId,
            Channel = channel,
            Metadata = metadata ?? "",
            Body = body.IsEmpty ? ByteString.Empty : UnsafeByteOperations.UnsafeWrap(body),
            Timeout = MessageRules.ToPositiveMilliseconds(effectiveTimeout, field.Member("Timeout")),
        };
        WireTags.CopyTo(tags, wire.Tags, field.Member("Tags"));
        return (wire, effectiveTimeout);
    }
}
