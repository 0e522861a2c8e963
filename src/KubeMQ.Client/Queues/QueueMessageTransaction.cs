using Grpc.Core;
using KubeMQ.Grpc;

namespace KubeMQ.Client;

/// <summary>
/// One message received over the legacy StreamQueueMessage call and held under a visibility timer until it is settled.
/// Ack, reject, resend and resend-modified settle it (and end the call); <see cref="ExtendVisibilityAsync"/> keeps it
/// longer. Disposing an unsettled transaction ends the call and the broker re-publishes the message like a reject.
/// If the visibility timer runs out first, the next operation fails with the broker's "Error 129".
/// </summary>
public sealed class QueueMessageTransaction : IAsyncDisposable
{
    private readonly KubeMQClient _client;
    private readonly AsyncDuplexStreamingCall<StreamQueueMessagesRequest, StreamQueueMessagesResponse> _call;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _settled;
    private int _disposed;

    private QueueMessageTransaction(KubeMQClient client, AsyncDuplexStreamingCall<StreamQueueMessagesRequest, StreamQueueMessagesResponse> call, QueueMessageReceived message)
    {
        _client = client;
        _call = call;
        Message = message;
    }

    public QueueMessageReceived Message { get; }

    /// <summary>True once the message was acked, rejected or resent.</summary>
    public bool IsSettled => Volatile.Read(ref _settled);

    /// <summary>Opens the call and waits for one message; null when none arrived within the wait (the call is closed).</summary>
    internal static async Task<QueueMessageTransaction?> ReceiveAsync(KubeMQClient client, string channel, int visibilitySeconds, int waitSeconds, CancellationToken cancellationToken)
    {
        var options = await client.Calls.CreateAsync(null, client.Lifetime).ConfigureAwait(false);
        var call = client.Grpc.StreamQueueMessage(options);
        try
        {
            var response = await ExchangeAsync(client, call, new StreamQueueMessagesRequest
            {
                RequestID = Guid.NewGuid().ToString("N"),
                ClientID = client.ClientId,
                StreamRequestTypeData = StreamRequestType.ReceiveMessage,
                Channel = channel,
                VisibilitySeconds = visibilitySeconds,
                WaitTimeSeconds = waitSeconds,
            }, "ReceiveQueueMessage", cancellationToken).ConfigureAwait(false);
            if (response.IsError)
            {
                call.Dispose();
                // "Error 138: no new message in queue, wait time expired" is the normal empty answer.
                if (response.Error.StartsWith("Error 138", StringComparison.Ordinal))
                    return null;
                throw new KubeMQRemoteException($"ReceiveQueueMessage on '{channel}' failed: {response.Error}", response.Error);
            }
            KubeMQTelemetry.RecordConsumed(MessagingAttributes.Receive, MessagingPattern.Queues, channel, 1);
            return new QueueMessageTransaction(client, call, QueueWire.FromWire(response.Message));
        }
        catch
        {
            call.Dispose();
            throw;
        }
    }

    /// <summary>Acknowledges the message: it leaves the queue.</summary>
    public Task AckAsync(CancellationToken cancellationToken = default) =>
        SettleAsync(new StreamQueueMessagesRequest { StreamRequestTypeData = StreamRequestType.AckMessage, RefSequence = Message.Sequence }, "Ack", cancellationToken);

    /// <summary>Rejects the message: it returns to the queue (ReceiveCount + 1, dead-letter applies).</summary>
    public Task RejectAsync(CancellationToken cancellationToken = default) =>
        SettleAsync(new StreamQueueMessagesRequest { StreamRequestTypeData = StreamRequestType.RejectMessage, RefSequence = Message.Sequence }, "Reject", cancellationToken);

    /// <summary>Moves the message to <paramref name="channel"/>.</summary>
    public Task ResendAsync(string channel, CancellationToken cancellationToken = default)
    {
        ChannelNameRules.ValidateForSend(channel, "channel");
        return SettleAsync(new StreamQueueMessagesRequest { StreamRequestTypeData = StreamRequestType.ResendMessage, Channel = channel }, "Resend", cancellationToken);
    }

    /// <summary>Replaces the message with <paramref name="replacement"/> (sent as a new message) and acknowledges the original.</summary>
    public Task ResendModifiedAsync(QueueMessage replacement, CancellationToken cancellationToken = default)
    {
        var wire = QueueWire.ToWire(replacement, _client.ClientId, "replacement");
        return SettleAsync(new StreamQueueMessagesRequest { StreamRequestTypeData = StreamRequestType.SendModifiedMessage, ModifiedMessage = wire }, "ResendModified", cancellationToken);
    }

    /// <summary>Restarts the visibility timer with <paramref name="visibility"/> (whole seconds, 1..43200).</summary>
    public async Task ExtendVisibilityAsync(TimeSpan visibility, CancellationToken cancellationToken = default)
    {
        var seconds = MessageRules.ToWholeSeconds(visibility, "visibility", 1, QueueDeliveryPolicy.MaxExpirationSeconds);
        await RunAsync(new StreamQueueMessagesRequest { StreamRequestTypeData = StreamRequestType.ModifyVisibility, VisibilitySeconds = seconds }, "ExtendVisibility", settles: false, cancellationToken).ConfigureAwait(false);
    }

    private Task SettleAsync(StreamQueueMessagesRequest request, string operation, CancellationToken cancellationToken) =>
        RunAsync(request, operation, settles: true, cancellationToken);

    private async Task RunAsync(StreamQueueMessagesRequest request, string operation, bool settles, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_settled)
                throw new KubeMQValidationException($"QueueMessageTransaction.{operation}", $"message {Message.Sequence} is already settled");
            request.RequestID = Guid.NewGuid().ToString("N");
            request.ClientID = _client.ClientId;
            var response = await ExchangeAsync(_client, _call, request, operation, cancellationToken).ConfigureAwait(false);
            if (response.IsError)
                throw new KubeMQRemoteException($"{operation} of queue message {Message.Sequence} failed: {response.Error}", response.Error);
            if (settles)
                Volatile.Write(ref _settled, true);
        }
        finally
        {
            _gate.Release();
        }
    }

    private static async Task<StreamQueueMessagesResponse> ExchangeAsync(KubeMQClient client,
        AsyncDuplexStreamingCall<StreamQueueMessagesRequest, StreamQueueMessagesResponse> call, StreamQueueMessagesRequest request, string operation, CancellationToken cancellationToken)
    {
        try
        {
            try
            {
                await call.RequestStream.WriteAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (RpcException) when (!cancellationToken.IsCancellationRequested)
            {
                // The broker may already have ended the call with a last word of its own (e.g. "Error 129" when the
                // visibility timer ran out): that answer explains the failure better than the failed write.
                if (await TryReadLastWordAsync(call, cancellationToken).ConfigureAwait(false) is { } lastWord)
                    return lastWord;
                throw;
            }
            if (!await call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false))
                throw new KubeMQConnectionException($"{operation}: the broker ended the queue message stream without an answer (the visibility timer may have run out).");
            client.ReportReachable();
            return call.ResponseStream.Current;
        }
        catch (Exception e) when (e is not KubeMQException)
        {
            throw client.Fail(e, operation, cancellationToken);
        }
    }

    private static async Task<StreamQueueMessagesResponse?> TryReadLastWordAsync(
        AsyncDuplexStreamingCall<StreamQueueMessagesRequest, StreamQueueMessagesResponse> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false) ? call.ResponseStream.Current : null;
        }
        catch (RpcException)
        {
            return null;
        }
    }

    /// <summary>Ends the call; an unsettled message is re-published by the broker.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            await _call.RequestStream.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Already ended by the broker (settled or expired): nothing left to close.
        }
        finally
        {
            _call.Dispose();
            _gate.Release();
        }
    }
}
