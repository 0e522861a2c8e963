using System.Diagnostics;
using Google.Protobuf;
using KubeMQ.Grpc;

namespace KubeMQ.Client;

/// <summary>
/// Runs a command/query handler for every request a subscription receives (up to a concurrency limit) and sends
/// its reply back with SendResponse. The handler's token fires at the request's deadline or when the subscription
/// ends; a failing handler or a failed reply never ends the subscription.
/// </summary>
internal sealed class RequestResponder
{
    private readonly KubeMQClient _client;
    private readonly RequestKind _kind;
    private readonly string _channel;
    private readonly string? _group;
    private readonly int _maxConcurrency;
    private readonly Func<RequestReceived, CancellationToken, ValueTask<RequestReply>> _handler;

    public RequestResponder(KubeMQClient client, RequestKind kind, string channel, string? group, int maxConcurrency, Func<RequestReceived, CancellationToken, ValueTask<RequestReply>> handler)
    {
        _client = client;
        _kind = kind;
        _channel = channel;
        _group = string.IsNullOrEmpty(group) ? null : group;
        _maxConcurrency = maxConcurrency;
        _handler = handler;
    }

    private string KindName => _kind == RequestKind.Command ? "Commands" : "Queries";

    public async Task RunAsync(IAsyncEnumerable<Request> requests, CancellationToken cancellationToken)
    {
        if (_maxConcurrency == 1)
        {
            await foreach (var request in requests.WithCancellation(cancellationToken).ConfigureAwait(false))
                await HandleAsync(request, cancellationToken).ConfigureAwait(false);
            return;
        }

        // Each running handler holds one slot, so taking every slot back at the end waits for all of them: no
        // per-request bookkeeping (a set, a lock, a continuation) is needed on this hot path.
        using var slots = new SemaphoreSlim(_maxConcurrency, _maxConcurrency);
        try
        {
            await foreach (var request in requests.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
                _ = HandleAndReleaseAsync(request, slots, cancellationToken);
            }
        }
        finally
        {
            for (var i = 0; i < _maxConcurrency; i++)
                await slots.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async Task HandleAndReleaseAsync(Request request, SemaphoreSlim slots, CancellationToken cancellationToken)
    {
        try
        {
            await HandleAsync(request, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            slots.Release();
        }
    }

    private async Task HandleAsync(Request wire, CancellationToken cancellationToken)
    {
        var received = new RequestReceived
        {
            Id = wire.RequestID,
            Kind = _kind,
            Channel = wire.Channel,
            ClientId = wire.ClientID,
            Metadata = wire.Metadata,
            Body = wire.Body.Memory,
            Tags = wire.Tags.Count == 0 ? EmptyTags.Instance : wire.Tags,
            Timeout = TimeSpan.FromMilliseconds(wire.Timeout),
            CacheKey = string.IsNullOrEmpty(wire.CacheKey) ? null : wire.CacheKey,
            ReplyChannel = wire.ReplyChannel,
        };

        var pattern = _kind == RequestKind.Command ? MessagingPattern.Commands : MessagingPattern.Queries;
        KubeMQTelemetry.RecordConsumed(MessagingAttributes.Receive, pattern, _channel, 1);
        // A server span, child of the sender's client span: the reply is part of the caller's operation.
        var operation = MessagingOperation.StartProcessing(_client, pattern, _channel, ActivityKind.Server, received.Tags, wire.Span);
        operation.SetMessage(wire.RequestID, wire.Body.Length);
        if (_group is not null)
            operation.SetTag(MessagingAttributes.ConsumerGroup, _group);
        RequestReply reply;
        bool pastDeadline;
        using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            if (wire.Timeout > 0)
                deadline.CancelAfter(wire.Timeout);
            try
            {
                reply = await _handler(received, deadline.Token).ConfigureAwait(false)
                        ?? RequestReply.Failed("the handler returned no reply");
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                ClientLog.HandlerFailed(_client.Logger, e, KindName, _channel);
                reply = RequestReply.Failed(string.IsNullOrEmpty(e.Message) ? e.GetType().Name : e.Message);
                operation.Activity?.AddException(e);
            }
            catch (Exception e)
            {
                operation.Fail(e);
                throw;
            }
            pastDeadline = deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested;
        }
        // A failure after the request's deadline is the deadline's doing: the caller has timed out (or is about to, by
        // the broker's clock), so an error reply could only race the broker's timeout and replace "Error 301" with a
        // cancellation message. Send nothing, as if the responder had been too slow.
        if (pastDeadline && !reply.Executed)
        {
            operation.Fail("deadline_exceeded", reply.Error);
            return;
        }
        if (reply.Executed)
            operation.Succeed();
        else
            operation.Fail("not_executed", reply.Error);

        var response = new Response
        {
            ClientID = _client.ClientId,
            RequestID = wire.RequestID,
            ReplyChannel = wire.ReplyChannel,
            Executed = reply.Executed,
            Error = reply.Error ?? (reply.Executed ? "" : "not executed"),
            Metadata = reply.Metadata ?? "",
            Body = reply.Body.IsEmpty ? ByteString.Empty : UnsafeByteOperations.UnsafeWrap(reply.Body),
            Timestamp = WireTime.ToUnixNanoseconds(DateTimeOffset.UtcNow),
        };
        try
        {
            WireTags.CopyTo(reply.Tags, response.Tags, "RequestReply.Tags");
            if (TraceContextPropagation.Inject(operation.Activity, response.Tags))
                response.Span = TraceContextPropagation.ToSpanField(response.Tags);
            await _client.UnaryAsync(response, static (grpc, r, options) => grpc.SendResponseAsync(r, options), "SendResponse", null, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            ClientLog.ResponseFailed(_client.Logger, e, wire.RequestID, _channel);
        }
    }
}
