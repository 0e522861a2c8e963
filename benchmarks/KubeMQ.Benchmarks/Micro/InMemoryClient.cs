using Google.Protobuf;
using KubeMQ.Client;

namespace KubeMQ.Benchmarks.Micro;

/// <summary>
/// A real <see cref="KubeMQClient"/> whose one gRPC channel sends through a <see cref="CannedGrpcHandler"/>
/// (<see cref="KubeMQClientOptions.HttpHandler"/>): everything the client does per call — validation, wire
/// conversion, call options, protobuf, the gRPC framing — still runs; only the network is gone.
/// </summary>
internal static class InMemoryClient
{
    public static KubeMQClient Create(IReadOnlyDictionary<string, IMessage> replies, bool yield = false) =>
        new(new KubeMQClientOptions
        {
            Address = "http://127.0.0.1:9",
            ClientId = "micro",
            HttpHandler = new CannedGrpcHandler(replies, yield),
        });
}
