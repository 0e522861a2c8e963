namespace KubeMQ.Client;

/// <summary>KubeMQ timestamps are Unix nanoseconds (protocol notes section 8); 0 means "not set".</summary>
internal static class WireTime
{
    public static DateTimeOffset FromUnixNanoseconds(long nanoseconds) =>
        DateTimeOffset.UnixEpoch.AddTicks(nanoseconds / TimeSpan.NanosecondsPerTick);

    public static DateTimeOffset? FromOptionalUnixNanoseconds(long nanoseconds) =>
        nanoseconds == 0 ? null : FromUnixNanoseconds(nanoseconds);

    public static long ToUnixNanoseconds(DateTimeOffset time) =>
        (time - DateTimeOffset.UnixEpoch).Ticks * TimeSpan.NanosecondsPerTick;
}
