using KubeMQ.Grpc;

namespace KubeMQ.Broker.EventsStore;

/// <summary>
/// The append-only, in-memory log of one events-store channel: sequences from 1, non-decreasing Unix-ns timestamps.
/// Appends serialize on a per-channel lock; readers index the log without a lock (entries are published before the
/// count that makes them visible) and await <see cref="NextAppend"/> when they have caught up.
/// </summary>
internal sealed class EventLog
{
    private const int ChunkSize = 1024;

    private readonly Lock _appendGate = new();
    private EventReceive[][] _chunks = [new EventReceive[ChunkSize]];
    private long _count;
    private TaskCompletionSource _appended = NewSignal();

    /// <summary>0 while the log is empty.</summary>
    public long LastSequence => Volatile.Read(ref _count);

    /// <summary>Completes at the next append. Read it before <see cref="LastSequence"/> so that no append is missed.</summary>
    public Task NextAppend => Volatile.Read(ref _appended).Task;

    public EventReceive Append(Event message, long nowUnixNanos)
    {
        lock (_appendGate)
        {
            var sequence = _count + 1;
            var previous = _count == 0 ? 0 : Get(_count).Timestamp;
            var stored = new EventReceive
            {
                EventID = message.EventID,
                Channel = message.Channel,
                Metadata = message.Metadata,
                Body = message.Body,
                // Kept non-decreasing so that a start-at-time search can bisect the log.
                Timestamp = Math.Max(nowUnixNanos, previous),
                Sequence = (ulong)sequence,
            };
            stored.Tags.Add(message.Tags);

            var chunks = _chunks;
            var chunk = (int)((sequence - 1) / ChunkSize);
            if (chunk >= chunks.Length)
            {
                chunks = [.. chunks, new EventReceive[ChunkSize]];
                Volatile.Write(ref _chunks, chunks);
            }
            chunks[chunk][(sequence - 1) % ChunkSize] = stored;
            Volatile.Write(ref _count, sequence);

            WakeReadersLocked();
            return stored;
        }
    }

    /// <summary>Wakes every reader waiting on <see cref="NextAppend"/>, e.g. because a group member gave an entry back.</summary>
    public void WakeReaders()
    {
        lock (_appendGate)
            WakeReadersLocked();
    }

    /// <summary>The entry of a sequence between 1 and <see cref="LastSequence"/>.</summary>
    public EventReceive Get(long sequence)
    {
        var chunks = Volatile.Read(ref _chunks);
        return chunks[(int)((sequence - 1) / ChunkSize)][(sequence - 1) % ChunkSize];
    }

    /// <summary>The first sequence stored at or after <paramref name="unixNanos"/>, or LastSequence + 1 when there is none.</summary>
    public long FirstSequenceAtOrAfter(long unixNanos)
    {
        long low = 1;
        var high = LastSequence + 1;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (Get(middle).Timestamp >= unixNanos)
                high = middle;
            else
                low = middle + 1;
        }
        return low;
    }

    private void WakeReadersLocked()
    {
        var reached = _appended;
        Volatile.Write(ref _appended, NewSignal());
        reached.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
