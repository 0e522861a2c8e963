using System.Text;
using KubeMQ.Broker;
using KubeMQ.Client;
using KubeMQ.Typed.Tests.Contracts;
using KubeMQ.Typed.Tests.Support;

namespace KubeMQ.Typed.Tests;

public sealed class QueryContractTests
{
    private static async Task<TypedHost> StartAsync(KubeMQBroker broker)
    {
        var host = await TypedHost.StartAsync(broker, kubemq => kubemq
            .AddProductQueriesClient()
            .AddProductQueriesResponder<ProductCatalog>()
            .AddTroubleQueriesClient()
            .AddTroubleQueriesResponder<TroubleResponder>());
        await Readiness.QueriesAsync(broker, "typed.queries.products");
        await Readiness.QueriesAsync(broker, "typed.queries.troubles");
        return host;
    }

    [Fact]
    public async Task Typed_query_returns_the_responders_result()
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        await using var host = await StartAsync(broker);

        var product = await host.Get<IProductQueries>().Get(42);

        Assert.Equal(new Product(42, "Product 42", 63m), product);
    }

    [Fact]
    public async Task Several_parameters_arrive_by_name_and_a_list_result_comes_back()
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        await using var host = await StartAsync(broker);

        var found = await host.Get<IProductQueries>().Search("lamp", 3);

        Assert.Equal(["lamp 1", "lamp 2", "lamp 3"], found.Select(p => p.Name));
        Assert.Equal([("lamp", 3)], host.Recorder.Get<(string, int)>("search"));
    }

    [Fact]
    public async Task Cached_query_is_answered_by_the_broker_cache_without_calling_the_responder_again()
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        await using var host = await StartAsync(broker);
        var queries = host.Get<IProductQueries>();

        var first = await queries.Get(7);
        var second = await queries.Get(7);
        await queries.Get(8);

        Assert.Equal(first, second);
        Assert.Equal([7, 8], host.Recorder.Get<int>("get"));
        // The key is the documented template, so any client can share the entry.
        await using var raw = TypedHost.RawClient(broker);
        var cached = await raw.SendQueryAsync(new QueryRequest
        {
            Channel = "typed.queries.products",
            Metadata = "Get",
            Body = "7"u8.ToArray(),
            CacheKey = "product:7",
            CacheTtl = TimeSpan.FromSeconds(60),
        });
        Assert.True(cached.CacheHit);
        Assert.Equal("""{"Id":7,"Name":"Product 7","Price":10.5}""", Encoding.UTF8.GetString(cached.Body.Span));
    }

    [Fact]
    public async Task Query_without_a_key_template_is_cached_by_method_and_arguments()
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        await using var host = await StartAsync(broker);
        var queries = host.Get<IProductQueries>();

        await queries.Search("desk", 2);
        await queries.Search("desk", 2);
        await queries.Search("desk", 1);

        Assert.Equal([("desk", 2), ("desk", 1)], host.Recorder.Get<(string, int)>("search"));
    }

    [Fact]
    public async Task Responder_exception_surfaces_as_KubeMQResponderException_with_type_and_message()
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        await using var host = await StartAsync(broker);

        var error = await Assert.ThrowsAsync<KubeMQResponderException>(() => host.Get<ITroubleQueries>().Fail("lamps"));

        Assert.Equal("System.InvalidOperationException", error.RemoteExceptionType);
        Assert.Equal("cannot serve lamps", error.RemoteMessage);
        Assert.Equal("System.InvalidOperationException: cannot serve lamps", error.ErrorText);
        Assert.Equal("Fail", error.Method);
        Assert.Equal(KubeMQErrorKind.Remote, error.Kind);
    }

    [Fact]
    public async Task Malformed_payload_and_unknown_method_get_error_replies_and_the_responder_keeps_serving()
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        await using var host = await StartAsync(broker);
        await using var raw = TypedHost.RawClient(broker);

        var malformed = await raw.SendQueryAsync(new QueryRequest
        {
            Channel = "typed.queries.troubles",
            Metadata = "Echo",
            Body = "{not json"u8.ToArray(),
        });
        var wrongType = await raw.SendQueryAsync(new QueryRequest
        {
            Channel = "typed.queries.troubles",
            Metadata = "Echo",
            Body = "\"seven\""u8.ToArray(),
        });
        var unknown = await raw.SendQueryAsync(new QueryRequest
        {
            Channel = "typed.queries.troubles",
            Metadata = "NoSuchMethod",
            Body = "1"u8.ToArray(),
        });

        Assert.False(malformed.Executed);
        Assert.StartsWith("KubeMQ.Typed.KubeMQPayloadException: ", malformed.Error);
        Assert.False(wrongType.Executed);
        Assert.StartsWith("KubeMQ.Typed.KubeMQPayloadException: ", wrongType.Error);
        Assert.False(unknown.Executed);
        Assert.StartsWith("KubeMQ.Typed.KubeMQUnknownMethodException: ", unknown.Error);
        Assert.Contains("NoSuchMethod", unknown.Error);
        Assert.Equal(5, await host.Get<ITroubleQueries>().Echo(5));
        Assert.Equal([5], host.Recorder.Get<int>("echo"));
    }

    [Fact]
    public async Task Query_past_its_timeout_throws_KubeMQTimeoutException_and_cancels_the_responders_context()
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        await using var host = await StartAsync(broker);

        await Assert.ThrowsAsync<KubeMQTimeoutException>(() => host.Get<ITroubleQueries>().Hang("slow"));

        await host.Recorder.WaitForAsync<string>("hang-cancelled", 1);
        Assert.Equal(["slow"], host.Recorder.Get<string>("hang-started"));
    }

    [Fact]
    public async Task Cancelling_the_callers_token_cancels_the_query()
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        await using var host = await StartAsync(broker);
        using var cancellation = new CancellationTokenSource();

        var call = host.Get<ITroubleQueries>().Block("cancel-me", cancellation.Token);
        await host.Recorder.WaitForAsync<string>("hang-started", 1);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
    }

    [Fact]
    public async Task Already_cancelled_token_fails_before_reaching_the_responder()
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        await using var host = await StartAsync(broker);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => host.Get<IProductQueries>().Get(1, new CancellationToken(canceled: true)));

        Assert.Empty(host.Recorder.Get<int>("get"));
    }

    [Fact]
    public async Task Query_with_no_responder_times_out_with_KubeMQTimeoutException()
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        // Only the proxy: no responder is registered, so the broker holds the query for its whole 1 s timeout.
        await using var host = await TypedHost.StartAsync(broker, kubemq => kubemq.AddTroubleQueriesClient());

        await Assert.ThrowsAsync<KubeMQTimeoutException>(() => host.Get<ITroubleQueries>().Hang("nobody"));
    }

    [Fact]
    public async Task Responders_in_one_group_answer_each_query_once_between_them()
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        await using var host = await TypedHost.StartAsync(broker, kubemq => kubemq
            .AddProductQueriesClient()
            .AddProductQueriesResponder<CatalogReplicaA>(o => o.Group = "catalog")
            .AddProductQueriesResponder<CatalogReplicaB>(o => o.Group = "catalog"));
        await Readiness.QueriesAsync(broker, "typed.queries.products");

        // Distinct ids, so the broker cache answers none of them.
        for (var id = 100; id < 110; id++)
            Assert.Equal(id, (await host.Get<IProductQueries>().Get(id)).Id);

        Assert.Equal(Enumerable.Range(100, 10), host.Recorder.Get<int>("replica").Order());
    }
}
