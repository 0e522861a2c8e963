using KubeMQ.Benchmarks.Contracts;
using KubeMQ.Benchmarks.Patterns.Receivers;
using KubeMQ.Client;
using KubeMQ.Typed;
using Microsoft.Extensions.DependencyInjection;

namespace KubeMQ.Benchmarks.Patterns;

/// <summary>Query round trips: a 1 KB query echoed back by the responder as a 1 KB reply, which the caller reads.</summary>
internal sealed class QueryScenario(ScenarioPath path, int concurrency) : RoundTripScenario("query", path, concurrency)
{
    private const string Method = "Echo";
    private KubeMQSubscription? _subscription;

    protected override string Channel => BenchmarkChannelNames.Queries;

    protected override void RegisterTyped(KubeMQBuilder builder) =>
        builder.AddBenchmarkQueriesClient().AddBenchmarkQueriesResponder<BenchmarkQueriesResponder>();

    protected override Task StartCoreAsync(CancellationToken cancellationToken)
    {
        _subscription = Client.SubscribeToQueries(new RequestsSubscription { Channel = Channel }, (request, _) =>
        {
            if (request.Metadata != Method)
                return new ValueTask<RequestReply>(RequestReply.Failed($"unknown method '{request.Metadata}'"));
            var echoed = HandWrittenJson.Read(request.Body);
            return new ValueTask<RequestReply>(new RequestReply { Body = HandWrittenJson.Serialize(echoed), Tags = HandWrittenJson.Tags });
        });
        return Task.CompletedTask;
    }

    protected override Func<BenchmarkPayload, ValueTask> CreateCaller()
    {
        if (IsTyped)
        {
            var proxy = Services.GetRequiredService<IBenchmarkQueries>();
            return async payload => Check(payload, await proxy.Echo(payload).ConfigureAwait(false));
        }
        var json = new HandWrittenJson();
        return async payload =>
        {
            var response = await Client.SendQueryAsync(new QueryRequest
            {
                Channel = Channel,
                Metadata = Method,
                Body = json.Write(payload),
                Tags = HandWrittenJson.Tags,
            }).ConfigureAwait(false);
            if (!response.Executed)
                throw new KubeMQRemoteException(response.Error ?? "the query was not executed");
            Check(payload, HandWrittenJson.Read(response.Body));
        };
    }

    private static void Check(BenchmarkPayload sent, BenchmarkPayload reply)
    {
        if (reply.Sequence != sent.Sequence)
            throw new InvalidOperationException($"query {sent.Sequence} was answered with {reply.Sequence}");
    }

    protected override async ValueTask StopCoreAsync()
    {
        if (_subscription is not null)
            await _subscription.DisposeAsync().ConfigureAwait(false);
    }
}
