using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using KubeMQ.Grpc;
using PublisherStream = KubeMQ.Client.CorrelatedStream<KubeMQ.Grpc.Event, KubeMQ.Grpc.Result, KubeMQ.Client.EventStoreResult>;

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
    private PublisherStream? _session;
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

    private async ValueTask<PublisherStream> WriteAsync(Event wire, TaskCompletionSource<EventStoreResult>? pending, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        PublisherStream? session = null;
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

    private async ValueTask<PublisherStream> EnsureSessionAsync(CancellationToken cancellationToken)
    {
        if (_session is { IsBroken: false } current)
            return current;
        var options = await _client.Calls.CreateAsync(null, _client.Lifetime).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        var session = new PublisherStream(_client, "SendEventsStream", _client.Grpc.SendEventsStream(options), OnResult);
        _session = session;
        return session;
    }

    private void OnResult(PublisherStream session, Result result)
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
}
