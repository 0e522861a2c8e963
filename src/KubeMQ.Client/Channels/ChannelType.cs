namespace KubeMQ.Client;

/// <summary>The five kinds of KubeMQ channel; the same name in two kinds means two unrelated channels.</summary>
public enum ChannelType
{
    Events,
    EventsStore,
    Commands,
    Queries,
    Queues,
}
