using KubeMQ.Grpc;
using UpstreamStream = KubeMQ.Client.CorrelatedStream<KubeMQ.Grpc.QueuesUpstreamRequest, KubeMQ.Grpc.QueuesUpstreamResponse, KubeMQ.Grpc.QueuesUpstreamResponse>;

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
    private UpstreamStream? _session;
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

        UpstreamStream? session = null;
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

    private async ValueTask<UpstreamStream> EnsureSessionAsync()
    {
        if (_session is { IsBroken: false } current)
            return current;
        var options = await _client.Calls.CreateAsync(null, _client.Lifetime).ConfigureAwait(false);
        _session = new UpstreamStream(_client, "QueuesUpstream", _client.Grpc.QueuesUpstream(options), OnResponse);
        return _session;
    }

    private static void OnResponse(UpstreamStream session, QueuesUpstreamResponse response)
    {
        if (session.Pending.TryRemove(response.RefRequestID, out var pending))
            pending.TrySetResult(response);
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
}
