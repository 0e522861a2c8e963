using KubeMQ.Benchmarks.Throughput;
using KubeMQ.Broker;
using KubeMQ.Client;
using KubeMQ.Typed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace KubeMQ.Benchmarks.Patterns;

/// <summary>
/// A pattern measured against its own embedded broker on loopback (fresh per scenario, so no scenario inherits
/// another's queues, stored events or subscriptions). Core paths use a plain <see cref="KubeMQClient"/>; typed paths
/// resolve the proxy and start the generated receivers from a DI container, as an application would.
/// </summary>
internal abstract class BrokerScenario(string pattern, ScenarioPath path, int concurrency) : ThroughputScenario
{
    private KubeMQBroker? _broker;
    private ServiceProvider? _services;
    private KubeMQClient? _client;
    private IHostedService[] _hosted = [];

    public override string Pattern => pattern;

    public override string Path => ScenarioPath == ScenarioPath.Typed ? "typed" : "core";

    public override int Concurrency => concurrency;

    protected ScenarioPath ScenarioPath => path;

    protected bool IsTyped => path == ScenarioPath.Typed;

    protected DeliveryProbe Probe { get; } = new();

    /// <summary>The core client, or in typed scenarios the one the typed layer shares.</summary>
    protected KubeMQClient Client => _client ?? throw new InvalidOperationException("The scenario is not set up.");

    protected IServiceProvider Services => _services ?? throw new InvalidOperationException("Only typed scenarios have services.");

    public override async Task SetupAsync(CancellationToken cancellationToken)
    {
        _broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions(), cancellationToken).ConfigureAwait(false);
        var address = _broker.Address.ToString();
        if (IsTyped)
        {
            var services = new ServiceCollection();
            services.AddSingleton(Probe);
            RegisterTyped(services.AddKubeMQ(o => o.Address = address));
            _services = services.BuildServiceProvider();
            _client = _services.GetRequiredService<KubeMQClient>();
            _hosted = _services.GetServices<IHostedService>().ToArray();
            foreach (var hosted in _hosted)
                await hosted.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            _client = new KubeMQClient(new KubeMQClientOptions { Address = address });
            await StartCoreAsync(cancellationToken).ConfigureAwait(false);
        }
        await WaitUntilReceivingAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Registers the typed client and the generated receiver of this pattern.</summary>
    protected abstract void RegisterTyped(KubeMQBuilder builder);

    /// <summary>Opens the core streams and starts the hand-written receiver.</summary>
    protected abstract Task StartCoreAsync(CancellationToken cancellationToken);

    /// <summary>Returns once the receiver is subscribed (a subscription registers asynchronously on the broker).</summary>
    protected abstract Task WaitUntilReceivingAsync(CancellationToken cancellationToken);

    protected virtual ValueTask StopCoreAsync() => ValueTask.CompletedTask;

    public override async ValueTask DisposeAsync()
    {
        for (var i = _hosted.Length - 1; i >= 0; i--)
            await _hosted[i].StopAsync(CancellationToken.None).ConfigureAwait(false);
        if (_services is not null)
            await _services.DisposeAsync().ConfigureAwait(false);
        else if (_client is not null)
        {
            await StopCoreAsync().ConfigureAwait(false);
            await _client.DisposeAsync().ConfigureAwait(false);
        }
        if (_broker is not null)
            await _broker.DisposeAsync().ConfigureAwait(false);
    }
}
