using KubeMQ.Broker.Channels;

namespace KubeMQ.Broker.Queues;

/// <summary>
/// The queues rows of channel management. Incoming counts what was sent, outgoing what was delivered; waiting,
/// expired and delayed describe the queue as a whole, so both directions report them.
/// </summary>
internal sealed class QueueCatalog(QueueEngine engine) : IChannelCatalog
{
    public ChannelType Type => ChannelType.Queues;

    public void Create(string name) => engine.GetOrCreate(name);

    public bool Delete(string name) => engine.Delete(name);

    public IReadOnlyList<ChannelInfo> List()
    {
        var rows = new List<ChannelInfo>();
        foreach (var queue in engine.Queues)
        {
            var s = queue.Statistics();
            rows.Add(new ChannelInfo(
                s.Name,
                ChannelType.Queues,
                s.LastActivityUnixMs,
                IsActive: s.Consumers > 0 || s.InFlight > 0,
                Incoming: new ChannelStats(s.Sent, s.SentBytes, 0, s.Waiting, s.Expired, s.Delayed),
                Outgoing: new ChannelStats(s.Delivered, s.DeliveredBytes, 0, s.Waiting, s.Expired, s.Delayed)));
        }
        rows.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        return rows;
    }
}
