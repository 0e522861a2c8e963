namespace KubeMQ.Broker.Channels;

/// <summary>
/// The live counters of one channel of the events, events-store, commands or queries pattern, updated with interlocked
/// operations on the publish path and read as a <see cref="ChannelInfo"/> row by channel management.
/// </summary>
internal sealed class ChannelActivity(TimeProvider time)
{
    private long _incomingMessages;
    private long _incomingVolume;
    private long _incomingResponses;
    private long _outgoingMessages;
    private long _outgoingVolume;
    private long _outgoingResponses;
    private long _lastActivityUnixMs = time.GetUtcNow().ToUnixTimeMilliseconds();

    public void RecordIncoming(long volume)
    {
        Interlocked.Increment(ref _incomingMessages);
        Interlocked.Add(ref _incomingVolume, volume);
        Touch();
    }

    public void RecordOutgoing(int messages, long volumeEach)
    {
        if (messages == 0)
            return;
        Interlocked.Add(ref _outgoingMessages, messages);
        Interlocked.Add(ref _outgoingVolume, messages * volumeEach);
        Touch();
    }

    /// <summary>A responder's reply accepted for a request of this channel.</summary>
    public void RecordResponseReceived()
    {
        Interlocked.Increment(ref _incomingResponses);
        Touch();
    }

    /// <summary>A response handed back to a sender, from a responder or from the query cache.</summary>
    public void RecordResponseReturned()
    {
        Interlocked.Increment(ref _outgoingResponses);
        Touch();
    }

    public void Touch() => Volatile.Write(ref _lastActivityUnixMs, time.GetUtcNow().ToUnixTimeMilliseconds());

    public ChannelInfo ToInfo(string name, ChannelType type, bool isActive) => new(
        name,
        type,
        Volatile.Read(ref _lastActivityUnixMs),
        isActive,
        new ChannelStats(Volatile.Read(ref _incomingMessages), Volatile.Read(ref _incomingVolume), Volatile.Read(ref _incomingResponses), 0, 0, 0),
        new ChannelStats(Volatile.Read(ref _outgoingMessages), Volatile.Read(ref _outgoingVolume), Volatile.Read(ref _outgoingResponses), 0, 0, 0));
}
