namespace KubeMQ.Client;

/// <summary>
/// Remembers how far an events-store subscription has read, so that a resubscription after a reconnect resumes at
/// the last received sequence + 1: no gap, and (events at or below it are skipped) no duplicate.
/// </summary>
internal sealed class EventsStoreCursor
{
    private readonly EventsStoreStartPosition _start;
    private DateTimeOffset? _firstSubscribedAt;

    public EventsStoreCursor(EventsStoreStartPosition start) => _start = start;

    public ulong LastSequence { get; private set; }

    /// <summary>The position to subscribe at now: the requested one at first, then just after what was received.</summary>
    public EventsStoreStartPosition NextPosition()
    {
        if (LastSequence > 0)
            return EventsStoreStartPosition.AtSequence(LastSequence + 1);
        if (_firstSubscribedAt is null)
        {
            _firstSubscribedAt = DateTimeOffset.UtcNow;
            return _start;
        }
        // Nothing received yet: "new only" must still include what was published while the stream was down.
        return _start.Kind == EventsStoreStartKind.NewOnly ? EventsStoreStartPosition.AtTime(_firstSubscribedAt.Value) : _start;
    }

    /// <summary>Broker time (Unix ns) of the last delivered event.</summary>
    public long LastTimestamp { get; private set; }

    /// <summary>
    /// Records a delivered event; false for one already delivered (a replay overlap after a resubscription). An event
    /// with a lower sequence but a later time than the last one is not a replay: the broker lost its store (restarted
    /// in memory) and numbers from 1 again, so the cursor follows it rather than dropping every new event.
    /// </summary>
    public bool Advance(ulong sequence, long timestamp, out bool sequenceReset)
    {
        sequenceReset = false;
        if (sequence != 0 && sequence <= LastSequence)
        {
            if (timestamp <= LastTimestamp)
                return false;
            sequenceReset = true;
        }
        LastSequence = sequence;
        LastTimestamp = timestamp;
        return true;
    }
}
