using System.Diagnostics;
using System.Reflection;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using KubeMQ.Benchmarks.Contracts;
using KubeMQ.Benchmarks.Patterns;
using KubeMQ.Benchmarks.Patterns.Receivers;
using KubeMQ.Client;
using KubeMQ.Typed;
using KubeMQ.Typed.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace KubeMQ.Benchmarks.Micro;

/// <summary>
/// The receiving side with no transport: a pre-built request handed to the generated responder binding against the
/// same work written by hand. "dispatch" is the generated method switch (read arguments, call the responder, write
/// the result); "handle" is everything the binding does per request (scope, deadline, context, reply) against the
/// handler a core-client user passes to SubscribeToQueries/SubscribeToCommands.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class ResponderDispatchBenchmarks
{
    private delegate ValueTask<ReadOnlyMemory<byte>> Dispatch(IServiceProvider services, string method, ReadOnlyMemory<byte> body, KubeMQRequestContext context);

    private ServiceProvider _services = null!;
    private AsyncServiceScope _scope;
    private ReadOnlyMemory<byte> _body;
    private KubeMQRequestContext _queryContext = null!;
    private KubeMQRequestContext _commandContext = null!;
    private RequestReceived _query = null!;
    private RequestReceived _command = null!;
    private Dispatch _queryDispatch = null!;
    private Dispatch _commandDispatch = null!;
    private Func<RequestReceived, CancellationToken, ValueTask<RequestReply>> _queryHandle = null!;
    private Func<RequestReceived, CancellationToken, ValueTask<RequestReply>> _commandHandle = null!;

    [GlobalSetup]
    public void Setup()
    {
        var services = new ServiceCollection();
        services.AddSingleton(new DeliveryProbe());
        services.AddKubeMQ(o => o.Address = "http://127.0.0.1:9")
            .AddBenchmarkQueriesResponder<BenchmarkQueriesResponder>()
            .AddBenchmarkCommandsResponder<BenchmarkCommandsResponder>();
        _services = services.BuildServiceProvider();
        _scope = _services.CreateAsyncScope();
        var bindings = _services.GetServices<IKubeMQBinding>().ToList();
        var queries = bindings.OfType<BenchmarkQueriesResponderBinding>().Single();
        var commands = bindings.OfType<BenchmarkCommandsResponderBinding>().Single();

        // Generated bindings keep DispatchAsync protected and HandleAsync private; delegates bound once reach them
        // without reflection in the measured calls (a delegate call costs the same on both sides of a comparison).
        var dispatch = typeof(KubeMQResponderBinding).GetMethod("DispatchAsync", BindingFlags.Instance | BindingFlags.NonPublic)!;
        var handle = typeof(KubeMQResponderBinding).GetMethod("HandleAsync", BindingFlags.Instance | BindingFlags.NonPublic)
                     ?? throw new InvalidOperationException("KubeMQResponderBinding.HandleAsync was renamed; update the micro-benchmark.");
        _queryDispatch = dispatch.CreateDelegate<Dispatch>(queries);
        _commandDispatch = dispatch.CreateDelegate<Dispatch>(commands);
        _queryHandle = handle.CreateDelegate<Func<RequestReceived, CancellationToken, ValueTask<RequestReply>>>(queries);
        _commandHandle = handle.CreateDelegate<Func<RequestReceived, CancellationToken, ValueTask<RequestReply>>>(commands);

        _body = HandWrittenJson.Serialize(BenchmarkPayload.Create(Stopwatch.GetTimestamp(), 1));
        _queryContext = new KubeMQRequestContext { Channel = BenchmarkChannelNames.Queries, Method = "Echo", Pattern = KubeMQPattern.Queries };
        _commandContext = new KubeMQRequestContext { Channel = BenchmarkChannelNames.Commands, Method = "Apply", Pattern = KubeMQPattern.Commands };
        _query = Request(RequestKind.Query, BenchmarkChannelNames.Queries, "Echo");
        _command = Request(RequestKind.Command, BenchmarkChannelNames.Commands, "Apply");
    }

    private RequestReceived Request(RequestKind kind, string channel, string method) => new()
    {
        Id = "request-1",
        Kind = kind,
        Channel = channel,
        Metadata = method,
        Body = _body,
        Tags = HandWrittenJson.Tags,
        Timeout = TimeSpan.FromSeconds(10),
        ReplyChannel = "reply",
    };

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _scope.DisposeAsync().ConfigureAwait(false);
        await _services.DisposeAsync().ConfigureAwait(false);
    }

    [Benchmark(Baseline = true, Description = "hand-written dispatch"), BenchmarkCategory("query dispatch")]
    public async ValueTask<ReadOnlyMemory<byte>> QueryDispatchHandWritten()
    {
        switch (_queryContext.Method)
        {
            case "Echo":
                var payload = HandWrittenJson.Read(_body);
                var result = await _scope.ServiceProvider.GetRequiredService<BenchmarkQueriesResponder>().Echo(payload, _queryContext).ConfigureAwait(false);
                return HandWrittenJson.Serialize(result);
            default:
                throw new InvalidOperationException("unknown method");
        }
    }

    [Benchmark(Description = "generated dispatch"), BenchmarkCategory("query dispatch")]
    public ValueTask<ReadOnlyMemory<byte>> QueryDispatchGenerated() => _queryDispatch(_scope.ServiceProvider, "Echo", _body, _queryContext);

    [Benchmark(Baseline = true, Description = "hand-written dispatch"), BenchmarkCategory("command dispatch")]
    public async ValueTask<ReadOnlyMemory<byte>> CommandDispatchHandWritten()
    {
        switch (_commandContext.Method)
        {
            case "Apply":
                var payload = HandWrittenJson.Read(_body);
                await _scope.ServiceProvider.GetRequiredService<BenchmarkCommandsResponder>().Apply(payload, _commandContext).ConfigureAwait(false);
                return ReadOnlyMemory<byte>.Empty;
            default:
                throw new InvalidOperationException("unknown method");
        }
    }

    [Benchmark(Description = "generated dispatch"), BenchmarkCategory("command dispatch")]
    public ValueTask<ReadOnlyMemory<byte>> CommandDispatchGenerated() => _commandDispatch(_scope.ServiceProvider, "Apply", _body, _commandContext);

    /// <summary>What a core user's SubscribeToQueries handler does (as in the throughput harness).</summary>
    [Benchmark(Baseline = true, Description = "core handler"), BenchmarkCategory("query handle")]
    public ValueTask<RequestReply> QueryHandleCore()
    {
        if (_query.Metadata != "Echo")
            return new ValueTask<RequestReply>(RequestReply.Failed("unknown method"));
        var echoed = HandWrittenJson.Read(_query.Body);
        return new ValueTask<RequestReply>(new RequestReply { Body = HandWrittenJson.Serialize(echoed), Tags = HandWrittenJson.Tags });
    }

    [Benchmark(Description = "generated binding"), BenchmarkCategory("query handle")]
    public ValueTask<RequestReply> QueryHandleBinding() => _queryHandle(_query, CancellationToken.None);

    [Benchmark(Baseline = true, Description = "core handler"), BenchmarkCategory("command handle")]
    public ValueTask<RequestReply> CommandHandleCore()
    {
        if (_command.Metadata != "Apply")
            return new ValueTask<RequestReply>(RequestReply.Failed("unknown method"));
        HandWrittenJson.Read(_command.Body);
        return new ValueTask<RequestReply>(RequestReply.Success);
    }

    [Benchmark(Description = "generated binding"), BenchmarkCategory("command handle")]
    public ValueTask<RequestReply> CommandHandleBinding() => _commandHandle(_command, CancellationToken.None);
}
