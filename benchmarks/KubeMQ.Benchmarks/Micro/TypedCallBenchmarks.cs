using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Google.Protobuf;
using KubeMQ.Benchmarks.Contracts;
using KubeMQ.Benchmarks.Patterns;
using KubeMQ.Client;
using KubeMQ.Grpc;

namespace KubeMQ.Benchmarks.Micro;

/// <summary>
/// One call through a generated proxy against the same call written by hand on the core client with the same
/// JsonSerializerContext, over a transport that answers at once: the difference is the typed layer's cost per call.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class TypedCallBenchmarks
{
    private readonly BenchmarkPayload _payload = BenchmarkPayload.Create(Stopwatch.GetTimestamp(), 1);
    private KubeMQClient _client = null!;
    private IBenchmarkQueries _queries = null!;
    private IBenchmarkCommands _commands = null!;
    private IBenchmarkEvents _events = null!;
    private HandWrittenJson _json = null!;

    [GlobalSetup]
    public void Setup()
    {
        var echo = new Response
        {
            RequestID = "r",
            ClientID = "micro",
            Executed = true,
            Metadata = "Echo",
            Body = ByteString.CopyFrom(HandWrittenJson.Serialize(_payload).Span),
        };
        _client = InMemoryClient.Create(new Dictionary<string, IMessage>
        {
            ["SendRequest"] = echo,
            ["SendEvent"] = new Result { EventID = "e", Sent = true },
        });
        _queries = new BenchmarkQueriesProxy(_client);
        _commands = new BenchmarkCommandsProxy(_client);
        _events = new BenchmarkEventsProxy(_client);
        _json = new HandWrittenJson();
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await _client.DisposeAsync().ConfigureAwait(false);

    [Benchmark(Baseline = true, Description = "hand-written core"), BenchmarkCategory("query")]
    public async Task<BenchmarkPayload> QueryCore()
    {
        var response = await _client.SendQueryAsync(new QueryRequest
        {
            Channel = BenchmarkChannelNames.Queries,
            Metadata = "Echo",
            Body = _json.Write(_payload),
            Tags = HandWrittenJson.Tags,
        }).ConfigureAwait(false);
        if (!response.Executed)
            throw new KubeMQRemoteException(response.Error ?? "not executed");
        return HandWrittenJson.Read(response.Body);
    }

    [Benchmark(Description = "generated proxy"), BenchmarkCategory("query")]
    public Task<BenchmarkPayload> QueryTyped() => _queries.Echo(_payload);

    [Benchmark(Baseline = true, Description = "hand-written core"), BenchmarkCategory("command")]
    public async Task CommandCore()
    {
        var response = await _client.SendCommandAsync(new CommandRequest
        {
            Channel = BenchmarkChannelNames.Commands,
            Metadata = "Apply",
            Body = _json.Write(_payload),
            Tags = HandWrittenJson.Tags,
        }).ConfigureAwait(false);
        if (!response.Executed)
            throw new KubeMQRemoteException(response.Error ?? "not executed");
    }

    [Benchmark(Description = "generated proxy"), BenchmarkCategory("command")]
    public Task CommandTyped() => _commands.Apply(_payload);

    [Benchmark(Baseline = true, Description = "hand-written core"), BenchmarkCategory("event")]
    public Task EventCore() => _client.SendEventAsync(new EventMessage
    {
        Channel = BenchmarkChannelNames.Events,
        Metadata = "Published",
        Body = _json.Write(_payload),
        Tags = HandWrittenJson.Tags,
    });

    [Benchmark(Description = "generated proxy"), BenchmarkCategory("event")]
    public Task EventTyped() => _events.Published(_payload);
}
