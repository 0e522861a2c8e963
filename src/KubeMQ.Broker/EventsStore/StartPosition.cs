using KubeMQ.Grpc;

namespace KubeMQ.Broker.EventsStore;

/// <summary>Where a new events-store subscription starts reading (section 5.2 and the StartAtTime decision of section 12).</summary>
internal static class StartPosition
{
    /// <summary>StartAtTime values below this are Unix seconds (as the official C# v3 and Python SDKs send), above it nanoseconds.</summary>
    public const long SecondsThreshold = 1_000_000_000_000;

    private const long NanosPerSecond = 1_000_000_000;

    /// <summary>The first sequence to deliver; LastSequence + 1 means "new messages only".</summary>
    public static long FirstSequence(Subscribe subscription, EventLog log, long nowUnixNanos)
    {
        var last = log.LastSequence;
        var value = subscription.EventsStoreTypeValue;
        return subscription.EventsStoreTypeData switch
        {
            Subscribe.Types.EventsStoreType.StartFromFirst => 1,
            // The last stored message and then new ones; on an empty channel that is simply the first one to come.
            Subscribe.Types.EventsStoreType.StartFromLast => last == 0 ? 1 : last,
            // Below the first stored sequence starts at the first; above the last behaves like new-only.
            Subscribe.Types.EventsStoreType.StartAtSequence => value > last ? last + 1 : Math.Max(1, value),
            Subscribe.Types.EventsStoreType.StartAtTime => log.FirstSequenceAtOrAfter(ToUnixNanos(value)),
            Subscribe.Types.EventsStoreType.StartAtTimeDelta => log.FirstSequenceAtOrAfter(nowUnixNanos - SaturatingSecondsToNanos(value)),
            _ => last + 1,
        };
    }

    public static long ToUnixNanos(long startAtTime) =>
        startAtTime < SecondsThreshold ? SaturatingSecondsToNanos(startAtTime) : startAtTime;

    private static long SaturatingSecondsToNanos(long seconds) =>
        seconds > long.MaxValue / NanosPerSecond ? long.MaxValue : seconds * NanosPerSecond;
}
