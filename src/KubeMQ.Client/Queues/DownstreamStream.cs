using System.Collections.Concurrent;
using Grpc.Core;
using KubeMQ.Grpc;

namespace KubeMQ.Client;

/// <summary>
/// One long-lived QueuesDownstream call shared by many polls. Responses are matched to requests by RefRequestId.
/// The broker handles a stream's requests one at a time and answers a settlement only when it fails, so a
/// settlement is followed by a TransactionStatus request: its answer proves the settlement was processed, and an
/// error for the settlement, if any, has arrived before it.
/// </summary>
internal sealed class DownstreamStream
{
    private readonly KubeMQClient _client;
    private readonly AsyncDuplexStreamingCall<QueuesDownstreamRequest, QueuesDownstreamResponse> _call;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly ConcurrentDictionary<string, PendingResponse> _pending = new(StringComparer.Ordinal);
    private readonly Task _reader;
    private volatile Exception? _broken;
    private int _pendingPolls;

    public DownstreamStream(KubeMQClient client, AsyncDuplexStreamingCall<QueuesDownstreamRequest, QueuesDownstreamResponse> call)
    {
        _client = client;
        _call = call;
        _reader = Task.Run(ReadAsync);
    }

    public bool IsBroken => _broken is not null;

    /// <summary>Polls waiting for their answer; such a stream delays every later request until they return.</summary>
    public int PendingPolls => Volatile.Read(ref _pendingPolls);

    private static string NewRequestId() => Guid.NewGuid().ToString("N");

    public async Task<QueuePollResult> PollAsync(QueuePollRequest request, CancellationToken cancellationToken)
    {
        var wire = new QueuesDownstreamRequest
        {
            RequestID = NewRequestId(),
            ClientID = _client.ClientId,
            RequestTypeData = QueuesDownstreamRequestType.Get,
            Channel = request.Channel,
            MaxItems = request.MaxItems,
            WaitTimeout = (int)Math.Ceiling(request.WaitTimeout.TotalMilliseconds),
            // Always held by a transaction on the wire: auto-ack is settled by the client once the messages are in
            // hand, so that a poll cancelled mid-way can give its messages back instead of losing them.
            AutoAck = false,
        };
        // A poll counts as pending until the broker answers it, even when its caller gave up: until then the broker
        // serves nothing else on this stream, so new polls must go elsewhere.
        Interlocked.Increment(ref _pendingPolls);
        var pending = new PendingResponse(request.Channel, onAnswered: () => Interlocked.Decrement(ref _pendingPolls));
        QueuesDownstreamResponse response;
        await WriteAsync([wire], [pending], cancellationToken).ConfigureAwait(false);
        using (var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            bounded.CancelAfter(request.WaitTimeout + TimeSpan.FromSeconds(10));
            try
            {
                response = await pending.Task.WaitAsync(bounded.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (bounded.IsCancellationRequested)
            {
                if (pending.Abandon() is { } late)
                    Release(late, request.Channel);
                cancellationToken.ThrowIfCancellationRequested();
                throw new KubeMQTimeoutException($"PollQueue on '{request.Channel}' got no answer within its wait timeout plus a grace period.");
            }
        }

        if (response.IsError)
            throw new KubeMQRemoteException($"PollQueue on '{request.Channel}' failed: {response.Error}", response.Error);
        var open = !response.TransactionComplete && response.Messages.Count > 0;
        if (open && request.AutoAck)
        {
            await FireAndForgetAsync(new QueuesDownstreamRequest
            {
                RequestID = NewRequestId(),
                ClientID = _client.ClientId,
                RequestTypeData = QueuesDownstreamRequestType.AckAll,
                RefTransactionId = response.TransactionId,
                Channel = request.Channel,
            }, CancellationToken.None).ConfigureAwait(false);
            open = false;
        }
        return new QueuePollResult(this, request.Channel, response.TransactionId, QueueWire.FromWire(response.Messages), open);
    }

    /// <summary>Sends a settlement and waits until the broker has processed it; its error, if any, is thrown.</summary>
    public async Task<QueuesDownstreamResponse> SettleAsync(QueuesDownstreamRequest settlement, string operation, CancellationToken cancellationToken)
    {
        settlement.RequestID = NewRequestId();
        settlement.ClientID = _client.ClientId;
        var status = new QueuesDownstreamRequest
        {
            RequestID = NewRequestId(),
            ClientID = _client.ClientId,
            RequestTypeData = QueuesDownstreamRequestType.TransactionStatus,
            RefTransactionId = settlement.RefTransactionId,
        };
        var settlementAnswer = new PendingResponse(settlement.Channel);
        var statusAnswer = new PendingResponse(settlement.Channel);
        try
        {
            await WriteAsync([settlement, status], [settlementAnswer, statusAnswer], cancellationToken).ConfigureAwait(false);
            var statusResponse = await statusAnswer.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            if (settlementAnswer.Task.IsCompletedSuccessfully && settlementAnswer.Task.Result is { IsError: true } failed)
                throw new KubeMQRemoteException($"{operation} failed: {failed.Error}", failed.Error);
            return statusResponse;
        }
        finally
        {
            _pending.TryRemove(settlement.RequestID, out _);
            _pending.TryRemove(status.RequestID, out _);
        }
    }

    /// <summary>Sends a request that is answered (ActiveOffsets, TransactionStatus) and returns the answer.</summary>
    public async Task<QueuesDownstreamResponse> QueryAsync(QueuesDownstreamRequest request, CancellationToken cancellationToken)
    {
        request.RequestID = NewRequestId();
        request.ClientID = _client.ClientId;
        var answer = new PendingResponse(request.Channel);
        try
        {
            await WriteAsync([request], [answer], cancellationToken).ConfigureAwait(false);
            return await answer.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _pending.TryRemove(request.RequestID, out _);
        }
    }

    public async Task FireAndForgetAsync(QueuesDownstreamRequest request, CancellationToken cancellationToken)
    {
        request.ClientID = _client.ClientId;
        if (string.IsNullOrEmpty(request.RequestID))
            request.RequestID = NewRequestId();
        await WriteAsync([request], [], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes requests back to back (nothing of another caller in between) after registering their awaited answers.</summary>
    private async Task WriteAsync(QueuesDownstreamRequest[] requests, PendingResponse[] answers, CancellationToken cancellationToken)
    {
        if (_broken is { } broken)
            throw new KubeMQConnectionException($"The queue stream is closed: {broken.Message}", broken);
        for (var i = 0; i < answers.Length; i++)
            _pending[requests[i].RequestID] = answers[i];
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var request in requests)
                await _call.RequestStream.WriteAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            foreach (var request in requests)
            {
                if (_pending.TryRemove(request.RequestID, out var unanswered))
                    unanswered.Fail(e);
            }
            var translated = _client.Fail(e, "QueuesDownstream", cancellationToken);
            if (translated is KubeMQConnectionException)
                Break(translated);
            throw translated;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task ReadAsync()
    {
        Exception? failure = null;
        try
        {
            await foreach (var response in _call.ResponseStream.ReadAllAsync(_client.Lifetime).ConfigureAwait(false))
            {
                _client.ReportReachable();
                if (response.RequestTypeData == QueuesDownstreamRequestType.CloseByServer)
                {
                    Break(new KubeMQConnectionException("The broker closed the queue stream (it is shutting down); open transactions returned their messages to the queue."));
                    continue;
                }
                if (_pending.TryRemove(response.RefRequestId, out var pending) && !pending.TryComplete(response))
                    Release(response, pending.Channel);
            }
        }
        catch (Exception e)
        {
            failure = e;
        }
        var translated = failure is null
            ? new KubeMQConnectionException("The queue stream was ended by the broker; open transactions returned their messages to the queue.")
            : _client.Fail(failure, "QueuesDownstream", _client.Lifetime);
        if (translated is OperationCanceledException)
            translated = new KubeMQConnectionException("The queue stream was closed because the client was disposed.", translated);
        if (!_client.Lifetime.IsCancellationRequested)
            ClientLog.StreamBroken(_client.Logger, "QueuesDownstream", translated.Message);
        Break(translated);
    }

    /// <summary>A poll answer nobody waits for any more: give its messages back to the queue in place.</summary>
    private void Release(QueuesDownstreamResponse response, string channel)
    {
        if (response.IsError || response.TransactionComplete || response.Messages.Count == 0)
            return;
        ClientLog.AbandonedPollReleased(_client.Logger, response.TransactionId, channel);
        _ = FireAndForgetAsync(new QueuesDownstreamRequest
        {
            RequestTypeData = QueuesDownstreamRequestType.CloseByClient,
            RefTransactionId = response.TransactionId,
            Channel = channel,
        }, CancellationToken.None).ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }

    private void Break(Exception reason)
    {
        if (_broken is null)
            _broken = reason;
        foreach (var id in _pending.Keys)
        {
            if (_pending.TryRemove(id, out var pending))
                pending.Fail(reason);
        }
    }

    public async Task CloseAsync()
    {
        if (!IsBroken)
        {
            try
            {
                await _writeLock.WaitAsync().ConfigureAwait(false);
                try
                {
                    await _call.RequestStream.CompleteAsync().ConfigureAwait(false);
                }
                finally
                {
                    _writeLock.Release();
                }
                await _reader.WaitAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // The call is disposed below either way; the broker returns open transactions when it ends.
            }
        }
        Break(new KubeMQConnectionException("The queue stream was closed."));
        _call.Dispose();
    }

    /// <summary>
    /// An awaited answer. A poll can be abandoned (cancelled); its late answer is then released, not lost.
    /// <c>onAnswered</c> runs exactly once, when the answer arrives or can no longer arrive.
    /// </summary>
    private sealed class PendingResponse(string channel, Action? onAnswered = null)
    {
        private readonly TaskCompletionSource<QueuesDownstreamResponse> _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly Lock _gate = new();
        private Action? _onAnswered = onAnswered;
        private bool _abandoned;

        public string Channel { get; } = channel;

        public Task<QueuesDownstreamResponse> Task => _answer.Task;

        /// <summary>False when the poll was abandoned: the caller must release the answer.</summary>
        public bool TryComplete(QueuesDownstreamResponse response)
        {
            lock (_gate)
            {
                Answered();
                if (_abandoned)
                    return false;
                _answer.TrySetResult(response);
                return true;
            }
        }

        public void Fail(Exception reason)
        {
            lock (_gate)
            {
                Answered();
                _answer.TrySetException(reason);
            }
        }

        /// <summary>Marks the poll abandoned; returns an answer that had already arrived, for the caller to release.</summary>
        public QueuesDownstreamResponse? Abandon()
        {
            lock (_gate)
            {
                _abandoned = true;
                return _answer.Task.IsCompletedSuccessfully ? _answer.Task.Result : null;
            }
        }

        private void Answered()
        {
            _onAnswered?.Invoke();
            _onAnswered = null;
        }
    }
}
