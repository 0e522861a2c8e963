using Grpc.Core;
using KubeMQ.Broker.Channels;
using KubeMQ.Broker.Hosting;
using KubeMQ.Broker.Requests;
using KubeMQ.Broker.Validation;
using KubeMQ.Grpc;

namespace KubeMQ.Broker.Grpc;

/// <summary>Commands and queries: SubscribeToRequests, SendRequest, SendResponse (section 5.3), and channel management (section 6).</summary>
internal sealed partial class KubeMQService
{
    public override async Task SubscribeToRequests(Subscribe request, IServerStreamWriter<Request> responseStream, ServerCallContext context)
    {
        var error = SubscriptionValidation.CheckRequests(request);
        if (error is not null)
            throw new RpcException(new Status(StatusCode.Internal, error));

        using var registration = _runtime.Streams.Register(context);
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, _runtime.ShuttingDown);
        var engine = RequestsEngineFor(request.SubscribeTypeData == Subscribe.Types.SubscribeType.Commands ? Request.Types.RequestType.Command : Request.Types.RequestType.Query);
        var subscriber = engine.Subscribe(request.Channel, request.Group);
        try
        {
            await SubscriptionConfirmation.ConfirmAsync(context).ConfigureAwait(false);
            await foreach (var message in subscriber.Reader.ReadAllAsync(ended.Token).ConfigureAwait(false))
                await responseStream.WriteAsync(message, ended.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (ended.IsCancellationRequested && e is OperationCanceledException or IOException or InvalidOperationException)
        {
            // The responder left or the broker is stopping: the subscription ends with OK.
        }
        finally
        {
            engine.Unsubscribe(subscriber);
        }
    }

    public override async Task<Response> SendRequest(Request request, ServerCallContext context)
    {
        var error = RequestValidation.CheckRequest(request);
        if (error is not null)
            throw new RpcException(new Status(StatusCode.Internal, error));
        if (request.RequestID.Length == 0)
            request.RequestID = NewId();

        if (ChannelManagement.IsManagementRequest(request))
            return new ChannelManagement(_runtime.Catalogs, _runtime.UnixNanosNow).Handle(request);

        using var ended = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, _runtime.ShuttingDown);
        Response? response;
        try
        {
            response = await RequestsEngineFor(request.RequestTypeData).SendAsync(request, ended.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_runtime.ShuttingDown.IsCancellationRequested)
        {
            // A stopping broker will route no reply: say so now rather than after the request's timeout.
            throw new RpcException(new Status(StatusCode.Unavailable, BrokerErrors.ShuttingDown));
        }
        return response ?? throw new RpcException(new Status(StatusCode.Internal, BrokerErrors.RequestTimeout));
    }

    public override Task<Empty> SendResponse(Response request, ServerCallContext context)
    {
        var error = RequestValidation.CheckResponse(request);
        if (error is not null)
            throw new RpcException(new Status(StatusCode.Internal, error));
        // A reply nobody waits for any more (late, duplicate, or unknown) is dropped silently, as KubeMQ does.
        _runtime.Engines.Replies.TryComplete(request);
        return Task.FromResult(new Empty());
    }

    private RequestsEngine RequestsEngineFor(Request.Types.RequestType type) =>
        type == Request.Types.RequestType.Command ? _runtime.Engines.Commands : _runtime.Engines.Queries;
}
