using KubeMQ.Broker.Channels;

namespace KubeMQ.Broker.Hosting;

/// <summary>
/// The broker's state, one per broker instance (many brokers may live in one process, so nothing here is static).
/// Each pattern engine owns its own channels; this object only wires them together for the gRPC service.
/// </summary>
internal sealed class BrokerRuntime : IDisposable
{
    private readonly CancellationTokenSource _shutdown = new();

    public BrokerRuntime(KubeMQBrokerOptions options, TimeProvider time)
    {
        Options = options;
        Time = time;
        StartedAt = time.GetUtcNow();
        Engines = new PatternEngines(this);
    }

    public KubeMQBrokerOptions Options { get; }

    public TimeProvider Time { get; }

    public DateTimeOffset StartedAt { get; }

    public OpenStreams Streams { get; } = new();

    /// <summary>Cancelled when the broker begins to stop; long-running handlers end (queues send CloseByServer first).</summary>
    public CancellationToken ShuttingDown => _shutdown.Token;

    public PatternEngines Engines { get; }

    public IEnumerable<IChannelCatalog> Catalogs => Engines.Catalogs;

    public void BeginShutdown() => _shutdown.Cancel();

    public long UnixNanosNow() => (Time.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks * 100;

    public void Dispose()
    {
        _shutdown.Cancel();
        Engines.Dispose();
        _shutdown.Dispose();
    }
}
