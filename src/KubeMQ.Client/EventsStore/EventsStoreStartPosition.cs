namespace KubeMQ.Client;

/// <summary>
/// The six start positions of an events-store subscription. <c>AtTime</c> goes on the wire as Unix nanoseconds and
/// <c>AtTimeDelta</c> as whole seconds (rounded up), as the protocol notes (section 12) decide.
/// </summary>
public readonly record struct EventsStoreStartPosition
{
    private EventsStoreStartPosition(EventsStoreStartKind kind, ulong sequence = 0, DateTimeOffset time = default, TimeSpan delta = default)
    {
        Kind = kind;
        Sequence = sequence;
        Time = time;
        TimeDelta = delta;
    }

    public EventsStoreStartKind Kind { get; }

    /// <summary>The first sequence to deliver, for <see cref="EventsStoreStartKind.AtSequence"/>.</summary>
    public ulong Sequence { get; }

    /// <summary>The earliest time to deliver from, for <see cref="EventsStoreStartKind.AtTime"/>.</summary>
    public DateTimeOffset Time { get; }

    /// <summary>How far back from now to start, for <see cref="EventsStoreStartKind.AtTimeDelta"/>.</summary>
    public TimeSpan TimeDelta { get; }

    /// <summary>Only events published after the subscription is made.</summary>
    public static EventsStoreStartPosition NewOnly => new(EventsStoreStartKind.NewOnly);

    /// <summary>Every stored event, from the first.</summary>
    public static EventsStoreStartPosition FromFirst => new(EventsStoreStartKind.FromFirst);

    /// <summary>The last stored event, then new ones.</summary>
    public static EventsStoreStartPosition FromLast => new(EventsStoreStartKind.FromLast);

    /// <summary>From sequence <paramref name="sequence"/> (1-based).</summary>
    public static EventsStoreStartPosition AtSequence(ulong sequence) => new(EventsStoreStartKind.AtSequence, sequence: sequence);

    /// <summary>From the first event stored at or after <paramref name="time"/>.</summary>
    public static EventsStoreStartPosition AtTime(DateTimeOffset time) => new(EventsStoreStartKind.AtTime, time: time);

    /// <summary>From the first event stored at or after now minus <paramref name="delta"/>.</summary>
    public static EventsStoreStartPosition AtTimeDelta(TimeSpan delta) => new(EventsStoreStartKind.AtTimeDelta, delta: delta);

    /// <summary>The EventsStoreTypeValue of the wire, validated.</summary>
    internal long ToWireValue(string field)
    {
        switch (Kind)
        {
            case EventsStoreStartKind.NewOnly or EventsStoreStartKind.FromFirst or EventsStoreStartKind.FromLast:
                return 0;
            case EventsStoreStartKind.AtSequence:
                if (Sequence is 0 or > long.MaxValue)
                    throw new KubeMQValidationException(field, "the start sequence must be between 1 and Int64.MaxValue");
                return (long)Sequence;
            case EventsStoreStartKind.AtTime:
                var nanoseconds = WireTime.ToUnixNanoseconds(Time);
                if (nanoseconds <= 0)
                    throw new KubeMQValidationException(field, "the start time must be after the Unix epoch");
                return nanoseconds;
            case EventsStoreStartKind.AtTimeDelta:
                if (TimeDelta <= TimeSpan.Zero)
                    throw new KubeMQValidationException(field, "the start time delta must be greater than zero");
                return (long)Math.Ceiling(TimeDelta.TotalSeconds);
            default:
                throw new KubeMQValidationException(field, "a start position is required (NewOnly, FromFirst, FromLast, AtSequence, AtTime or AtTimeDelta)");
        }
    }

    public override string ToString() => Kind switch
    {
        EventsStoreStartKind.AtSequence => $"AtSequence({Sequence})",
        EventsStoreStartKind.AtTime => $"AtTime({Time:O})",
        EventsStoreStartKind.AtTimeDelta => $"AtTimeDelta({TimeDelta})",
        _ => Kind.ToString(),
    };
}
