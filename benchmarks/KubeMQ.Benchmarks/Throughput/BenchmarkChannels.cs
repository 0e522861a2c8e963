using System.Net.Http;
using Grpc.Net.Client;

namespace KubeMQ.Benchmarks.Throughput;

/// <summary>gRPC channels for raw-stub scenarios, set up as the core client sets up its own (several HTTP/2 connections).</summary>
internal static class BenchmarkChannels
{
    public static GrpcChannel Create(Uri address) => GrpcChannel.ForAddress(address, new GrpcChannelOptions
    {
        HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true, PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan },
        MaxReceiveMessageSize = 100 * 1024 * 1024,
        MaxSendMessageSize = 100 * 1024 * 1024,
    });
}
