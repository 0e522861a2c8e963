using Grpc.Core;
using KubeMQ.Broker.Queues;
using KubeMQ.Broker.Validation;
using KubeMQ.Grpc;

namespace KubeMQ.Broker.Grpc;

/// <summary>The queue RPCs (shared/kubemq-protocol.md section 5.4); errors are in-band except where noted.</summary>
internal sealed partial class KubeMQService
{
    private QueueEngine Queues => _runtime.Engines.Queues;

    public override Task<SendQueueMessageResult> SendQueueMessage(QueueMessage request, ServerCallContext context)
    {
        ThrowIfShuttingDown();
        return Task.FromResult(Queues.Send(request));
    }

    public override Task<QueueMessagesBatchResponse> SendQueueMessagesBatch(QueueMessagesBatchRequest request, ServerCallContext context)
    {
        ThrowIfShuttingDown();
        if (request.Messages.Count == 0)
            throw new RpcException(new Status(StatusCode.Unknown, "empty messages batch"));
        var response = new QueueMessagesBatchResponse { BatchID = request.BatchID };
        foreach (var message in request.Messages)
            response.Results.Add(Queues.Send(message));
        // HaveErrors reports persistence failures only; an in-memory store has none, and validation errors stay per message.
        return Task.FromResult(response);
    }

    public override async Task<ReceiveQueueMessagesResponse> ReceiveQueueMessages(ReceiveQueueMessagesRequest request, ServerCallContext context)
    {
        var response = new ReceiveQueueMessagesResponse { RequestID = request.RequestID, IsPeak = request.IsPeak };
        var error = string.IsNullOrEmpty(request.ClientID) ? BrokerErrors.EmptyClientId
            : !QueueNames.IsValid(request.Channel) ? BrokerErrors.InvalidQueueName
            : request.MaxNumberOfMessages < 1 || request.MaxNumberOfMessages > _runtime.Options.QueueMaxReceiveMessages ? BrokerErrors.InvalidMaxMessages
            : null;
        var wait = TimeSpan.Zero;
        if (error is null && !QueueMessageRules.TryGetWait(request.WaitTimeSeconds, _runtime.Options, out wait))
            error = BrokerErrors.InvalidWaitTimeout;
        if (error is not null)
        {
            response.IsError = true;
            response.Error = error;
            return response;
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, _runtime.ShuttingDown);
        var queue = Queues.GetOrCreate(request.Channel);
        if (request.IsPeak)
        {
            var (messages, expired) = await queue.PeekAsync(request.MaxNumberOfMessages, wait, linked.Token).ConfigureAwait(false);
            response.Messages.AddRange(messages);
            response.MessagesExpired = expired;
        }
        else
        {
            var take = await queue.TakeAsync(request.MaxNumberOfMessages, wait, linked.Token).ConfigureAwait(false);
            foreach (var message in take.Held)
                queue.Ack(message);
            response.Messages.AddRange(take.Delivered);
            response.MessagesExpired = take.Expired;
        }
        response.MessagesReceived = response.Messages.Count;
        return response;
    }

    public override async Task<AckAllQueueMessagesResponse> AckAllQueueMessages(AckAllQueueMessagesRequest request, ServerCallContext context)
    {
        var response = new AckAllQueueMessagesResponse { RequestID = request.RequestID };
        var error = string.IsNullOrEmpty(request.ClientID) ? BrokerErrors.EmptyClientId
            : !QueueNames.IsValid(request.Channel) ? BrokerErrors.InvalidQueueName
            : null;
        var wait = TimeSpan.Zero;
        if (error is null && !QueueMessageRules.TryGetWait(request.WaitTimeSeconds, _runtime.Options, out wait))
            error = BrokerErrors.InvalidWaitTimeout;
        if (error is not null)
        {
            response.IsError = true;
            response.Error = error;
            return response;
        }
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, _runtime.ShuttingDown);
        response.AffectedMessages = (ulong)await Queues.GetOrCreate(request.Channel).PurgeAsync(wait, linked.Token).ConfigureAwait(false);
        return response;
    }

    public override async Task StreamQueueMessage(
        IAsyncStreamReader<StreamQueueMessagesRequest> requestStream,
        IServerStreamWriter<StreamQueueMessagesResponse> responseStream,
        ServerCallContext context)
    {
        using var _ = _runtime.Streams.Register(context);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, _runtime.ShuttingDown);
        try
        {
            await new LegacyQueueStream(Queues, responseStream).RunAsync(requestStream, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_runtime.ShuttingDown.IsCancellationRequested)
        {
            // Shutdown: the held message is already back in its queue; the call simply ends.
        }
    }

    public override async Task QueuesDownstream(
        IAsyncStreamReader<QueuesDownstreamRequest> requestStream,
        IServerStreamWriter<QueuesDownstreamResponse> responseStream,
        ServerCallContext context)
    {
        using var _ = _runtime.Streams.Register(context);
        await new DownstreamSession(Queues, responseStream)
            .RunAsync(requestStream, context.CancellationToken, _runtime.ShuttingDown).ConfigureAwait(false);
    }

    public override async Task QueuesUpstream(
        IAsyncStreamReader<QueuesUpstreamRequest> requestStream,
        IServerStreamWriter<QueuesUpstreamResponse> responseStream,
        ServerCallContext context)
    {
        using var _ = _runtime.Streams.Register(context);
        await new UpstreamSession(Queues, responseStream).RunAsync(requestStream, context.CancellationToken).ConfigureAwait(false);
    }

    public override Task<QueuesInfoResponse> QueuesInfo(QueuesInfoRequest request, ServerCallContext context) =>
        Task.FromResult(new QueuesInfoResponse { RefRequestID = request.RequestID, Info = Queues.Info(request.QueueName) });

    private void ThrowIfShuttingDown()
    {
        if (_runtime.ShuttingDown.IsCancellationRequested)
            throw new RpcException(new Status(StatusCode.Unknown, BrokerErrors.ShuttingDown));
    }
}
