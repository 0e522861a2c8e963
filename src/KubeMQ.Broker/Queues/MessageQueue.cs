using KubeMQ.Grpc;

namespace KubeMQ.Broker.Queues;

/// <summary>
/// One queue: its ready messages in sequence order (FIFO), the messages parked until their delay is due, and the
/// counters behind QueuesInfo and the channel list. Every message is in exactly one place at a time — ready,
/// delayed, or held by one consumer — which is what makes "one consumer at a time" true. One lock per queue; dead
/// letters are routed to their target queue only after this queue's lock is released, so no two queue locks are ever
/// held together.
/// </summary>
internal sealed class MessageQueue : IDisposable
{
    private const long NanosPerMillisecond = 1_000_000;

    private readonly Lock _gate = new();
    private readonly QueueEngine _engine;
    private readonly TimeProvider _time;
    private readonly SortedSet<StoredQueueMessage> _ready = new(StoredQueueMessage.BySequence);
    private readonly PriorityQueue<StoredQueueMessage, long> _delayed = new();
    private TaskCompletionSource? _arrival;
    private ITimer? _delayTimer;
    private ulong _lastSequence;
    private long _storedCount;
    private long _storedBytes;
    private long _inFlight;
    private long _sentCount;
    private long _sentBytes;
    private long _deliveredCount;
    private long _deliveredBytes;
    private long _expiredCount;
    private long _lastActivityUnixMs;
    private int _consumers;
    private bool _deleted;

    public MessageQueue(string name, QueueEngine engine)
    {
        Name = name;
        _engine = engine;
        _time = engine.Time;
        _lastActivityUnixMs = _time.GetUtcNow().ToUnixTimeMilliseconds();
    }

    public string Name { get; }

    /// <summary>
    /// Stores a newly sent message: parked when its delay is still ahead, otherwise given the next sequence and
    /// made ready. Returns false when the queue was deleted meanwhile (the caller retries on a fresh queue).
    /// </summary>
    public bool Enqueue(StoredQueueMessage message, bool honourDelay)
    {
        var now = _engine.UnixNanosNow();
        lock (_gate)
        {
            if (_deleted)
                return false;
            _storedCount++;
            _storedBytes += message.Size;
            _sentCount++;
            _sentBytes += message.Size;
            Touch();
            if (honourDelay && message.DelayedTo > now)
            {
                _delayed.Enqueue(message, message.DelayedTo);
                ArmDelayTimer(now);
                return true;
            }
            MakeReady(message, now);
        }
        return true;
    }

    /// <summary>
    /// Takes up to <paramref name="max"/> ready messages for one consumer, waiting up to <paramref name="wait"/>;
    /// returns early only when <paramref name="max"/> is reached. On cancellation the taken messages go back in place.
    /// </summary>
    public async Task<QueueTake> TakeAsync(int max, TimeSpan wait, CancellationToken cancellationToken)
    {
        var take = new QueueTake();
        var started = _time.GetTimestamp();
        Interlocked.Increment(ref _consumers);
        try
        {
            while (true)
            {
                var arrival = TakeAvailable(max, take);
                RouteDeadLetters(take);
                if (arrival is null)
                    break;
                var remaining = wait - _time.GetElapsedTime(started);
                if (remaining <= TimeSpan.Zero || !await WaitForArrivalAsync(arrival, remaining, cancellationToken).ConfigureAwait(false))
                    break;
            }
        }
        catch (OperationCanceledException)
        {
            ReturnInPlace(take.Held);
            throw;
        }
        finally
        {
            Interlocked.Decrement(ref _consumers);
        }
        return take;
    }

    /// <summary>
    /// Copies of the first <paramref name="max"/> deliverable messages without taking them; waits like
    /// <see cref="TakeAsync"/> for the count. Expired messages met on the way are dropped and counted.
    /// </summary>
    public async Task<(List<QueueMessage> Messages, int Expired)> PeekAsync(int max, TimeSpan wait, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        var expired = 0;
        while (true)
        {
            Task? arrival;
            lock (_gate)
            {
                expired += DropExpiredReady(_engine.UnixNanosNow());
                var remaining = wait - _time.GetElapsedTime(started);
                if (_deleted || CountDeliverable() >= max || remaining <= TimeSpan.Zero)
                    return (CopyDeliverable(max), expired);
                arrival = ArrivalSignal();
            }
            var left = wait - _time.GetElapsedTime(started);
            if (left > TimeSpan.Zero)
                await WaitForArrivalAsync(arrival, left, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Removes every message that is or becomes ready during <paramref name="wait"/>; returns how many.</summary>
    public async Task<long> PurgeAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        long purged = 0;
        while (true)
        {
            Task arrival;
            lock (_gate)
            {
                foreach (var message in _ready)
                {
                    _storedCount--;
                    _storedBytes -= message.Size;
                }
                purged += _ready.Count;
                _ready.Clear();
                Touch();
                if (_deleted)
                    return purged;
                arrival = ArrivalSignal();
            }
            var remaining = wait - _time.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero || !await WaitForArrivalAsync(arrival, remaining, cancellationToken).ConfigureAwait(false))
                return purged;
        }
    }

    /// <summary>A held message is settled: it leaves the broker.</summary>
    public void Ack(StoredQueueMessage message)
    {
        lock (_gate)
        {
            if (_deleted)
                return;
            _inFlight--;
            _storedCount--;
            _storedBytes -= message.Size;
            Touch();
        }
    }

    /// <summary>Held messages become available again at their own sequence (a transaction closed without settling).</summary>
    public void ReturnInPlace(IEnumerable<StoredQueueMessage> messages)
    {
        lock (_gate)
        {
            if (_deleted)
                return;
            var any = false;
            foreach (var message in messages)
            {
                _inFlight--;
                _ready.Add(message);
                any = true;
            }
            if (any)
                SignalArrival();
        }
    }

    /// <summary>
    /// A held message was refused (nack, reject, visibility expiry): it is re-published with a new, higher sequence,
    /// or dead-lettered when it has used up its deliveries.
    /// </summary>
    public void Republish(StoredQueueMessage message)
    {
        var now = _engine.UnixNanosNow();
        lock (_gate)
        {
            if (_deleted)
                return;
            _inFlight--;
            if (!message.HasExhaustedDeliveries)
            {
                MakeReady(message, now);
                return;
            }
            _storedCount--;
            _storedBytes -= message.Size;
        }
        _engine.DeadLetter(message, Name);
    }

    /// <summary>Drops the queue and everything in it; consumers still holding its messages settle into nothing.</summary>
    public void MarkDeleted()
    {
        lock (_gate)
        {
            _deleted = true;
            _ready.Clear();
            _delayed.Clear();
            _storedCount = 0;
            _storedBytes = 0;
            _inFlight = 0;
            SignalArrival();
            _delayTimer?.Dispose();
            _delayTimer = null;
        }
    }

    public QueueStatistics Statistics()
    {
        lock (_gate)
        {
            return new QueueStatistics(
                Name,
                Stored: _storedCount,
                StoredBytes: _storedBytes,
                FirstSequence: _ready.Count == 0 ? 0 : (long)_ready.Min!.Sequence,
                LastSequence: (long)_lastSequence,
                Sent: _sentCount,
                SentBytes: _sentBytes,
                Delivered: _deliveredCount,
                DeliveredBytes: _deliveredBytes,
                Waiting: _ready.Count,
                InFlight: _inFlight,
                Delayed: _delayed.Count,
                Expired: _expiredCount,
                Consumers: Volatile.Read(ref _consumers),
                LastActivityUnixMs: _lastActivityUnixMs);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _delayTimer?.Dispose();
            _delayTimer = null;
        }
    }

    private Task? TakeAvailable(int max, QueueTake take)
    {
        var now = _engine.UnixNanosNow();
        lock (_gate)
        {
            while (take.Held.Count < max && _ready.Count > 0)
            {
                var message = _ready.Min!;
                _ready.Remove(message);
                if (message.IsExpiredAt(now))
                {
                    _storedCount--;
                    _storedBytes -= message.Size;
                    _expiredCount++;
                    take.Expired++;
                    continue;
                }
                if (message.HasExhaustedDeliveries)
                {
                    _storedCount--;
                    _storedBytes -= message.Size;
                    take.DeadLetters.Add(message);
                    continue;
                }
                message.Message.Attributes.ReceiveCount++;
                _inFlight++;
                _deliveredCount++;
                _deliveredBytes += message.Size;
                take.Held.Add(message);
                take.Delivered.Add(message.Message.Clone());
            }
            if (take.Held.Count > 0)
                Touch();
            return take.Held.Count >= max || _deleted ? null : ArrivalSignal();
        }
    }

    private void RouteDeadLetters(QueueTake take)
    {
        foreach (var message in take.DeadLetters)
            _engine.DeadLetter(message, Name);
        take.DeadLetters.Clear();
    }

    private async Task<bool> WaitForArrivalAsync(Task arrival, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await arrival.WaitAsync(timeout, _time, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    // Callers hold _gate.
    private void MakeReady(StoredQueueMessage message, long now)
    {
        var attributes = message.Message.Attributes;
        attributes.Sequence = ++_lastSequence;
        attributes.Timestamp = now;
        _ready.Add(message);
        SignalArrival();
    }

    // Callers hold _gate. A fresh signal is created only when someone waits, so enqueueing allocates nothing extra.
    private Task ArrivalSignal()
    {
        _arrival ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return _arrival.Task;
    }

    // Callers hold _gate.
    private void SignalArrival()
    {
        if (_arrival is null)
            return;
        _arrival.TrySetResult();
        _arrival = null;
    }

    // Callers hold _gate.
    private void Touch() => _lastActivityUnixMs = _time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>The background sweep: drops ready messages that expired before <paramref name="expiredBefore"/>.</summary>
    public int SweepExpired(long expiredBefore)
    {
        lock (_gate)
            return _deleted ? 0 : DropExpiredReady(expiredBefore);
    }

    // Callers hold _gate.
    private int DropExpiredReady(long now)
    {
        List<StoredQueueMessage>? expired = null;
        foreach (var message in _ready)
        {
            if (message.IsExpiredAt(now))
                (expired ??= []).Add(message);
        }
        if (expired is null)
            return 0;
        foreach (var message in expired)
        {
            _ready.Remove(message);
            _storedCount--;
            _storedBytes -= message.Size;
            _expiredCount++;
        }
        return expired.Count;
    }

    // Callers hold _gate. Messages about to be dead-lettered are not shown by a peek.
    private int CountDeliverable()
    {
        var count = 0;
        foreach (var message in _ready)
        {
            if (!message.HasExhaustedDeliveries)
                count++;
        }
        return count;
    }

    // Callers hold _gate. A peek shows the receive count the message would have if delivered now.
    private List<QueueMessage> CopyDeliverable(int max)
    {
        var copies = new List<QueueMessage>(Math.Min(max, _ready.Count));
        foreach (var message in _ready)
        {
            if (copies.Count >= max)
                break;
            if (message.HasExhaustedDeliveries)
                continue;
            var copy = message.Message.Clone();
            copy.Attributes.ReceiveCount++;
            copies.Add(copy);
        }
        return copies;
    }

    // Callers hold _gate.
    private void ArmDelayTimer(long now)
    {
        if (!_delayed.TryPeek(out _, out var due))
            return;
        var dueIn = TimeSpan.FromMilliseconds(Math.Max(1, (due - now + NanosPerMillisecond - 1) / NanosPerMillisecond));
        if (_delayTimer is null)
            _delayTimer = _time.CreateTimer(static state => ((MessageQueue)state!).ReleaseDueMessages(), this, dueIn, Timeout.InfiniteTimeSpan);
        else
            _delayTimer.Change(dueIn, Timeout.InfiniteTimeSpan);
    }

    private void ReleaseDueMessages()
    {
        var now = _engine.UnixNanosNow();
        lock (_gate)
        {
            if (_deleted)
                return;
            while (_delayed.TryPeek(out var message, out var due) && due <= now)
            {
                _delayed.Dequeue();
                MakeReady(message, now);
            }
            ArmDelayTimer(now);
        }
    }
}
