using System.Collections.Concurrent;
using Grpc.Core;

namespace KubeMQ.Client;

/// <summary>
/// One long-lived bidi call whose responses complete the sends waiting for them, matched by an id (the events stream
/// publisher matches Results by EventID, the queue upstream matches responses by RefRequestID). When the call ends or
/// fails, every waiting send fails with a <see cref="KubeMQConnectionException"/> and the call is marked broken, so its
/// owner opens a new one on the next send.
/// </summary>
internal sealed class CorrelatedStream<TRequest, TResponse, TResult>
{
    private readonly KubeMQClient _client;
    private readonly string _rpc;
    private readonly Action<CorrelatedStream<TRequest, TResponse, TResult>, TResponse> _onResponse;
    private readonly Task _reader;
    private volatile Exception? _broken;

    public CorrelatedStream(KubeMQClient client, string rpc, AsyncDuplexStreamingCall<TRequest, TResponse> call,
        Action<CorrelatedStream<TRequest, TResponse, TResult>, TResponse> onResponse)
    {
        _client = client;
        _rpc = rpc;
        _onResponse = onResponse;
        Call = call;
        _reader = Task.Run(ReadAsync);
    }

    public AsyncDuplexStreamingCall<TRequest, TResponse> Call { get; }

    public ConcurrentDictionary<string, TaskCompletionSource<TResult>> Pending { get; } = new(StringComparer.Ordinal);

    public bool IsBroken => _broken is not null;

    private async Task ReadAsync()
    {
        Exception? failure = null;
        try
        {
            await foreach (var response in Call.ResponseStream.ReadAllAsync(_client.Lifetime).ConfigureAwait(false))
            {
                _client.ReportReachable();
                _onResponse(this, response);
            }
        }
        catch (Exception e)
        {
            failure = e;
        }
        var translated = failure is null
            ? new KubeMQConnectionException($"{_rpc} was ended by the broker.")
            : _client.Fail(failure, _rpc, _client.Lifetime);
        if (translated is OperationCanceledException)
            translated = new KubeMQConnectionException($"{_rpc} was closed because the client was disposed.", translated);
        if (failure is not null && !_client.Lifetime.IsCancellationRequested)
            ClientLog.StreamBroken(_client.Logger, _rpc, translated.Message);
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

    /// <summary>Half-closes the call, gives the broker a moment to answer what was written, then releases it.</summary>
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
                // Closing a broken or slow stream: the call is disposed below either way.
            }
        }
        Break(new KubeMQConnectionException($"{_rpc} was closed."));
        Call.Dispose();
    }
}
