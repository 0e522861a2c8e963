using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using Google.Protobuf;
using KubeMQ.Benchmarks.Contracts;
using KubeMQ.Benchmarks.Patterns;
using KubeMQ.Client;
using KubeMQ.Grpc;

namespace KubeMQ.Benchmarks.Micro;

/// <summary>
/// Queries with 64 in flight at once (as in the c=64 throughput rows), per call: shows what per-call state costs
/// once more callers than a pool holds are active. The transport completes each call asynchronously.
/// </summary>
[MemoryDiagnoser]
public class ConcurrentCallBenchmarks
{
    private const int InFlight = 64;
    private readonly BenchmarkPayload _payload = BenchmarkPayload.Create(Stopwatch.GetTimestamp(), 1);
    private readonly Task<BenchmarkPayload>[] _calls = new Task<BenchmarkPayload>[InFlight];
    private KubeMQClient _client = null!;
    private IBenchmarkQueries _queries = null!;
    private HandWrittenJson[] _json = null!;

    [GlobalSetup]
    public void Setup()
    {
        var echo = new Response { RequestID = "r", Executed = true, Metadata = "Echo", Body = ByteString.CopyFrom(HandWrittenJson.Serialize(_payload).Span) };
        _client = InMemoryClient.Create(new Dictionary<string, IMessage> { ["SendRequest"] = echo }, yield: true);
        _queries = new BenchmarkQueriesProxy(_client);
        // A hand-written caller keeps one buffer per concurrent worker, as the throughput harness does.
        _json = Enumerable.Range(0, InFlight).Select(_ => new HandWrittenJson()).ToArray();
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await _client.DisposeAsync().ConfigureAwait(false);

    [Benchmark(Baseline = true, OperationsPerInvoke = InFlight, Description = "hand-written core x64")]
    public async Task QueryCore()
    {
        for (var i = 0; i < InFlight; i++)
            _calls[i] = QueryCoreAsync(_json[i]);
        await Task.WhenAll(_calls).ConfigureAwait(false);
    }

    [Benchmark(OperationsPerInvoke = InFlight, Description = "generated proxy x64")]
    public async Task QueryTyped()
    {
        for (var i = 0; i < InFlight; i++)
            _calls[i] = _queries.Echo(_payload);
        await Task.WhenAll(_calls).ConfigureAwait(false);
    }

    private async Task<BenchmarkPayload> QueryCoreAsync(HandWrittenJson json)
    {
        var response = await _client.SendQueryAsync(new QueryRequest
        {
            Channel = BenchmarkChannelNames.Queries,
            Metadata = "Echo",
            Body = json.Write(_payload),
            Tags = HandWrittenJson.Tags,
        }).ConfigureAwait(false);
        if (!response.Executed)
            throw new KubeMQRemoteException(response.Error ?? "not executed");
        return HandWrittenJson.Read(response.Body);
    }
}
