using KubeMQ.Broker.Channels;
using KubeMQ.Broker.Events;
using KubeMQ.Broker.EventsStore;
using KubeMQ.Broker.Queues;
using KubeMQ.Broker.Requests;

namespace KubeMQ.Broker.Hosting;

/// <summary>
/// The per-pattern engines of one broker. Shared between the pattern folders: each adds its own engine here and
/// lists its channel catalog in <see cref="Catalogs"/>.
/// </summary>
internal sealed class PatternEngines : IDisposable
{
    public PatternEngines(BrokerRuntime runtime)
    {
        _ = runtime;
        Events = new EventsEngine(runtime.Options, runtime.Time);
        EventsStore = new EventsStoreEngine(runtime);
        Commands = new RequestsEngine(ChannelType.Commands, runtime.Options, runtime.Time, Replies, cache: null);
        Queries = new RequestsEngine(ChannelType.Queries, runtime.Options, runtime.Time, Replies, QueryCache = new QueryCache(runtime.Time));
        Queues = new QueueEngine(runtime);
        Catalogs = [Events, EventsStore, Commands, Queries, Queues.Catalog];
    }

    public EventsEngine Events { get; }

    public EventsStoreEngine EventsStore { get; }

    public RequestsEngine Commands { get; }

    public RequestsEngine Queries { get; }

    /// <summary>Shared by commands and queries: SendResponse names only the reply channel, not the pattern.</summary>
    public PendingReplies Replies { get; } = new();

    public QueryCache QueryCache { get; }

    public QueueEngine Queues { get; }

    public IReadOnlyList<IChannelCatalog> Catalogs { get; }

    public void Dispose()
    {
        Queues.Dispose();
    }
}
