namespace KubeMQ.Broker.Channels;

/// <summary>Counters of one direction of a channel, as the channel list reports them (all six keys, always).</summary>
public sealed record ChannelStats(long Messages, long Volume, long Responses, long Waiting, long Expired, long Delayed)
{
    public static readonly ChannelStats Zero = new(0, 0, 0, 0, 0, 0);
}

/// <summary>One row of the channel list (shared/kubemq-protocol.md section 6).</summary>
public sealed record ChannelInfo(
    string Name,
    ChannelType Type,
    long LastActivityUnixMs,
    bool IsActive,
    ChannelStats Incoming,
    ChannelStats Outgoing);
