namespace KubeMQ.Client;

/// <summary>Traffic counters of one direction of a channel, as the broker reports them.</summary>
public sealed class ChannelStats
{
    public long Messages { get; init; }

    /// <summary>Bytes.</summary>
    public long Volume { get; init; }

    public long Responses { get; init; }

    public long Waiting { get; init; }

    public long Expired { get; init; }

    public long Delayed { get; init; }
}
