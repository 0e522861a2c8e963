using System.Collections.Concurrent;
using Grpc.Core;
using KubeMQ.Grpc;

namespace KubeMQ.Client;

/// <summary>
/// Sends queue batches over one long-lived QueuesUpstream stream; each <see cref="SendAsync"/> awaits the response
/// to its own request (correlated by RefRequestID; the broker may answer out of order). When the stream breaks,
/// pending sends fail with <see cref="KubeMQConnectionException"/> and the next send opens a new stream.
/// Safe to share between threads.
/// </summary>
public sealed class QueueUpstream : IAsyncDisposable
{
    private readonly KubeMQClient _client;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private Session? _session;
    private int _disposed;

    internal QueueUpstream(KubeMQClient client) => _client = client;

    internal async Task OpenAsync(CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await EnsureSessionAsync().ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Sends a batch (messages may target different queues); one result per message, in order.</summary>
    public async Task<IReadOnlyList<QueueSendResult>> SendAsync(IReadOnlyList<QueueMessage> messages, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var request = new QueuesUpstreamRequest { RequestID = Guid.NewGuid().ToString("N") };
        _client.AddBatch(messages, request.Messages, "messages");
        var operation = _client.StartBatchSend(request.Messages);
        try
        {
            var results = await SendBatchAsync(request, cancellationToken).ConfigureAwait(false);
            KubeMQClient.EndBatchSend(operation, request.Messages, results, null);
            return QueueWire.FromWire(results);
        }
        catch (Exception e)
        {
            KubeMQClient.EndBatchSend(operation, request.Messages, null, e);
            throw;
        }
    }

    private async Task<Google.Protobuf.Collections.RepeatedField<SendQueueMessageResult>> SendBatchAsync(QueuesUpstreamRequest request, CancellationToken cancellationToken)
    {
        var pending = new TaskCompletionSource<QueuesUpstreamResponse>(TaskCreationOptions.RunContinuationsAsynchronously);

        Session? session = null;
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            session = await EnsureSessionAsync().ConfigureAwait(false);
            session.Pending[request.RequestID] = pending;
            await session.Call.RequestStream.WriteAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            session?.Pending.TryRemove(request.RequestID, out _);
            var translated = _client.Fail(e, "QueuesUpstream", cancellationToken);
            if (translated is KubeMQConnectionException)
                session?.Break(translated);
            throw translated;
        }
        finally
        {
            _writeLock.Release();
        }

        QueuesUpstreamResponse response;
        try
        {
            response = await pending.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            session.Pending.TryRemove(request.RequestID, out _);
            throw;
        }
        if (response.IsError)
            throw new KubeMQRemoteException($"QueuesUpstream batch failed: {response.Error}", response.Error);
        return response.Results;
    }

    private async ValueTask<Session> EnsureSessionAsync()
    {
        if (_session is { IsBroken: false } current)
            return current;
        var options = await _client.Calls.CreateAsync(null, _client.Lifetime).ConfigureAwait(false);
        _session = new Session(_client, _client.Grpc.QueuesUpstream(options));
        return _session;
    }

    /// <summary>Ends the stream once pending batches are answered.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        _client.Untrack(this);
        await _writeLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_session is { } session)
                await session.CloseAsync().ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private sealed class Session
    {
        private readonly KubeMQClient _client;
        private readonly Task _reader;
        private volatile Exception? _broken;

        public Session(KubeMQClient client, AsyncDuplexStreamingCall<QueuesUpstreamRequest, QueuesUpstreamResponse> call)
        {
            _client = client;
            Call = call;
            _reader = Task.Run(ReadAsync);
        }

        public AsyncDuplexStreamingCall<QueuesUpstreamRequest, QueuesUpstreamResponse> Call { get; }

        public ConcurrentDictionary<string, TaskCompletionSource<QueuesUpstreamResponse>> Pending { get; } = new(StringComparer.Ordinal);

        public bool IsBroken => _broken is not null;

        private async Task ReadAsync()
        {
            Exception? failure = null;
            try
            {
                await foreach (var response in Call.ResponseStream.ReadAllAsync(_client.Lifetime).ConfigureAwait(false))
                {
                    _client.ReportReachable();
                    if (Pending.TryRemove(response.RefRequestID, out var pending))
                        pending.TrySetResult(response);
                }
            }
            catch (Exception e)
            {
                failure = e;
            }
            var translated = failure is null
                ? new KubeMQConnectionException("QueuesUpstream was ended by the broker.")
                : _client.Fail(failure, "QueuesUpstream", _client.Lifetime);
            if (translated is OperationCanceledException)
                translated = new KubeMQConnectionException("QueuesUpstream was closed because the client was disposed.", translated);
            if (failure is not null && !_client.Lifetime.IsCancellationRequested)
                ClientLog.StreamBroken(_client.Logger, "QueuesUpstream", translated.Message);
            Break(translated);
        }

        public void Break(Exception reason)
        {
            _broken ??= reason;
            foreach (var id in Pending.Keys)
            {
                if (Pending.TryRemove(id, out var pending))
                    pending.TrySetException(reason);
            }
        }

        public async Task CloseAsync()
        {
            if (!IsBroken)
            {
                try
                {
                    await Call.RequestStream.CompleteAsync().ConfigureAwait(false);
                    await _reader.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
                }
                catch (Exception)
                {
                    // The call is disposed below either way.
                }
            }
            Break(new KubeMQConnectionException("QueuesUpstream was closed."));
            Call.Dispose();
        }
    }
}
