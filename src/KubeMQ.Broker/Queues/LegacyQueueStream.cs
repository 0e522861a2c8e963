using Grpc.Core;
using KubeMQ.Broker.Validation;
using KubeMQ.Grpc;

namespace KubeMQ.Broker.Queues;

/// <summary>
/// One StreamQueueMessage call: receives at most one message, holds it under a visibility timer, and ends once the
/// message is settled (ack, reject, resend, send-modified), the timer expires, or nothing arrives in time. A message
/// still held when the stream ends for any other reason (disconnect, shutdown) is re-published like a reject.
/// </summary>
internal sealed class LegacyQueueStream(QueueEngine engine, IServerStreamWriter<StreamQueueMessagesResponse> writer)
{
    private const int DefaultVisibilitySeconds = 60;

    private MessageQueue? _queue;
    private StoredQueueMessage? _held;
    private bool _received;
    private string _receiveRequestId = "";
    private CancellationTokenSource? _visibility;
    private Task? _visibilityExpiry;

    public async Task RunAsync(IAsyncStreamReader<StreamQueueMessagesRequest> requests, CancellationToken cancellationToken)
    {
        try
        {
            var next = requests.MoveNext(cancellationToken);
            while (true)
            {
                if (_visibilityExpiry is not null && await Task.WhenAny(next, _visibilityExpiry).ConfigureAwait(false) == _visibilityExpiry
                    && _visibilityExpiry.IsCompletedSuccessfully)
                {
                    await ExpireVisibilityAsync().ConfigureAwait(false);
                    return;
                }
                if (!await next.ConfigureAwait(false))
                    return;
                if (await HandleAsync(requests.Current, cancellationToken).ConfigureAwait(false))
                    return;
                next = requests.MoveNext(cancellationToken);
            }
        }
        finally
        {
            StopVisibilityTimer();
            if (_held is not null)
            {
                _queue!.Republish(_held);
                _held = null;
            }
        }
    }

    /// <summary>Returns true when the stream ends after this request.</summary>
    private async Task<bool> HandleAsync(StreamQueueMessagesRequest request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(request.ClientID))
            return await RespondAsync(request, BrokerErrors.EmptyClientId, ends: false).ConfigureAwait(false);
        switch (request.StreamRequestTypeData)
        {
            case StreamRequestType.ReceiveMessage:
                return await ReceiveAsync(request, cancellationToken).ConfigureAwait(false);
            case StreamRequestType.AckMessage:
                if (_held is null)
                    return await RespondAsync(request, BrokerErrors.NoActiveMessageToAck, ends: false).ConfigureAwait(false);
                if (request.RefSequence == 0 || request.RefSequence != _held.Sequence)
                    return await RespondAsync(request, BrokerErrors.InvalidAckSequence, ends: false).ConfigureAwait(false);
                _queue!.Ack(Release());
                return await RespondAsync(request, error: null, ends: true).ConfigureAwait(false);
            case StreamRequestType.RejectMessage:
                if (_held is null)
                    return await RespondAsync(request, BrokerErrors.NoActiveMessageToReject, ends: false).ConfigureAwait(false);
                _queue!.Republish(Release());
                return await RespondAsync(request, error: null, ends: true).ConfigureAwait(false);
            case StreamRequestType.ModifyVisibility:
                if (_held is null)
                    return await RespondAsync(request, BrokerErrors.NoActiveMessageToAck, ends: false).ConfigureAwait(false);
                if (!TryGetVisibility(request.VisibilitySeconds, out var visibility))
                    return await RespondAsync(request, BrokerErrors.InvalidVisibility, ends: false).ConfigureAwait(false);
                StartVisibilityTimer(visibility);
                return await RespondAsync(request, error: null, ends: false).ConfigureAwait(false);
            case StreamRequestType.ResendMessage:
                if (_held is null)
                    return await RespondAsync(request, BrokerErrors.NoActiveMessageToSend, ends: false).ConfigureAwait(false);
                if (!QueueNames.IsValid(request.Channel))
                    return await RespondAsync(request, BrokerErrors.InvalidQueueName, ends: false).ConfigureAwait(false);
                engine.SendCopy(_held, request.Channel);
                _queue!.Ack(Release());
                return await RespondAsync(request, error: null, ends: true).ConfigureAwait(false);
            case StreamRequestType.SendModifiedMessage:
                if (_held is null)
                    return await RespondAsync(request, BrokerErrors.NoActiveMessageToAck, ends: false).ConfigureAwait(false);
                if (request.ModifiedMessage is null)
                    return await RespondAsync(request, BrokerErrors.InvalidQueueMessage, ends: false).ConfigureAwait(false);
                var sent = engine.Send(request.ModifiedMessage);
                if (sent.IsError)
                    return await RespondAsync(request, sent.Error, ends: false).ConfigureAwait(false);
                _queue!.Ack(Release());
                return await RespondAsync(request, error: null, ends: true).ConfigureAwait(false);
            default:
                return await RespondAsync(request, BrokerErrors.InvalidStreamRequestType, ends: false).ConfigureAwait(false);
        }
    }

    private async Task<bool> ReceiveAsync(StreamQueueMessagesRequest request, CancellationToken cancellationToken)
    {
        if (_received)
            return await RespondAsync(request, BrokerErrors.QueueSubscriptionAlreadyActive, ends: false).ConfigureAwait(false);
        if (!QueueNames.IsValid(request.Channel))
            return await RespondAsync(request, BrokerErrors.InvalidQueueName, ends: false).ConfigureAwait(false);
        if (!TryGetVisibility(request.VisibilitySeconds, out var visibility))
            return await RespondAsync(request, BrokerErrors.InvalidVisibility, ends: false).ConfigureAwait(false);
        if (!QueueMessageRules.TryGetWait(request.WaitTimeSeconds, engine.Options, out var wait))
            return await RespondAsync(request, BrokerErrors.InvalidWaitTimeout, ends: false).ConfigureAwait(false);

        _received = true;
        _receiveRequestId = request.RequestID;
        _queue = engine.GetOrCreate(request.Channel);
        var take = await _queue.TakeAsync(1, wait, cancellationToken).ConfigureAwait(false);
        if (take.Held.Count == 0)
            return await RespondAsync(request, BrokerErrors.NoNewMessage, ends: true).ConfigureAwait(false);

        _held = take.Held[0];
        StartVisibilityTimer(visibility);
        await writer.WriteAsync(new StreamQueueMessagesResponse
        {
            RequestID = request.RequestID,
            StreamRequestTypeData = StreamRequestType.ReceiveMessage,
            Message = take.Delivered[0],
        }).ConfigureAwait(false);
        return false;
    }

    private async Task ExpireVisibilityAsync()
    {
        _queue!.Republish(Release());
        await writer.WriteAsync(new StreamQueueMessagesResponse
        {
            RequestID = _receiveRequestId,
            StreamRequestTypeData = StreamRequestType.ReceiveMessage,
            IsError = true,
            Error = BrokerErrors.VisibilityExpired,
        }).ConfigureAwait(false);
    }

    private bool TryGetVisibility(int seconds, out TimeSpan visibility)
    {
        visibility = TimeSpan.FromSeconds(seconds == 0 ? DefaultVisibilitySeconds : seconds);
        return seconds >= 0 && seconds <= engine.Options.QueueMaxVisibilitySeconds;
    }

    private void StartVisibilityTimer(TimeSpan visibility)
    {
        StopVisibilityTimer();
        _visibility = new CancellationTokenSource();
        _visibilityExpiry = Task.Delay(visibility, engine.Time, _visibility.Token);
    }

    private void StopVisibilityTimer()
    {
        _visibility?.Cancel();
        _visibility?.Dispose();
        _visibility = null;
        _visibilityExpiry = null;
    }

    private StoredQueueMessage Release()
    {
        var message = _held!;
        _held = null;
        StopVisibilityTimer();
        return message;
    }

    private async Task<bool> RespondAsync(StreamQueueMessagesRequest request, string? error, bool ends)
    {
        await writer.WriteAsync(new StreamQueueMessagesResponse
        {
            RequestID = request.RequestID,
            StreamRequestTypeData = request.StreamRequestTypeData,
            IsError = error is not null,
            Error = error ?? "",
        }).ConfigureAwait(false);
        return ends;
    }
}
