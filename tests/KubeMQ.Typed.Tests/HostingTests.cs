using System.Diagnostics;
using KubeMQ.Broker;
using KubeMQ.Typed.Runtime;
using KubeMQ.Typed.Tests.Contracts;
using KubeMQ.Typed.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace KubeMQ.Typed.Tests;

public sealed class HostingTests
{
    public sealed class ScopedMarker
    {
        public Guid Id { get; } = Guid.NewGuid();
    }

    public sealed class ScopeRecordingCatalog(Recorder recorder, ScopedMarker marker) : IProductQueriesResponder
    {
        public Task<Product> Get(int id, KubeMQRequestContext context)
        {
            recorder.Add("traceparent", context.Tags.TryGetValue(KubeMQWireFormat.TraceParentTag, out var value) ? value : "");
            return Task.FromResult(new Product(id, "traced", 0));
        }

        public Task<IReadOnlyList<Product>> Search(string term, int limit, KubeMQRequestContext context)
        {
            recorder.Add("scope", marker.Id);
            return Task.FromResult<IReadOnlyList<Product>>([]);
        }
    }

    private static async Task<TypedHost> StartAsync(KubeMQBroker broker)
    {
        var host = await TypedHost.StartAsync(broker, kubemq =>
        {
            kubemq.Services.AddScoped<ScopedMarker>();
            kubemq.AddProductQueriesClient().AddProductQueriesResponder<ScopeRecordingCatalog>();
        });
        await Readiness.QueriesAsync(broker, "typed.queries.products");
        return host;
    }

    [Fact]
    public async Task Proxy_is_a_singleton_and_each_message_is_handled_in_its_own_scope()
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        await using var host = await StartAsync(broker);

        Assert.Same(host.Get<IProductQueries>(), host.Get<IProductQueries>());
        await host.Get<IProductQueries>().Search("a", 1);
        await host.Get<IProductQueries>().Search("b", 1);

        var scopes = host.Recorder.Get<Guid>("scope");
        Assert.Equal(2, scopes.Count);
        Assert.NotEqual(scopes[0], scopes[1]);
    }

    [Fact]
    public async Task Callers_trace_context_reaches_the_responder_as_a_traceparent_tag()
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        await using var host = await StartAsync(broker);
        using var activity = new Activity("typed-call").SetIdFormat(ActivityIdFormat.W3C).Start();

        await host.Get<IProductQueries>().Get(1);

        var traceparent = Assert.Single(host.Recorder.Get<string>("traceparent"));
        Assert.Contains(activity.TraceId.ToHexString(), traceparent);
    }
}
