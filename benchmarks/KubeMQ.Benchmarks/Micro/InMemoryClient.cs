using System.Reflection;
using Google.Protobuf;
using Grpc.Net.Client;
using KubeMQ.Client;
using KubeMQ.Grpc;

namespace KubeMQ.Benchmarks.Micro;

/// <summary>
/// A real <see cref="KubeMQClient"/> whose gRPC stub talks to a <see cref="CannedGrpcHandler"/>. The client has no
/// public seam for its transport, so setup swaps the stub in by reflection (once, outside the measured code);
/// everything the client does per call — validation, wire conversion, call options, protobuf — still runs.
/// </summary>
internal static class InMemoryClient
{
    public static KubeMQClient Create(IReadOnlyDictionary<string, IMessage> replies, bool yield = false)
    {
        var client = new KubeMQClient(new KubeMQClientOptions { Address = "http://127.0.0.1:9", ClientId = "micro" });
        var channel = GrpcChannel.ForAddress("http://127.0.0.1:9", new GrpcChannelOptions
        {
            HttpHandler = new CannedGrpcHandler(replies, yield),
            DisposeHttpClient = true,
        });
        var stub = typeof(KubeMQClient).GetField("<Grpc>k__BackingField", BindingFlags.Instance | BindingFlags.NonPublic)
                   ?? throw new InvalidOperationException("KubeMQClient no longer keeps its stub in an auto-property named Grpc; update the micro-benchmark seam.");
        stub.SetValue(client, new kubemq.kubemqClient(channel));
        return client;
    }
}
