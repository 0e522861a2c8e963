using Grpc.Net.Client;
using KubeMQ.Grpc;

namespace KubeMQ.Broker.Tests;

/// <summary>A broker and a raw generated client on one channel, disposed together.</summary>
internal sealed class BrokerClient : IAsyncDisposable
{
    private BrokerClient(KubeMQBroker broker, GrpcChannel channel)
    {
        Broker = broker;
        Channel = channel;
        Client = new kubemq.kubemqClient(channel);
    }

    public KubeMQBroker Broker { get; }

    public GrpcChannel Channel { get; }

    public kubemq.kubemqClient Client { get; }

    internal Hosting.PatternEngines Engines => Broker.Runtime.Engines;

    public static async Task<BrokerClient> StartAsync(KubeMQBrokerOptions? options = null)
    {
        var broker = await KubeMQBroker.StartAsync(options ?? new KubeMQBrokerOptions());
        return new BrokerClient(broker, GrpcChannel.ForAddress(broker.Address));
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await Broker.DisposeAsync();
    }
}
