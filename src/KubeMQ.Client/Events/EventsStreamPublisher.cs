using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using Grpc.Core;
using KubeMQ.Grpc;

namespace KubeMQ.Client;

/// <summary>
/// High-throughput publishing over one SendEventsStream call. Plain events (<see cref="SendAsync"/>) are written
/// without waiting for the broker, which reports only failures: those appear in <see cref="Failures"/>, correlated by
/// event id. Events-store sends (<see cref="SendStoreAsync"/>) await their own result. When the stream breaks, pending
/// events-store sends fail with <see cref="KubeMQConnectionException"/> and the next send opens a new stream.
/// Writes are serialized, so the publisher may be shared between threads.
/// </summary>
public sealed class EventsStreamPublisher : IAsyncDisposable
{
    private const int FailureBacklog = 1024;
    private readonly KubeMQClient _client;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly Channel<EventStoreResult> _failures = Channel.CreateBounded<EventStoreResult>(
        new BoundedChannelOptions(FailureBacklog) { FullMode = BoundedChannelFullMode.DropOldest, SingleWriter = true });
    private readonly string _idPrefix = Guid.NewGuid().ToString("N")[..12] + "-";
    private Session? _session;
    private long _nextId;
    private long _failedCount;
    private int _disposed;

    internal EventsStreamPublisher(KubeMQClient client) => _client = client;

    /// <summary>Failed plain events (Sent = false, with the broker's error), newest kept when nobody reads them.</summary>
    public ChannelReader<EventStoreResult> Failures => _failures.Reader;

    /// <summary>How many events the broker reported as failed since the publisher was created.</summary>
    public long FailedCount => Interlocked.Read(ref _failedCount);

    internal async Task OpenAsync(CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await EnsureSessionAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Writes a plain event to the stream; completes when it is written, not when it is delivered.</summary>
    public async ValueTask SendAsync(EventMessage message, CancellationToken cancellationToken = default)
    {
        var wire = _client.ToWireEvent(message, store: false, "EventMessage");
        if (wire.EventID.Length == 0)
            wire.EventID = NextId();
        var operation = _client.StartSend(MessagingPattern.Events, wire.Channel, ActivityKind.Producer, wire.Tags, wire.EventID, wire.Body.Length);
        try
        {
            await WriteAsync(wire, null, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            KubeMQClient.EndSend(operation, MessagingPattern.Events, wire.Channel, 1, e);
            throw;
        }
        KubeMQClient.EndSend(operation, MessagingPattern.Events, wire.Channel, 1, null);
    }

    /// <summary>Writes an already converted event; tests use it to send what client-side validation would refuse.</summary>
    internal async ValueTask SendWireAsync(Event wire, CancellationToken cancellationToken)
    {
        if (wire.EventID.Length == 0)
            wire.EventID = NextId();
        await WriteAsync(wire, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes an events-store event and waits for the broker's result for it.</summary>
    public async Task<EventStoreResult> SendStoreAsync(EventMessage message, CancellationToken cancellationToken = default)
    {
        var wire = _client.ToWireEvent(message, store: true, "EventMessage");
        if (wire.EventID.Length == 0)
            wire.EventID = NextId();
        var operation = _client.StartSend(MessagingPattern.EventsStore, wire.Channel, ActivityKind.Producer, wire.Tags, wire.EventID, wire.Body.Length);
        EventStoreResult result;
        try
        {
            result = await SendStoreWireAsync(wire, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            KubeMQClient.EndSend(operation, MessagingPattern.EventsStore, wire.Channel, 1, e);
            throw;
        }
        if (result.Sent)
            KubeMQClient.EndSend(operation, MessagingPattern.EventsStore, wire.Channel, 1, null);
        else
        {
            operation.Fail("not_stored", result.Error);
            KubeMQTelemetry.RecordSent(MessagingPattern.EventsStore, wire.Channel, 1, "not_stored");
        }
        return result;
    }

    private async Task<EventStoreResult> SendStoreWireAsync(Event wire, CancellationToken cancellationToken)
    {
        var pending = new TaskCompletionSource<EventStoreResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var session = await WriteAsync(wire, pending, cancellationToken).ConfigureAwait(false);
        try
        {
            return await pending.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            session.Pending.TryRemove(wire.EventID, out _);
            throw;
        }
    }

    private string NextId() => _idPrefix + Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture);

    private async ValueTask<Session> WriteAsync(Event wire, TaskCompletionSource<EventStoreResult>? pending, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        Session? session = null;
        try
        {
            session = await EnsureSessionAsync(cancellationToken).ConfigureAwait(false);
            if (pending is not null && !session.Pending.TryAdd(wire.EventID, pending))
                throw new KubeMQValidationException("EventMessage.Id", $"'{wire.EventID}' is already awaiting its result on this stream; ids must be unique");
            await session.Call.RequestStream.WriteAsync(wire, cancellationToken).ConfigureAwait(false);
            return session;
        }
        catch (Exception e) when (e is not KubeMQValidationException)
        {
            if (pending is not null)
                session?.Pending.TryRemove(wire.EventID, out _);
            var translated = _client.Fail(e, "SendEventsStream", cancellationToken);
            if (translated is KubeMQConnectionException)
                session?.Break(translated);
            throw translated;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async ValueTask<Session> EnsureSessionAsync(CancellationToken cancellationToken)
    {
        if (_session is { IsBroken: false } current)
            return current;
        var options = await _client.Calls.CreateAsync(null, _client.Lifetime).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        var session = new Session(this, _client.Grpc.SendEventsStream(options));
        _session = session;
        return session;
    }

    private void OnResult(Session session, Result result)
    {
        var outcome = new EventStoreResult { Id = result.EventID, Sent = result.Sent, Error = string.IsNullOrEmpty(result.Error) ? null : result.Error };
        if (session.Pending.TryRemove(result.EventID, out var pending))
        {
            pending.TrySetResult(outcome);
            return;
        }
        if (!result.Sent)
        {
            Interlocked.Increment(ref _failedCount);
            _failures.Writer.TryWrite(outcome);
        }
    }

    /// <summary>Ends the stream after the broker has answered what was written, then releases it.</summary>
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
            _failures.Writer.TryComplete();
        }
    }

    /// <summary>One SendEventsStream call and the results still expected on it.</summary>
    private sealed class Session
    {
        private readonly EventsStreamPublisher _owner;
        private readonly Task _reader;
        private volatile Exception? _broken;

        public Session(EventsStreamPublisher owner, AsyncDuplexStreamingCall<Event, Result> call)
        {
            _owner = owner;
            Call = call;
            _reader = Task.Run(ReadResultsAsync);
        }

        public AsyncDuplexStreamingCall<Event, Result> Call { get; }

        public ConcurrentDictionary<string, TaskCompletionSource<EventStoreResult>> Pending { get; } = new(StringComparer.Ordinal);

        public bool IsBroken => _broken is not null;

        private async Task ReadResultsAsync()
        {
            Exception? failure = null;
            try
            {
                await foreach (var result in Call.ResponseStream.ReadAllAsync(_owner._client.Lifetime).ConfigureAwait(false))
                {
                    _owner._client.ReportReachable();
                    _owner.OnResult(this, result);
                }
            }
            catch (Exception e)
            {
                failure = e;
            }
            var translated = failure is null
                ? new KubeMQConnectionException("SendEventsStream was ended by the broker.")
                : _owner._client.Fail(failure, "SendEventsStream", _owner._client.Lifetime);
            if (translated is OperationCanceledException)
                translated = new KubeMQConnectionException("SendEventsStream was closed because the client was disposed.", translated);
            if (failure is not null && !_owner._client.Lifetime.IsCancellationRequested)
                ClientLog.StreamBroken(_owner._client.Logger, "SendEventsStream", translated.Message);
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
                    // Closing a broken or slow stream: the call is disposed below either way.
                }
            }
            Break(new KubeMQConnectionException("SendEventsStream was closed."));
            Call.Dispose();
        }
    }
}
