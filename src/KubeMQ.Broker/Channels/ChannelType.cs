namespace KubeMQ.Broker.Channels;

/// <summary>The five channel namespaces. The same name in two types names two unrelated channels.</summary>
public enum ChannelType
{
    Events,
    EventsStore,
    Commands,
    Queries,
    Queues,
}
