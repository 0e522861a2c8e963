using KubeMQ.Broker.Channels;

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
        Catalogs = [];
    }

    public IReadOnlyList<IChannelCatalog> Catalogs { get; }

    public void Dispose()
    {
    }
}
