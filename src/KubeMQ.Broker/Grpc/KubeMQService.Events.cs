using Grpc.Core;
using KubeMQ.Broker.Hosting;
using KubeMQ.Broker.Validation;
using KubeMQ.Grpc;

namespace KubeMQ.Broker.Grpc;

/// <summary>Events and events store: SendEvent, SendEventsStream, SubscribeToEvents (sections 5.1 and 5.2).</summary>
internal sealed partial class KubeMQService
{
    public override async Task<Result> SendEvent(Event request, ServerCallContext context)
    {
        var error = EventValidation.Check(request);
        if (error is not null)
            throw new RpcException(new Status(StatusCode.Internal, error));
        await PublishAsync(request).ConfigureAwait(false);
        return new Result { EventID = request.EventID, Sent = true };
    }

    public override async Task SendEventsStream(IAsyncStreamReader<Event> requestStream, IServerStreamWriter<Result> responseStream, ServerCallContext context)
    {
        using var registration = _runtime.Streams.Register(context);
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, _runtime.ShuttingDown);
        try
        {
            while (await requestStream.MoveNext(ended.Token).ConfigureAwait(false))
            {
                var message = requestStream.Current;
                var error = EventValidation.Check(message);
                if (error is null)
                    await PublishAsync(message).ConfigureAwait(false);
                // Plain events are acknowledged only when they fail; stored events always get a Result (section 5.1).
                if (error is not null || message.Store)
                    await responseStream.WriteAsync(new Result { EventID = message.EventID, Sent = error is null, Error = error ?? string.Empty }, ended.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (ended.IsCancellationRequested && e is OperationCanceledException or IOException or InvalidOperationException)
        {
            // The client went away or the broker is stopping: nothing is left to answer.
        }
    }

    public override async Task SubscribeToEvents(Subscribe request, IServerStreamWriter<EventReceive> responseStream, ServerCallContext context)
    {
        var error = SubscriptionValidation.CheckEvents(request);
        if (error is not null)
            throw new RpcException(new Status(StatusCode.Internal, error));

        using var registration = _runtime.Streams.Register(context);
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, _runtime.ShuttingDown);
        try
        {
            if (request.SubscribeTypeData == Subscribe.Types.SubscribeType.EventsStore)
                await StreamStoredEventsAsync(request, responseStream, context, ended.Token).ConfigureAwait(false);
            else
                await StreamEventsAsync(request, responseStream, context, ended.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (ended.IsCancellationRequested && e is OperationCanceledException or IOException or InvalidOperationException)
        {
            // A subscription ends when its client leaves or the broker stops; either way with OK, as KubeMQ.
        }
    }

    private async ValueTask PublishAsync(Event message)
    {
        if (message.EventID.Length == 0)
            message.EventID = NewId();
        if (message.Store)
            _runtime.Engines.EventsStore.Publish(message);
        else
            await _runtime.Engines.Events.PublishAsync(message).ConfigureAwait(false);
    }

    private async Task StreamEventsAsync(Subscribe request, IServerStreamWriter<EventReceive> responseStream, ServerCallContext context, CancellationToken cancellationToken)
    {
        var engine = _runtime.Engines.Events;
        var subscriber = engine.Subscribe(request.Channel, request.Group);
        try
        {
            await SubscriptionConfirmation.ConfirmAsync(context).ConfigureAwait(false);
            await foreach (var message in subscriber.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
                await responseStream.WriteAsync(message, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            engine.Unsubscribe(subscriber);
        }
    }

    private async Task StreamStoredEventsAsync(Subscribe request, IServerStreamWriter<EventReceive> responseStream, ServerCallContext context, CancellationToken cancellationToken)
    {
        using var subscription = _runtime.Engines.EventsStore.Subscribe(request);
        await SubscriptionConfirmation.ConfirmAsync(context).ConfigureAwait(false);
        while (true)
        {
            var message = await subscription.NextAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await responseStream.WriteAsync(message, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                subscription.GiveBack(message);
                throw;
            }
        }
    }

    private static string NewId() => Guid.NewGuid().ToString("N");
}
